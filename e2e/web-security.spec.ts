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

/**
 * Open redirect after sign-in: `?next=` is followed only to a same-origin app page. These targets once
 * slipped through (dot segments, plain or percent-encoded, turn `/.//evil.example` into the
 * protocol-relative `//evil.example`); each now ends on the home page.
 */
for (const next of ['/.//evil.example/phish', '/..//evil.example', '/%2e%2e//evil.example']) {
  test(`signing in from /login?next=${JSON.stringify(next)} stays on this site`, async ({ page, baseURL }) => {
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== baseURL) foreign.push(request.url());
    });
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Adresse e-mail').fill(DEMO.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
    expect(page.url()).toBe(`${baseURL}/dashboard`);
    expect(foreign).toEqual([]);
  });
}

test('a signed-in visit to /login?next=… is redirected by the server to a same-origin path', async ({
  page,
  baseURL,
}) => {
  await signIn(page, DEMO);
  // What the browser would send to /login: the cookies whose path covers it.
  const cookies = await page.context().cookies(`${baseURL}/login`);
  const cookie = cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
  for (const next of ['//evil.example', '/.//evil.example/phish', '/\\evil.example', '/%5cevil.example']) {
    const response = await fetch(`${baseURL}/login?next=${encodeURIComponent(next)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(response.status, next).toBeGreaterThanOrEqual(300);
    expect(response.status, next).toBeLessThan(400);
    const location = response.headers.get('location') ?? '';
    const target = new URL(location, baseURL);
    expect(target.origin, `${next} → ${location}`).toBe(baseURL);
    expect(target.pathname, `${next} → ${location}`).toBe('/dashboard');
  }
  // A same-origin target is still honoured.
  const kept = await fetch(`${baseURL}/login?next=${encodeURIComponent('/calls?status=callback')}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  expect(new URL(kept.headers.get('location') ?? '', baseURL).href).toBe(`${baseURL}/calls?status=callback`);
});
