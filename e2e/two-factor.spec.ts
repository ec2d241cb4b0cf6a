import { readFileSync } from 'node:fs';
import { test, type Page } from '@playwright/test';
import {
  ADMIN,
  apiAs,
  createUser,
  expect,
  SCREENSHOTS,
  seriousViolations,
  signIn,
  watchConsole,
  type TestUser,
} from './support/accounts';
import { totpAt } from './support/totp';

/**
 * Two-factor authentication, as a user lives it: turned on in the settings with an authenticator app
 * (played here by RFC 6238 computed with node:crypto, independently of the API's own code), then every
 * sign-in asks for the app's code — or for a recovery code when the phone is not at hand.
 */

const STEP_MS = 30_000;

const currentStep = () => Math.floor(Date.now() / STEP_MS);

/** A code is accepted once: wait for the app to show a new one if the last was used in this step. */
async function nextCode(page: Page, secret: string, lastUsedStep: number) {
  if (currentStep() <= lastUsedStep) await page.waitForTimeout((lastUsedStep + 1) * STEP_MS - Date.now() + 250);
  const step = currentStep();
  return { code: totpAt(secret, step), step };
}

const card = (page: Page) => page.getByRole('region', { name: 'Authentification à deux facteurs', exact: true });
const accountButton = (page: Page) => page.getByRole('button', { name: /^Menu du compte/ });

async function passwordStep(page: Page, user: TestUser) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function signOut(page: Page) {
  await accountButton(page).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login\b/);
}

test('a user turns on two-factor authentication, then signs in with the app’s code or a recovery code', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // Provoked on purpose: one wrong code at sign-in.
  const consoleErrors = watchConsole(page, [/status of 401/]);
  const user = await createUser();

  // Signed in with the password only, the user turns 2FA on from the settings.
  await passwordStep(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/settings');
  const twoFactor = card(page);
  await expect(twoFactor.getByText('Désactivée')).toBeVisible();
  await twoFactor.getByRole('button', { name: 'Activer la double authentification' }).click();
  await twoFactor.getByLabel('Mot de passe').fill(user.password);
  await twoFactor.getByRole('button', { name: 'Continuer' }).click();

  const qr = twoFactor.getByRole('img', { name: 'QR code à scanner avec votre application d’authentification' });
  await expect(qr).toBeVisible();
  // The server's SVG really renders as an image (allowed by the page's CSP img-src).
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const secret = ((await twoFactor.locator('code').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(await seriousViolations(page)).toEqual([]);
  await twoFactor.screenshot({ path: `${SCREENSHOTS}/two-factor-enrolment-light.png` });

  const enrolment = await nextCode(page, secret, -1);
  await twoFactor.getByLabel('Code à 6 chiffres').fill(enrolment.code);
  await twoFactor.getByRole('button', { name: 'Vérifier et activer' }).click();

  // The recovery codes, shown once: listed, and offered as a download.
  const codes = twoFactor.getByRole('list', { name: 'Codes de secours' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allTextContents();
  for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
  const download = page.waitForEvent('download');
  await twoFactor.getByRole('button', { name: 'Télécharger (.txt)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('call-tracking-recovery-codes.txt');
  const saved = readFileSync(await file.path(), 'utf8');
  for (const code of recoveryCodes) expect(saved).toContain(code);
  await twoFactor.getByRole('button', { name: 'J’ai mis mes codes en lieu sûr' }).click();
  await expect(twoFactor.getByText('Activée', { exact: true })).toBeVisible();
  await expect(twoFactor.getByText('10 codes de secours restants.')).toBeVisible();
  await expect(twoFactor.locator('code')).toHaveCount(0);

  // Signing in now takes the password, then the app's code.
  await signOut(page);
  await passwordStep(page, user);
  const verification = page.getByRole('heading', { name: 'Vérification en deux étapes' });
  await expect(verification).toBeVisible();
  await expect(page).toHaveURL(/\/login\b/);
  const codeField = page.getByLabel('Code de vérification');
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(codeField).toHaveAttribute('inputmode', 'numeric');
  await codeField.fill(enrolment.code === '000000' ? '000001' : '000000');
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await expect(page.locator('form').getByRole('alert')).toContainText('Code incorrect.');
  const signIn = await nextCode(page, secret, enrolment.step);
  await codeField.fill(signIn.code);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();

  // Without the phone: a recovery code, once.
  await signOut(page);
  await passwordStep(page, user);
  await expect(verification).toBeVisible();
  await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
  await page.getByLabel('Code de secours').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/settings');
  await expect(card(page).getByText('9 codes de secours restants.')).toBeVisible();

  expect(consoleErrors).toEqual([]);
});

test('a user who lost the phone and the recovery codes gets 2FA reset by an admin, then signs in with the password', async ({
  page,
}) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  const user = await createUser();

  // The user turned 2FA on earlier (through the API, as the settings page does)…
  const userApi = await apiAs(user);
  const setup = await userApi.post('/api/me/mfa/setup', { password: user.password });
  expect(setup.status(), await setup.text()).toBe(200);
  const { secret } = (await setup.json()) as { secret: string };
  const enabled = await userApi.post('/api/me/mfa/enable', { code: (await nextCode(page, secret, -1)).code });
  expect(enabled.status(), await enabled.text()).toBe(200);

  // …and now has neither the phone nor the codes: an admin resets it from the users list.
  await signIn(page, ADMIN);
  await page.goto('/admin/users');
  await page.getByLabel('Rechercher un utilisateur').fill(user.email);
  const row = page.getByRole('row').filter({ hasText: user.email });
  await expect(row).toHaveCount(1);
  await expect(row.getByText('Double authentification activée')).toHaveCount(1);
  await row.getByRole('button', { name: `Actions pour ${user.name}` }).click();
  await page.getByRole('menuitem', { name: 'Réinitialiser la double authentification' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Réinitialiser la double authentification de ${user.name} ?` });
  await expect(confirm).toContainText('ses sessions seront fermées');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/admin-mfa-reset-light.png` });
  await confirm.getByRole('button', { name: 'Confirmer' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Double authentification de ${user.name} réinitialisée` })
      .first(),
  ).toBeVisible();
  await expect(row.getByText('Double authentification activée')).toHaveCount(0);
  // The action is gone from the menu once 2FA is off.
  await row.getByRole('button', { name: `Actions pour ${user.name}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Réinitialiser la double authentification' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The user's earlier session is closed; signing in now takes the password alone.
  expect((await userApi.get('/api/me')).status()).toBe(401);
  await userApi.dispose();
  await signOut(page);
  await passwordStep(page, user);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  await page.goto('/settings');
  await expect(card(page).getByText('Désactivée')).toBeVisible();

  expect(consoleErrors).toEqual([]);
});
