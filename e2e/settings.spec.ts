import { test, type Page } from '@playwright/test';
import { apiAs, createUser, mainNav, signIn, watchConsole, type TestUser, expect } from './support/accounts';

const saveButton = (page: Page) => page.getByRole('button', { name: 'Enregistrer', exact: true });
const section = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

async function settingsOf(user: TestUser) {
  const api = await apiAs(user);
  try {
    const [me, settings] = await Promise.all([api.get('/api/me'), api.get('/api/me/settings')]);
    return {
      me: (await me.json()) as Record<string, unknown>,
      settings: (await settings.json()) as Record<string, unknown>,
    };
  } finally {
    await api.dispose();
  }
}

async function openSettings(page: Page, user: TestUser) {
  await signIn(page, user);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
  await expect(section(page, 'Profil').getByLabel('Nom')).toHaveValue(user.name);
}

test('every settings section is edited, saved, and kept after a reload', async ({ page }) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  const user = await createUser();
  await openSettings(page, user);
  await expect(saveButton(page)).toBeDisabled();
  await expect(page.getByText('Tout est enregistré')).toBeVisible();

  const profile = section(page, 'Profil');
  await profile.getByLabel('Nom').fill('Dominique Leroy');
  await profile.getByLabel('Fuseau horaire').selectOption('America/New_York');
  await profile.getByLabel('Format de date').selectOption('yyyy-MM-dd');
  await profile.getByLabel('Format d’heure').selectOption('12h');
  await expect(saveButton(page)).toBeEnabled();

  const work = section(page, 'Heures de travail et appels');
  await work.getByText('Lundi', { exact: true }).click();
  await work.getByText('Samedi', { exact: true }).click();
  await work.getByLabel('Début de journée').selectOption('08:30');
  await work.getByLabel('Fin de journée').selectOption('17:15');
  await work.getByLabel('Statut proposé après un appel').selectOption('callback');
  await work.getByLabel('Pays des numéros sans indicatif').selectOption('BE');
  await work.getByLabel('Tentatives avant « injoignable »').fill('7');
  await work.getByRole('switch', { name: 'Demander confirmation avant de supprimer un appel' }).uncheck();

  const reminders = section(page, 'Rappels');
  await reminders.getByRole('switch', { name: 'Activer les rappels', exact: true }).uncheck();
  await reminders.getByLabel('Heure de rappel par défaut').selectOption('11:00');
  await reminders.getByLabel('Prévenir avant un rappel (minutes)').fill('30');
  await reminders.getByLabel('Ordre des rappels').selectOption('priority');
  await reminders.getByRole('switch', { name: 'Mettre en avant les rappels urgents' }).uncheck();

  const notifications = section(page, 'Notifications');
  await notifications.getByRole('switch', { name: 'Appels enregistrés' }).uncheck();
  await notifications.getByRole('switch', { name: 'Numéros suspects (faux numéros)' }).uncheck();
  await notifications.getByLabel('Fréquence').selectOption('daily');

  await expect(page.getByText(/modifications? non enregistrées?/)).toBeVisible();
  await saveButton(page).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paramètres enregistrés.' })).toBeVisible();
  await expect(saveButton(page)).toBeDisabled();
  // The header follows the new profile at once.
  await expect(page.getByRole('button', { name: /^Menu du compte/ })).toContainText('Dominique Leroy');

  await page.reload();
  await expect(profile.getByLabel('Nom')).toHaveValue('Dominique Leroy');
  await expect(profile.getByLabel('Fuseau horaire')).toHaveValue('America/New_York');
  await expect(profile.getByLabel('Format de date')).toHaveValue('yyyy-MM-dd');
  await expect(profile.getByLabel('Format d’heure')).toHaveValue('12h');
  await expect(work.getByLabel('Début de journée')).toHaveValue('08:30');
  // Shown in the chosen 12-hour format.
  await expect(work.getByLabel('Début de journée').locator('option:checked')).toHaveText('8:30 AM');
  await expect(work.getByLabel('Fin de journée')).toHaveValue('17:15');
  await expect(work.getByLabel('Statut proposé après un appel')).toHaveValue('callback');
  await expect(work.getByLabel('Pays des numéros sans indicatif')).toHaveValue('BE');
  await expect(work.getByLabel('Tentatives avant « injoignable »')).toHaveValue('7');
  await expect(
    work.getByRole('switch', { name: 'Demander confirmation avant de supprimer un appel' }),
  ).not.toBeChecked();
  await expect(reminders.getByRole('switch', { name: 'Activer les rappels', exact: true })).not.toBeChecked();
  await expect(reminders.getByLabel('Heure de rappel par défaut')).toHaveValue('11:00');
  await expect(reminders.getByLabel('Prévenir avant un rappel (minutes)')).toHaveValue('30');
  await expect(reminders.getByLabel('Ordre des rappels')).toHaveValue('priority');
  await expect(reminders.getByRole('switch', { name: 'Mettre en avant les rappels urgents' })).not.toBeChecked();
  await expect(notifications.getByRole('switch', { name: 'Appels enregistrés' })).not.toBeChecked();
  await expect(notifications.getByRole('switch', { name: 'Numéros suspects (faux numéros)' })).not.toBeChecked();
  await expect(notifications.getByRole('switch', { name: 'Rappels du jour et rappels imminents' })).toBeChecked();
  await expect(notifications.getByLabel('Fréquence')).toHaveValue('daily');

  // And the API agrees.
  const saved = await settingsOf(user);
  expect(saved.me).toMatchObject({
    name: 'Dominique Leroy',
    timezone: 'America/New_York',
    dateFormat: 'yyyy-MM-dd',
    timeFormat: '12h',
    language: 'fr',
  });
  expect(saved.settings).toMatchObject({
    workHours: { days: [2, 3, 4, 5, 6], start: '08:30', end: '17:15' },
    defaultStatusAfterCall: 'callback',
    phoneRegion: 'BE',
    maxAttempts: 7,
    confirmBeforeDelete: false,
    enableReminders: false,
    defaultReminderSlot: '11:00',
    preReminderDelay: 30,
    remindersOrder: 'priority',
    urgentHighlight: false,
    enableNotifications: true,
    notifReminder: true,
    notifCalls: false,
    notifFraud: false,
    notifFrequency: 'daily',
  });
  expect(consoleErrors).toEqual([]);
});

