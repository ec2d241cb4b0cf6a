import { expect as baseExpect, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * What the journeys of the calls, today, reminders and session pages share: a fresh user per test
 * (created by the admin through the API, so tests never see each other's data), an API client bound
 * to the page's own session, a console watcher, and an accessibility scan. Everything goes through the
 * web app's `/api` proxy, so no test depends on the API's port.
 */

/** A busy CI machine renders slower than a laptop: assertions wait a little longer than the default. */
export const expect = baseExpect.configure({ timeout: 15_000 });
/** Per-journey budget (several pages, dialogs and API round trips each). */
export const JOURNEY_TIMEOUT = 90_000;

export const SCREENSHOTS = 'e2e/screenshots';
export const ADMIN = { email: 'admin@example.com', password: 'admin1234' };
export const DEMO = { email: 'demo@example.com', password: 'demo1234' };
export const ZONE = 'Europe/Paris';

export interface TestUser {
  email: string;
  password: string;
  name: string;
}

let counter = 0;
/** A suffix no other test (or earlier run against the same database) uses. */
export function unique(label: string) {
  counter += 1;
  return `${label}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Console errors, warnings and uncaught exceptions of the page: a journey that logs one fails. `expected`
 * lists the messages a test provokes on purpose (the browser logs a 412 it asked for).
 */
export function watchConsole(page: Page, expected: RegExp[] = []) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    if (expected.some((pattern) => pattern.test(message.text()))) return;
    errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

async function json<T>(response: APIResponse, expected: number): Promise<T> {
  if (response.status() !== expected) {
    throw new Error(`${response.url()} answered ${response.status()}: ${await response.text()}`);
  }
  return (response.status() === 204 ? null : await response.json()) as T;
}

/** A new user with the default settings, created by the seeded admin. */
export async function createUser(request: APIRequestContext, label = 'e2e'): Promise<TestUser> {
  const login = await json<{ csrfToken: string }>(await request.post('/api/auth/login', { data: ADMIN }), 200);
  const user = {
    email: `${unique(label).toLowerCase()}@example.com`,
    password: 'e2e-password-1',
    name: `E2E ${label}`,
  };
  await json(
    await request.post('/api/admin/users', {
      data: { ...user, role: 'user' },
      headers: { 'x-csrf-token': login.csrfToken },
    }),
    201,
  );
  return user;
}

export interface ApiCall {
  id: string;
  firstName: string;
  lastName: string;
  status: string;
  version: number;
  nextReminderAt: string | null;
}

export interface ApiReminder {
  id: string;
  scheduledAt: string;
  priority: string;
  done: boolean;
  version: number;
}

/** Signs the page's browser context in (same cookies as the app) and returns an API client for it. */
export async function signIn(page: Page, user: { email: string; password: string }) {
  const { csrfToken } = await json<{ csrfToken: string }>(
    await page.request.post('/api/auth/login', { data: user }),
    200,
  );
  const headers = { 'x-csrf-token': csrfToken };
  const request = page.request;
  return {
    createCall: async (body: Record<string, unknown>) =>
      json<ApiCall>(await request.post('/api/calls', { data: body, headers }), 201),
    getCall: async (id: string) =>
      json<ApiCall & { history: { status: string; note: string }[] }>(await request.get(`/api/calls/${id}`), 200),
    patchCall: async (id: string, body: Record<string, unknown>, version: number) =>
      json<ApiCall>(
        await request.patch(`/api/calls/${id}`, { data: body, headers: { ...headers, 'if-match': `W/"${version}"` } }),
        200,
      ),
    logCall: async (id: string, body: Record<string, unknown>) =>
      json<{ call: ApiCall; reminder: ApiReminder | null }>(
        await request.post(`/api/calls/${id}/log`, { data: body, headers }),
        201,
      ),
    createReminder: async (body: Record<string, unknown>) =>
      json<ApiReminder>(await request.post('/api/reminders', { data: body, headers }), 201),
    getReminder: async (id: string) => json<ApiReminder>(await request.get(`/api/reminders/${id}`), 200),
    patchSettings: async (body: Record<string, unknown>) =>
      json(await request.patch('/api/me/settings', { data: body, headers }), 200),
  };
}

export type Api = Awaited<ReturnType<typeof signIn>>;

/** Sets the theme before the page paints (the app reads it from localStorage). */
export async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript((value) => localStorage.setItem('ct-theme', value), theme);
}

/** Serious and critical WCAG 2.1 AA violations on the page as it is now (or in the part `include` selects). */
export async function seriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The local date (YYYY-MM-DD) and weekday (1 = Monday) of an instant in Europe/Paris. */
export function parisDate(instant: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    iso: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '') + 1,
  };
}

/** The next Monday–Friday after today in Europe/Paris (the default work days), as YYYY-MM-DD. */
export function nextWorkingDay(now = new Date()) {
  for (let days = 1; days <= 7; days++) {
    const candidate = parisDate(new Date(now.getTime() + days * 86_400_000));
    if (candidate.weekday <= 5) return candidate.iso;
  }
  throw new Error('no working day within a week');
}

/** The toast region's message with this text. */
export function toast(page: Page, text: string | RegExp) {
  return page.getByRole('region', { name: 'Notifications de l’application' }).getByText(text);
}

export async function expectNoOverflow(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}
