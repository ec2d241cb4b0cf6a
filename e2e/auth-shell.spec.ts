import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const DEMO = { email: 'demo@example.com', password: 'demo1234' };
const SECTIONS = ['Tableau de bord', 'Tous les appels', 'Appels du jour', 'Rappels', 'Paramètres'];
const SCREENSHOTS = 'e2e/screenshots';

/** Console errors and uncaught exceptions: a journey that logs one fails (STYLE.md › tests own their setup). */
function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function signIn(page: Page, email = DEMO.email, password = DEMO.password) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Signs in through the API (same cookies as the page), for tests whose subject is not the login form. */
async function signInThroughApi(page: Page) {
  const response = await page.request.post('/api/auth/login', { data: DEMO });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { user: { name: string } }).user;
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });
const accountButton = (page: Page) => page.getByRole('button', { name: /^Menu du compte/ });

test('the demo user logs in, sees the shell, switches theme, reloads, logs out', async ({ page }) => {
  const consoleErrors = watchConsole(page);
  await page.goto('/login');
  await expect(page.locator('html')).not.toHaveClass(/dark/);

  const loginResponse = page.waitForResponse(
    (response) => response.url().endsWith('/api/auth/login') && response.request().method() === 'POST',
  );
  await signIn(page);
  const { user } = (await (await loginResponse).json()) as { user: { name: string } };

  await expect(page).toHaveURL(/\/dashboard$/);
  for (const section of SECTIONS) {
    await expect(mainNav(page).getByRole('link', { name: section })).toBeVisible();
  }
  await expect(mainNav(page).getByRole('link', { name: 'Tableau de bord' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  await expect(accountButton(page)).toContainText(user.name);
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-light.png`, fullPage: true });

  await page.getByRole('button', { name: 'Activer le thème sombre' }).click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);

  await page.reload();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(accountButton(page)).toContainText(user.name);
  await expect(page.getByRole('button', { name: 'Activer le thème clair' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-dark.png`, fullPage: true });

  await mainNav(page).getByRole('link', { name: 'Tous les appels' }).click();
  await expect(page).toHaveURL(/\/calls$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tous les appels' })).toBeVisible();
  // The demo account has its seeded contacts (e2e/calls.spec.ts covers the list itself).
  await expect(page.getByRole('table', { name: 'Liste des appels' })).toBeVisible();

  await accountButton(page).click();
  await expect(page.getByRole('menu')).toContainText(user.name);
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login\b/);
  await expect(page.getByRole('status')).toContainText('Vous êtes déconnecté');

  // The session is gone for real: an app page sends us back to the login form.
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login$/);
  expect(consoleErrors).toEqual([]);
});

test('an unauthenticated visit to /calls lands on /login, and signing in goes back to /calls', async ({ page }) => {
  await page.goto('/calls');
  await expect(page).toHaveURL(/\/login\?next=%2Fcalls$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/login-light.png`, fullPage: true });

  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText('Saisissez votre adresse e-mail.')).toBeVisible();

  await signIn(page, DEMO.email, 'not-the-password');
  await expect(page.locator('form').getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.');
  await expect(page).toHaveURL(/\/login\?next=%2Fcalls$/);

  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/calls$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tous les appels' })).toBeVisible();
});

test('on a 375 px phone the sidebar opens as a drawer', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInThroughApi(page);
  await page.goto('/today');
  await expect(page.getByRole('heading', { level: 1, name: 'Appels du jour' })).toBeVisible();
  await expect(mainNav(page)).toBeHidden();

  await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
  await expect(mainNav(page)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/mobile-drawer.png`, animations: 'disabled' });
  await mainNav(page).getByRole('link', { name: 'Rappels' }).click();
  await expect(page).toHaveURL(/\/reminders$/);
  await expect(mainNav(page)).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Rappels' })).toBeVisible();
  // Nothing overflows sideways at this width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('an expired access token is refreshed silently, and a dead session goes back to /login', async ({ page }) => {
  const refreshes: number[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/auth/refresh')) refreshes.push(response.status());
  });
  const user = await signInThroughApi(page);

  // The 15-minute access cookie is gone; the refresh cookie is still there.
  await page.context().clearCookies({ name: 'ct_at' });
  await page.goto('/reminders');
  await expect(accountButton(page)).toContainText(user.name);
  expect(refreshes).toEqual([200]);

  // Now the refresh token is unknown to the API too: the app says so on the login page.
  await page.context().clearCookies({ name: 'ct_at' });
  const { cookies } = await page.context().storageState();
  const refreshCookie = cookies.find((cookie) => cookie.name === 'ct_rt');
  if (!refreshCookie) throw new Error('the login did not set the ct_rt cookie');
  await page.context().addCookies([{ ...refreshCookie, value: 'revoked-or-forged' }]);
  await page.goto('/reminders');
  await expect(page).toHaveURL(/\/login\?reason=expired&next=%2Freminders$/);
  await expect(page.getByRole('status')).toContainText('Votre session a expiré');
  expect(refreshes).toEqual([200, 401]);
});