test('an invalid value shows its error in place and saves nothing', async ({ page }) => {
  test.slow();
  const consoleErrors = watchConsole(page, [/status of 400/]);
  const user = await createUser();
  const before = await settingsOf(user);
  await openSettings(page, user);

  // Caught before sending: the day would end before it starts.
  const work = section(page, 'Heures de travail et appels');
  await work.getByLabel('Fin de journée').selectOption('08:00');
  await saveButton(page).click();
  await expect(work.getByText('La fin de journée doit être après le début.')).toBeVisible();
  await expect(work.getByLabel('Fin de journée')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Corrigez les champs signalés' })).toBeVisible();
  await work.getByLabel('Fin de journée').selectOption('18:00');

  // Refused by the API: its field error lands next to the field, and what was typed stays.
  await page.route('**/api/me/settings', async (route) => {
    if (route.request().method() !== 'PATCH') return route.fallback();
    await route.fulfill({
      status: 400,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Validation failed',
        status: 400,
        code: 'validation_failed',
        detail: 'Invalid body: body.preReminderDelay',
        errors: [{ path: 'body.preReminderDelay', message: 'Too big: expected number to be <=1440' }],
      }),
    });
  });
  const reminders = section(page, 'Rappels');
  await reminders.getByLabel('Prévenir avant un rappel (minutes)').fill('45');
  await saveButton(page).click();
  await expect(reminders.getByText('Entre 0 et 1440 minutes.')).toBeVisible();
  await expect(reminders.getByLabel('Prévenir avant un rappel (minutes)')).toHaveValue('45');
  await expect(saveButton(page)).toBeEnabled();
  await page.unroute('**/api/me/settings');

  // A value out of bounds never leaves the browser.
  await reminders.getByLabel('Prévenir avant un rappel (minutes)').fill('5000');
  await saveButton(page).click();
  await expect(reminders.getByText('Entre 0 et 1440 minutes.')).toBeVisible();

  expect(await settingsOf(user)).toEqual(before);
  expect(consoleErrors).toEqual([]);
});

