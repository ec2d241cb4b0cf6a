import { test } from '@playwright/test';
import { DEMO, expect, signIn, watchConsole } from './support/accounts';

/**
 * The web app's own hardening, as the production build serves it: a nonce-based CSP without
 * 'unsafe-eval' that forbids framing, the usual headers, and a policy the browser really enforces
 * (injected markup's inline handlers do not run, while the app's own scripts do).
 */

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

for (const { path, signedIn } of [
  { path: '/login', signedIn: false },
  { path: '/dashboard', signedIn: true },
  { path: '/calls', signedIn: true },
]) {
  test(`${path} is served with a strict CSP and the hardening headers`, async ({ page }) => {
    if (signedIn) await signIn(page, DEMO);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();

    const csp = headers['content-security-policy'] ?? '';
    const policy = directives(csp);
    expect(csp).not.toContain('unsafe-eval');
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    const scripts = policy.get('script-src') ?? [];
    expect(scripts.some((v) => v.startsWith("'nonce-"))).toBe(true);
    expect(scripts).not.toContain("'unsafe-inline'");

    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-powered-by']).toBeUndefined();
  });
}

test('each page load gets its own nonce', async ({ request }) => {
  const nonceOf = async () => {
    const csp = (await request.get('/login')).headers()['content-security-policy'] ?? '';
    return /'nonce-([^']+)'/.exec(csp)?.[1];
  };
  const [first, second] = [await nonceOf(), await nonceOf()];
  expect(first).toBeTruthy();
  expect(first).not.toBe(second);
});

test('the browser enforces the policy: injected markup with an inline handler does not run, the app still works', async ({
  page,
}) => {
  const consoleErrors = watchConsole(page, [/Content Security Policy/, /404 \(Not Found\)/]);
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation: (d: string) => void }).reportViolation(event.violatedDirective),
    );
  });
  await signIn(page, DEMO);
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // What an HTML injection would carry: markup with an inline event handler (no nonce can cover it).
  await page.evaluate(() =>
    document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image.png" onerror="window.__pwned = true">'),
  );
  await expect.poll(() => violations).toContain('script-src-attr');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();

  // The app's own scripts ran: client-side navigation works.
  await page.getByRole('link', { name: 'Tous les appels' }).first().click();
  await expect(page).toHaveURL(/\/calls/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tous les appels' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