test('the refresh cookie goes only to /api/auth: pages and API calls never carry it, and the app still refreshes', async ({
  page,
  baseURL,
}) => {
  const consoleErrors = watchConsole(page);
  // The Cookie header of every request the page makes, as Chromium sent it.
  const sent: { path: string; hasRefreshCookie: boolean }[] = [];
  page.on('request', (request) => {
    request.headerValue('cookie').then(
      (cookie) => {
        const { pathname } = new URL(request.url());
        sent.push({ path: pathname, hasRefreshCookie: /(?:^|;\s*)(?:__Secure-)?ct_rt=/.test(cookie ?? '') });
      },
      // A request still in flight when the test ends (a prefetch, a stream) can no longer be read:
      // Playwright rejects with "Test ended", which would fail a test whose assertions all passed.
      () => {},
    );
  });
  const refreshes: number[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/auth/refresh')) refreshes.push(response.status());
  });

  await page.goto('/login');
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();

  // HttpOnly: the page script cannot see it, so ask the browser's cookie store.
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name === 'ct_rt')).toMatchObject({
    path: '/api/auth',
    httpOnly: true,
    sameSite: 'Strict',
  });
  expect(cookies.find((cookie) => cookie.name === 'ct_at')).toMatchObject({ path: '/', httpOnly: true });
  expect(cookies.find((cookie) => cookie.name === 'csrf_token')).toMatchObject({ path: '/', httpOnly: false });
  expect(await page.evaluate(() => document.cookie)).not.toMatch(/ct_rt|ct_at/);
  for (const path of ['/dashboard', '/calls', '/api/me', '/api/calls']) {
    const names = (await page.context().cookies(`${baseURL}${path}`)).map((cookie) => cookie.name);
    expect(names, path).not.toContain('ct_rt');
  }
  expect((await page.context().cookies(`${baseURL}/api/auth/refresh`)).map((cookie) => cookie.name)).toContain('ct_rt');

  // A page navigation and its API calls, on the wire.
  sent.length = 0;
  await mainNav(page).getByRole('link', { name: 'Tous les appels' }).click();
  await expect(page.getByRole('table', { name: 'Liste des appels' })).toBeVisible();
  await page.goto('/reminders');
  await expect(page.getByRole('heading', { level: 1, name: 'Rappels' })).toBeVisible();
  await expect.poll(() => sent.some(({ path }) => path.startsWith('/api/'))).toBe(true);
  expect(sent.filter(({ hasRefreshCookie }) => hasRefreshCookie)).toEqual([]);

  // The access token has expired: the next page refreshes silently (the one request that carries the
  // refresh cookie) and stays signed in.
  sent.length = 0;
  await page.context().clearCookies({ name: 'ct_at' });
  await page.goto('/today');
  await expect(page.getByRole('heading', { level: 1, name: 'Appels du jour' })).toBeVisible();
  await expect(accountButton(page)).toBeVisible();
  await expect.poll(() => refreshes).toEqual([200]);
  await expect(page).toHaveURL(/\/today$/);
  await expect
    .poll(() => sent.filter(({ hasRefreshCookie }) => hasRefreshCookie).map(({ path }) => path))
    .toEqual(['/api/auth/refresh']);
  expect((await page.context().cookies()).find((cookie) => cookie.name === 'ct_at')).toBeTruthy();
  // The one 401 Chromium reports is the expired access token's, which the refresh answered.
  expect(consoleErrors.filter((error) => !/status of 401/.test(error))).toEqual([]);
});

test('the login page and the shell have no serious accessibility violations, in both themes', async ({ page }) => {
  const scan = async () => {
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  };

  await page.goto('/login');
  expect(await scan()).toEqual([]);

  await signInThroughApi(page);
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((value) => localStorage.setItem('ct-theme', value), theme);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Profil' })).toBeVisible();
    expect(await scan()).toEqual([]);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/settings-dark.png`, fullPage: true });
});
