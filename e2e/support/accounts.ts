import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, request, type APIRequestContext, type Page } from '@playwright/test';

/** Shared helpers of the journeys of the dashboard, settings, notifications, admin and i18n. */

/** A little more patience than the default 10 s: these journeys wait for live data on a shared machine. */
export const expect = baseExpect.configure({ timeout: 20_000 });

export const DEMO = { email: 'demo@example.com', password: 'demo1234' };
export const ADMIN = { email: 'admin@example.com', password: 'admin1234' };
export const SCREENSHOTS = 'e2e/screenshots';

export function baseUrl(): string {
  return process.env.E2E_BASE_URL || 'http://127.0.0.1:3000';
}

/**
 * Console errors and uncaught exceptions of a page; the journey asserts the list is empty. Failed
 * requests the test provokes on purpose (a 403 for a wrong password…) are named in `expected`.
 */
export function watchConsole(page: Page, expected: RegExp[] = []) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // A failed resource load says only its status: the URL it came from tells which request it was.
    const where = message.location().url;
    const text = where ? `${message.text()} (${where})` : message.text();
    if (!expected.some((pattern) => pattern.test(text))) errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

type Credentials = { email: string; password: string };

/** Signs `page` in through the API (the page's context gets the session cookies). */
export async function signIn(page: Page, credentials: Credentials) {
  const response = await page.request.post('/api/auth/login', { data: credentials });
  expect(response.status(), `login ${credentials.email}`).toBe(200);
  return ((await response.json()) as { user: { id: string; name: string } }).user;
}

/** The CSRF token of a context's session (the readable `csrf_token` cookie). */
export async function csrfOf(context: APIRequestContext): Promise<string> {
  const { cookies } = await context.storageState();
  const token = cookies.find((cookie) => cookie.name === 'csrf_token')?.value;
  if (!token) throw new Error('no csrf_token cookie: sign in first');
  return decodeURIComponent(token);
}

/** A signed-in API client of its own (cookies and CSRF), for setting up state outside the page. */
export async function apiAs(credentials: Credentials) {
  const context = await request.newContext({ baseURL: baseUrl() });
  const login = await context.post('/api/auth/login', { data: credentials });
  expect(login.status(), `login ${credentials.email}`).toBe(200);
  const csrf = await csrfOf(context);
  const send = async (method: 'POST' | 'PATCH', url: string, data?: unknown) => {
    const response = await context.fetch(url, { method, data, headers: { 'x-csrf-token': csrf } });
    return response;
  };
  return {
    context,
    get: (url: string) => context.get(url),
    post: (url: string, data?: unknown) => send('POST', url, data),
    patch: (url: string, data: unknown) => send('PATCH', url, data),
    dispose: () => context.dispose(),
  };
}

export type TestUser = Credentials & { id: string; name: string };

/** A brand-new account made by the seeded admin, so a test owns its state. */
export async function createUser(
  options: { role?: 'user' | 'manager' | 'admin'; name?: string } = {},
): Promise<TestUser> {
  const admin = await apiAs(ADMIN);
  try {
    const suffix = randomUUID().slice(0, 8);
    const body = {
      email: `e2e-${suffix}@example.com`,
      name: options.name ?? `Test ${suffix}`,
      password: `pw-${suffix}-${suffix}`,
      role: options.role ?? 'user',
    };
    const response = await admin.post('/api/admin/users', body);
    expect(response.status(), await response.text()).toBe(201);
    const user = (await response.json()) as { id: string };
    return { id: user.id, email: body.email, password: body.password, name: body.name };
  } finally {
    await admin.dispose();
  }
}

/** axe-core on the current page: the serious and critical violations (WCAG 2.1 A/AA). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

export async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((value) => localStorage.setItem('ct-theme', value), theme);
}

export const mainNav = (page: Page) =>
  page.getByRole('navigation', { name: /^(Navigation principale|Main navigation)$/ });
