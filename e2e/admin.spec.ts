import { randomUUID } from 'node:crypto';
import { test, type Page } from '@playwright/test';
import { ADMIN, createUser, DEMO, mainNav, SCREENSHOTS, signIn, watchConsole, expect } from './support/accounts';

async function openUsers(page: Page) {
  await signIn(page, ADMIN);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Utilisateurs' })).toBeVisible();
}

test('an admin creates a user, who can then sign in', async ({ page, browser }) => {
  test.slow();
  const consoleErrors = watchConsole(page, [/status of 409/]);
  await openUsers(page);
  await expect(mainNav(page).getByRole('link', { name: 'Administration' })).toHaveAttribute('aria-current', 'page');
  const email = `new-${randomUUID().slice(0, 8)}@example.com`;

  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
  await dialog.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(dialog.getByText('Saisissez un nom (120 caractères au plus).')).toBeVisible();
  await expect(dialog.getByText('Saisissez une adresse e-mail valide.')).toBeVisible();

  // An address already taken is refused by the API, next to the field; what was typed stays.
  await dialog.getByLabel('Nom').fill('Claire Fontaine');
  await dialog.getByLabel('E-mail').fill(DEMO.email);
  await dialog.getByLabel('Mot de passe initial').fill('bienvenue-claire');
  await dialog.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(dialog.getByText('Un compte existe déjà avec cette adresse.')).toBeVisible();
  await expect(dialog.getByLabel('Nom')).toHaveValue('Claire Fontaine');

  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Compte ${email} créé.` })).toBeVisible();
  await page.getByLabel('Rechercher un utilisateur').fill(email);
  await expect(page).toHaveURL(/q=new-/);
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Claire Fontaine');
  await expect(row).toContainText('Utilisateur');
  await expect(row).toContainText('Actif');
  await expect(row).toContainText('Jamais');
  await page.screenshot({ path: `${SCREENSHOTS}/admin-users-light.png`, fullPage: true });

  // The new account signs in through the login form, and is a plain user.
  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto('/login');
  await newcomer.getByLabel('Adresse e-mail').fill(email);
  await newcomer.getByLabel('Mot de passe', { exact: true }).fill('bienvenue-claire');
  await newcomer.getByRole('button', { name: 'Se connecter' }).click();
  await expect(newcomer).toHaveURL(/\/dashboard$/);
  await expect(newcomer.getByRole('button', { name: /^Menu du compte/ })).toContainText('Claire Fontaine');
  await expect(mainNav(newcomer).getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await context.close();

  // The audit log has the creation, filtered by action.
  await page.getByRole('link', { name: 'Journal d’audit' }).click();
  await expect(page).toHaveURL(/\/admin\/audits$/);
  await page.getByLabel('Action').selectOption('user_created');
  await expect(page).toHaveURL(/action=user_created/);
  const entries = page.getByRole('table', { name: 'Journal d’audit' }).getByRole('row');
  await expect(entries.nth(1)).toContainText('Création d’utilisateur');
  await expect(entries.nth(1)).toContainText(ADMIN.email);
  await expect(entries.filter({ hasText: 'Connexion' })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/admin-audits-light.png`, fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('an admin disables an account and promotes another, after confirming', async ({ page, request }) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  const target = await createUser({ name: `Cible ${randomUUID().slice(0, 6)}` });
  await openUsers(page);
  await page.getByLabel('Rechercher un utilisateur').fill(target.email);
  const row = page.getByRole('row').filter({ hasText: target.email });
  await expect(row).toContainText('Actif');

  await row.getByRole('button', { name: `Actions pour ${target.name}` }).click();
  await page.getByRole('menuitem', { name: 'Désactiver le compte' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Désactiver le compte de ${target.name} ?` });
  await confirm.getByRole('button', { name: 'Confirmer' }).click();
  await expect(row).toContainText('Désactivé');
  // Disabled means no sign-in.
  const login = await request.post('/api/auth/login', { data: { email: target.email, password: target.password } });
  expect(login.status()).toBe(401);

  await row.getByRole('button', { name: `Actions pour ${target.name}` }).click();
  await page.getByRole('menuitem', { name: 'Nommer administrateur' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirmer' }).click();
  await expect(row).toContainText('Administrateur');
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Compte de ${target.name} mis à jour.` })
      .first(),
  ).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a plain user sees neither the admin entry nor the admin pages', async ({ page }) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  const user = await createUser();
  await signIn(page, user);
  await page.goto('/dashboard');
  await expect(mainNav(page).getByRole('link', { name: 'Paramètres' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Administration' })).toHaveCount(0);

  for (const path of ['/admin', '/admin/users', '/admin/audits']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Accès réservé aux administrateurs' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/admin-forbidden-light.png`, fullPage: true });
  // The API says no as well.
  expect((await page.request.get('/api/admin/users')).status()).toBe(403);
  expect(consoleErrors).toEqual([]);
});
