import { test, type Page } from '@playwright/test';
import { DEMO, SCREENSHOTS, seriousViolations, setTheme, signIn, watchConsole, expect } from './support/accounts';

type Totals = {
  callsMade: number;
  answerRate: number | null;
  callbacksOnTimeRate: number | null;
  overdueCallbacks: number;
  wrongNumbers: number;
};
type KpiReport = { range: { from: string; to: string }; totals: Totals; series: { calls: number }[] };

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const rate = (value: number | null) => (value === null ? '—' : squash(percent.format(value)));

async function kpiOf(page: Page, range: string): Promise<KpiReport> {
  const response = await page.request.get(`/api/reports/kpi?range=${encodeURIComponent(range)}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as KpiReport;
}

/** The value shown on the KPI card titled `label`. */
function kpiValue(page: Page, label: string) {
  return page
    .getByRole('region', { name: 'Indicateurs clés' })
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: label, exact: true }) })
    .getByTestId('kpi-value');
}

async function expectKpis(page: Page, totals: Totals) {
  const expected: [string, string][] = [
    ['Appels passés', squash(integer.format(totals.callsMade))],
    ['Taux de réponse', rate(totals.answerRate)],
    ['Rappels tenus à temps', rate(totals.callbacksOnTimeRate)],
    ['Rappels en retard', squash(integer.format(totals.overdueCallbacks))],
    ['Faux numéros', squash(integer.format(totals.wrongNumbers))],
  ];
  for (const [label, value] of expected) {
    await expect(kpiValue(page, label)).toHaveText(value, { useInnerText: true });
  }
}

const frDate = (iso: string) => iso.split('-').reverse().join('/');

test('the dashboard shows the seeded KPIs of the API, and switching the range changes them', async ({ page }) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  await signIn(page, DEMO);
  const month = await kpiOf(page, '30d');
  const week = await kpiOf(page, '7d');
  // The seeded demo data covers 90 days: the two periods cannot agree.
  expect(week.totals.callsMade).toBeGreaterThan(0);
  expect(week.totals.callsMade).toBeLessThan(month.totals.callsMade);

  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  await expect(page.getByText(`Du ${frDate(month.range.from)} au ${frDate(month.range.to)}`)).toBeVisible();
  await expectKpis(page, month.totals);
  await expect(page.getByRole('button', { name: '30 jours' })).toHaveAttribute('aria-pressed', 'true');
  // The charts (loaded after the page) and the two tables of the day are there.
  await expect(page.getByRole('heading', { name: 'Appels par jour' })).toBeVisible();
  await expect(page.locator('.recharts-wrapper').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Meilleurs créneaux pour joindre' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Appels du jour/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Rappels du jour/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Tout voir.*Appels du jour/ })).toHaveAttribute('href', '/today');
  await expect(page.getByRole('link', { name: /Tout voir.*Rappels du jour/ })).toHaveAttribute('href', '/reminders');

  await page.getByRole('button', { name: '7 jours' }).click();
  await expect(page).toHaveURL(/\/dashboard\?range=7d$/);
  await expectKpis(page, week.totals);
  await expect(page.getByText(`Du ${frDate(week.range.from)} au ${frDate(week.range.to)}`)).toBeVisible();

  // A custom range, kept in the URL: a reload shows the same figures.
  const custom = `${month.range.from}..${week.range.from}`;
  const customReport = await kpiOf(page, custom);
  await page.getByRole('button', { name: 'Personnalisée' }).click();
  await page.getByLabel('Du', { exact: true }).fill(month.range.from);
  await page.getByLabel('Au', { exact: true }).fill(week.range.from);
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page).toHaveURL(new RegExp(`range=${custom.replaceAll('.', '\\.')}`));
  await expectKpis(page, customReport.totals);
  await page.reload();
  await expectKpis(page, customReport.totals);
  await expect(page.getByRole('button', { name: 'Personnalisée' })).toHaveAttribute('aria-pressed', 'true');

  // A reversed custom range is refused on the spot.
  await page.getByRole('button', { name: 'Personnalisée' }).click();
  await page.getByLabel('Du', { exact: true }).fill(week.range.to);
  await page.getByLabel('Au', { exact: true }).fill(month.range.from);
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'date de début antérieure' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the dashboard reads well in both themes, on a phone too, without accessibility violations', async ({ page }) => {
  test.slow();
  const consoleErrors = watchConsole(page);
  await signIn(page, DEMO);
  for (const theme of ['light', 'dark'] as const) {
    await page.goto('/dashboard');
    await setTheme(page, theme);
    await page.reload();
    await expect(page.locator('.recharts-wrapper').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('region', { name: 'Indicateurs clés' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-data-${theme}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(page.getByRole('region', { name: 'Indicateurs clés' })).toBeVisible();
  // Below the fold on a phone, the charts are drawn (and their code loaded) once scrolled to.
  await page.getByRole('heading', { name: 'Appels par jour' }).scrollIntoViewIfNeeded();
  await expect(page.locator('.recharts-wrapper').first()).toBeVisible({ timeout: 20_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-mobile-dark.png`, fullPage: true });
  expect(consoleErrors).toEqual([]);
});
