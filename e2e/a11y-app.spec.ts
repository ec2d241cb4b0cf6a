import { test, type Page } from '@playwright/test';
import {
  ADMIN,
  apiAs,
  csrfOf,
  DEMO,
  SCREENSHOTS,
  seriousViolations,
  signIn,
  watchConsole,
  expect,
} from './support/accounts';

type Language = 'fr' | 'en';
type Theme = 'light' | 'dark';

const PAGES = [
  { name: 'dashboard', path: '/dashboard', ready: { fr: 'Appels par jour', en: 'Calls per day' } },
  { name: 'calls', path: '/calls', ready: null },
  { name: 'today', path: '/today', ready: null },
  { name: 'reminders', path: '/reminders', ready: null },
  { name: 'settings', path: '/settings', ready: { fr: 'Heures de travail et appels', en: 'Work hours and calls' } },
  { name: 'admin-users', path: '/admin/users', ready: { fr: 'Utilisateurs', en: 'Users' }, table: true },
  { name: 'admin-audits', path: '/admin/audits', ready: { fr: 'Journal d’audit', en: 'Audit log' }, table: true },
] as const;

const PROFILE_IN = {
  fr: { language: 'fr', dateFormat: 'dd/MM/yyyy', timeFormat: '24h' },
  en: { language: 'en', dateFormat: 'MM/dd/yyyy', timeFormat: '12h' },
} as const;

/**
 * Signs `account` in and shows the app in `language` as a user who chose it would see it: the profile
 * says so (PATCH /me; the server renders the signed-in shell from it). The journeys run one at a time;
 * `restoreFrench` puts the seeded accounts back afterwards, whatever happened.
 */
async function signInSpeaking(page: Page, account: typeof DEMO, language: Language) {
  await signIn(page, account);
  const response = await page.request.patch('/api/me', {
    data: PROFILE_IN[language],
    headers: { 'x-csrf-token': await csrfOf(page.request) },
  });
  expect(response.status(), await response.text()).toBe(200);
}

async function restoreFrench() {
  for (const account of [DEMO, ADMIN]) {
    const api = await apiAs(account);
    try {
      await api.patch('/api/me', PROFILE_IN.fr);
    } finally {
      await api.dispose();
    }
  }
}

test.afterEach(restoreFrench);

async function settle(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
}

for (const language of ['fr', 'en'] as const) {
  for (const theme of ['light', 'dark'] as const satisfies readonly Theme[]) {
    test(`every page has no serious accessibility violation (${language}, ${theme}), screenshots included`, async ({
      page,
    }) => {
      test.setTimeout(240_000);
      const consoleErrors = watchConsole(page);
      await page.addInitScript((value) => localStorage.setItem('ct-theme', value), theme);
      // The admin has every page (the admin ones too); the demo user has the seeded data.
      for (const account of [DEMO, ADMIN]) {
        await signInSpeaking(page, account, language);
        const pages =
          account === DEMO
            ? PAGES.filter((p) => !p.path.startsWith('/admin'))
            : PAGES.filter((p) => p.path.startsWith('/admin'));
        for (const target of pages) {
          await page.goto(target.path);
          await settle(page);
          if (target.ready) {
            const role = 'table' in target ? 'table' : 'heading';
            await expect(page.getByRole(role, { name: target.ready[language] }).first()).toBeVisible();
          }
          if (target.name === 'dashboard')
            await expect(page.locator('.recharts-wrapper').first()).toBeVisible({ timeout: 20_000 });
          await expect(page.locator('html')).toHaveAttribute('lang', language);
          expect(await seriousViolations(page), `${target.path} (${language}, ${theme})`).toEqual([]);
          await page.screenshot({ path: `${SCREENSHOTS}/${target.name}-${theme}-${language}.png`, fullPage: true });
        }
      }
      // The notification panel, open.
      await page.goto('/dashboard');
      await settle(page);
      await page.getByRole('button', { name: /^Notifications/ }).click();
      await expect(page.getByRole('region', { name: 'Notifications', exact: true })).toBeVisible();
      expect(await seriousViolations(page), `notification panel (${language}, ${theme})`).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/notifications-${theme}-${language}.png` });
      expect(consoleErrors).toEqual([]);
    });
  }
}

test('the settings and the admin users page fit a 375 px phone', async ({ page }) => {
  test.setTimeout(120_000); // four pages, each with a full-page screenshot
  const consoleErrors = watchConsole(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, ADMIN);
  for (const path of ['/settings', '/admin/users', '/admin/audits', '/dashboard']) {
    await page.goto(path);
    await settle(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SCREENSHOTS}/mobile${path.replaceAll('/', '-')}.png`, fullPage: true });
  }
  expect(consoleErrors).toEqual([]);
});