test('leaving with unsaved changes asks first', async ({ page }) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  const user = await createUser();
  await openSettings(page, user);
  await section(page, 'Profil').getByLabel('Nom').fill('Nom en cours');

  await mainNav(page).getByRole('link', { name: 'Tableau de bord' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Quitter sans enregistrer ?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Rester sur la page' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(section(page, 'Profil').getByLabel('Nom')).toHaveValue('Nom en cours');

  await mainNav(page).getByRole('link', { name: 'Tableau de bord' }).click();
  await dialog.getByRole('button', { name: 'Quitter sans enregistrer' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  expect((await settingsOf(user)).me.name).toBe(user.name);
  expect(consoleErrors).toEqual([]);
});

test('the password is changed from the security section, and other sessions are signed out', async ({ page }) => {
  test.slow();
  const consoleErrors = watchConsole(page, [/status of 403/, /status of 400/]);
  const user = await createUser();
  const elsewhere = await apiAs(user);
  await openSettings(page, user);
  const security = section(page, 'Sécurité');

  await security.getByLabel('Mot de passe actuel').fill('not-my-password');
  await security.getByLabel('Nouveau mot de passe', { exact: true }).fill('a brand new passphrase');
  await security.getByLabel('Confirmer le nouveau mot de passe').fill('a brand new passphrase');
  await security.getByRole('button', { name: 'Mettre à jour le mot de passe' }).click();
  await expect(security.getByText('Le mot de passe actuel est incorrect.')).toBeVisible();

  // A common password is refused by the API's policy, with the reason next to the field.
  await security.getByLabel('Mot de passe actuel').fill(user.password);
  await security.getByLabel('Nouveau mot de passe', { exact: true }).fill('azerty123');
  await security.getByLabel('Confirmer le nouveau mot de passe').fill('azerty123');
  await security.getByRole('button', { name: 'Mettre à jour le mot de passe' }).click();
  await expect(security.getByText(/Ce mot de passe est trop courant/)).toBeVisible();
  await expect(security.getByLabel('Nouveau mot de passe', { exact: true })).toBeFocused();

  await security.getByLabel('Nouveau mot de passe', { exact: true }).fill('a brand new passphrase');
  await security.getByLabel('Confirmer le nouveau mot de passe').fill('a brand new passphrase');
  await security.getByRole('button', { name: 'Mettre à jour le mot de passe' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /Mot de passe modifié\. 1 autre session déconnectée\./ }),
  ).toBeVisible();
  await expect(security.getByLabel('Mot de passe actuel')).toHaveValue('');
  // The other session is gone; the new password works, this page's session too.
  expect((await elsewhere.get('/api/me')).status()).toBe(401);
  await elsewhere.dispose();
  const again = await apiAs({ email: user.email, password: 'a brand new passphrase' });
  await again.dispose();

  await security.getByRole('button', { name: 'Déconnecter les autres sessions' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Déconnecter les autres sessions ?' });
  await dialog.getByRole('button', { name: 'Déconnecter', exact: true }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /^(\d+ sessions? déconnectées?\.|Aucune autre session n’était ouverte\.)$/ }),
  ).toBeVisible();
  await page.reload();
  await expect(section(page, 'Profil').getByLabel('Nom')).toHaveValue(user.name);
  expect(consoleErrors).toEqual([]);
});
