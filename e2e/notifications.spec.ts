import { test, type Browser, type Page } from '@playwright/test';
import {
  apiAs,
  createUser,
  SCREENSHOTS,
  seriousViolations,
  signIn,
  watchConsole,
  type TestUser,
  expect,
} from './support/accounts';

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications(, \d+ non lues?)?$/ });
const badge = (page: Page) => page.getByTestId('notification-badge');
const panel = (page: Page) => page.getByRole('region', { name: 'Notifications', exact: true });

/** A second browser, signed in as the same user, logs a call as a wrong number through the API. */
async function logWrongNumberElsewhere(browser: Browser, user: TestUser, lastName: string) {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL || 'http://127.0.0.1:3000' });
  try {
    const other = await context.newPage();
    await signIn(other, user);
    const { cookies } = await context.storageState();
    const csrf = decodeURIComponent(cookies.find((cookie) => cookie.name === 'csrf_token')?.value ?? '');
    const headers = { 'x-csrf-token': csrf };
    const created = await other.request.post('/api/calls', {
      headers,
      data: { firstName: 'Paul', lastName, phone: '06 12 34 56 78', type: 'prospecting' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const logged = await other.request.post(`/api/calls/${id}/log`, { headers, data: { status: 'wrong_number' } });
    expect(logged.status(), await logged.text()).toBeLessThan(300);
    return id;
  } finally {
    await context.close();
  }
}

test('a wrong number logged in another browser appears in the bell without reload, and mark all read clears the badge', async ({
  page,
  browser,
}) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  const user = await createUser();
  await signIn(page, user);
  await page.goto('/dashboard');
  await expect(bell(page)).toHaveAccessibleName('Notifications');
  await expect(badge(page)).toBeHidden();
  await bell(page).click();
  await expect(panel(page).getByText('Vous êtes à jour')).toBeVisible();
  await bell(page).click();
  // Wait for the live stream to be open before acting elsewhere.
  await expect(page.locator('[data-live="live"]')).toBeAttached();
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  const callId = await logWrongNumberElsewhere(browser, user, 'Faussaire');

  // The call logged and the wrong number: two notifications, pushed over SSE.
  await expect(badge(page)).toHaveText('2');
  await expect(bell(page)).toHaveAccessibleName('Notifications, 2 non lues');
  await expect(page.getByRole('status').filter({ hasText: 'Faux numéro' }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  await bell(page).click();
  await expect(panel(page).getByText('2 non lues')).toBeVisible();
  const wrongNumber = panel(page)
    .getByRole('button', { name: /^Faux numéro/ })
    .first();
  await expect(wrongNumber).toContainText('Paul Faussaire');
  await expect(panel(page).getByRole('button', { name: /^Appel effectué/ })).toBeVisible();
  await expect(panel(page).locator('time').first()).toHaveText(/maintenant|il y a\s\d+\s(s|min)/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/notifications-panel-light.png` });

  await panel(page).getByRole('button', { name: 'Tout marquer comme lu' }).click();
  await expect(badge(page)).toBeHidden();
  await expect(panel(page).getByText('Tout est lu')).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Toutes les notifications sont marquées comme lues.' }),
  ).toBeVisible();

  // Read for the API too.
  const api = await apiAs(user);
  const unread = (await (await api.get('/api/me/notifications?read=false')).json()) as { unread: number };
  expect(unread.unread).toBe(0);
  await api.dispose();

  // A click opens the page concerned.
  await panel(page)
    .getByRole('button', { name: /^Faux numéro/ })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/calls\\?open=${callId}$`));
  expect(consoleErrors).toEqual([]);
});

test('clicking an unread notification marks it read and goes to its page', async ({ page, browser }) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  const user = await createUser();
  const callId = await logWrongNumberElsewhere(browser, user, 'Lecture');
  await signIn(page, user);
  await page.goto('/dashboard');
  await expect(badge(page)).toHaveText('2');

  await bell(page).click();
  await panel(page)
    .getByRole('button', { name: /^Faux numéro/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/calls\\?open=${callId}$`));
  await expect(badge(page)).toHaveText('1');
  await expect(panel(page)).toBeHidden();
  expect(consoleErrors).toEqual([]);
});

test('when the live stream is refused, the bell falls back to polling', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const consoleErrors = watchConsole(page, [/status of 503/, /EventSource/]);
  const user = await createUser();
  await page.route('**/api/me/notifications/stream*', (route) => route.fulfill({ status: 503, body: '' }));
  await signIn(page, user);
  await page.goto('/dashboard');
  await bell(page).click();
  await expect(panel(page).getByText(/actualisation toutes les 30 secondes/)).toBeVisible({ timeout: 20_000 });
  await bell(page).click();

  await logWrongNumberElsewhere(browser, user, 'Sondage');
  await expect(badge(page)).toHaveText('2', { timeout: 40_000 });
  expect(consoleErrors).toEqual([]);
});
