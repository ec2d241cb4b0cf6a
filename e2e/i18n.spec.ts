import { test } from '@playwright/test';
import { apiAs, createUser, mainNav, SCREENSHOTS, signIn, watchConsole, expect } from './support/accounts';

test('switching the language to English changes the UI and the date formats', async ({ page, browser }) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  const user = await createUser();
  // Something dated to show: a call logged today (its notification carries the time).
  const api = await apiAs(user);
  const call = await api.post('/api/calls', {
    firstName: 'Iris',
    lastName: 'Dupont',
    phone: '06 98 76 54 32',
    type: 'support',
  });
  expect(call.status()).toBe(201);
  const { id } = (await call.json()) as { id: string };
  expect((await api.post(`/api/calls/${id}/log`, { status: 'reached' })).status()).toBeLessThan(300);
  await api.dispose();

  await signIn(page, user);
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const frenchRange = await page.getByText(/^Du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}$/).textContent();
  expect(frenchRange).toBeTruthy();
  const todayRow = page.getByRole('table', { name: 'Appels du jour' }).getByRole('row').nth(1);
  await expect(todayRow.locator('time')).toHaveText(/^\d{2}:\d{2}$/);

  await page.goto('/settings');
  await page.getByLabel('Langue').selectOption('en');
  await page.getByLabel('Format de date').selectOption('MM/dd/yyyy');
  await page.getByLabel('Format d’heure').selectOption('12h');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();

  // The whole app speaks English at once, without a reload.
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  for (const label of ['Overview', 'All calls', 'Today’s calls', 'Reminders', 'Settings']) {
    await expect(mainNav(page).getByRole('link', { name: label })).toBeVisible();
  }
  await expect(
    page.getByRole('region', { name: 'Profile' }).getByText(/^Preview: \d{2}\/\d{2}\/\d{4} at \d{1,2}:\d{2} (AM|PM)$/),
  ).toBeVisible();

  await page.reload();
  await mainNav(page).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText(/^From \d{2}\/\d{2}\/\d{4} to \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Key indicators' }).getByRole('heading', { name: 'Calls made' }),
  ).toBeVisible();
  const englishRow = page.getByRole('table', { name: 'Today’s calls' }).getByRole('row').nth(1);
  await expect(englishRow.locator('time')).toHaveText(/^\d{1,2}:\d{2} (AM|PM)$/);
  await expect(englishRow).toContainText('Reached');

  await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
  const panel = page.getByRole('region', { name: 'Notifications', exact: true });
  await expect(panel.getByRole('button', { name: 'Mark all as read' })).toBeVisible();
  await expect(panel.getByText('Call logged')).toBeVisible();
  await expect(panel.locator('time').first()).toHaveText(/now|ago/);
  await page.screenshot({ path: `${SCREENSHOTS}/i18n-dashboard-en.png`, fullPage: true });

  // Another browser signing in as this user gets English straight away.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, user);
  await other.goto('/settings');
  await expect(other.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await context.close();
  expect(consoleErrors).toEqual([]);
});
