import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { test } from '@playwright/test';
import { ADMIN, apiAs, createUser, expect, type TestUser } from './support/accounts';
import { cookieHeader, csrfFrom, postJson, send, webOrigin, type RawResponse } from './support/raw-http';
import { currentTotpStep, totpAt } from './support/totp';

/**
 * The web origin as `npm start` serves it — the Next.js app and `/api/*` streamed to a real API by the
 * same web server — probed the way an outside client would: several clients on distinct loopback
 * addresses (127.0.0.2, 127.0.0.3…), forged forwarding headers, streams ended by the server, oversize
 * bodies and odd methods. No browser: plain HTTP, fresh connections.
 */

const apiOrigin = () => process.env.E2E_API_URL || 'http://127.0.0.1:4000';
/** The API itself, behind the leak-scanning proxy of the test run (which listens one port down). */
const innerApiOrigin = () => {
  const url = new URL(apiOrigin());
  url.port = String(Number(url.port) + 1);
  return url.origin;
};
const inventedEmail = (tag: string) => `${tag}-${randomUUID().slice(0, 12)}@example.com`;

async function signInFrom(from: string, user: { email: string; password: string }) {
  const response = await postJson('/api/auth/login', { email: user.email, password: user.password }, { from });
  expect(response.status, response.body).toBe(200);
  return { cookie: cookieHeader(response), csrf: csrfFrom(response) };
}

test.describe('throttling sees each client, through the web origin', () => {
  test('failed sign-ins from one client never lock out another client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25 && !statuses.includes(429); i++) {
      const response = await postJson(
        '/api/auth/login',
        { email: inventedEmail('guess'), password: 'not-the-password' },
        { from: '127.0.0.2' },
      );
      statuses.push(response.status);
    }
    expect(statuses, 'the guessing client ends up throttled').toContain(429);

    const user = await createUser();
    const other = await postJson(
      '/api/auth/login',
      { email: user.email, password: user.password },
      { from: '127.0.0.3' },
    );
    expect(other.status, 'another client with the right password').toBe(200);
    const guesser = await postJson(
      '/api/auth/login',
      { email: user.email, password: user.password },
      { from: '127.0.0.2' },
    );
    expect(guesser.status, 'the throttled client stays throttled').toBe(429);
    expect(Number(guesser.headers['retry-after'])).toBeGreaterThan(0);
  });

  test("a client's own X-Forwarded-For is not believed: rotating it neither escapes the throttle nor reaches the audit", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 30; i++) {
      const response = await postJson(
        '/api/auth/login',
        { email: inventedEmail(`spray${i}`), password: 'Printemps2026!' },
        {
          from: '127.0.0.4',
          headers: {
            'x-forwarded-for': `203.0.113.${i}`,
            'x-real-ip': `203.0.113.${i}`,
            forwarded: `for=198.51.100.${i}`,
          },
        },
      );
      statuses.push(response.status);
    }
    expect(statuses.filter((s) => s === 401).length, 'failed guesses let through').toBeLessThanOrEqual(10);
    expect(
      statuses.slice(-10).every((s) => s === 429),
      'the spraying client is throttled',
    ).toBe(true);

    const admin = await apiAs(ADMIN);
    try {
      const page = await admin.get('/api/admin/audits?action=authn_login_fail&pageSize=100');
      const { items } = (await page.json()) as { items: { ip: string | null }[] };
      const addresses = new Set(items.map((item) => item.ip));
      expect(addresses).toContain('127.0.0.4');
      expect([...addresses].filter((ip) => ip?.startsWith('203.0.113.') || ip?.startsWith('198.51.100.'))).toEqual([]);
    } finally {
      await admin.dispose();
    }
  });

  test("one account's wrong two-factor codes never block another user's right code", async () => {
    const enrol = async () => {
      const user = await createUser();
      const { cookie, csrf } = await signInFrom('127.0.0.1', user);
      const headers = { cookie, 'x-csrf-token': csrf };
      const setup = await postJson('/api/me/mfa/setup', { password: user.password }, { headers });
      expect(setup.status, setup.body).toBe(200);
      const { secret } = setup.json<{ secret: string }>();
      const step = currentTotpStep();
      const enable = await postJson('/api/me/mfa/enable', { code: totpAt(secret, step) }, { headers });
      expect(enable.status, enable.body).toBe(200);
      return { user, secret, step };
    };
    const challengeFor = async (from: string, user: TestUser) => {
      const login = await postJson('/api/auth/login', { email: user.email, password: user.password }, { from });
      expect(login.status, login.body).toBe(200);
      return login.json<{ challenge: string }>().challenge;
    };
    const [first, second, victim] = [await enrol(), await enrol(), await enrol()];

    // Two accounts' wrong codes from one client, each until its account is throttled: together enough
    // to exhaust that client's budget too.
    for (const attacker of [first, second]) {
      const statuses: number[] = [];
      let challenge = await challengeFor('127.0.0.5', attacker.user);
      for (let i = 0; i < 12 && statuses.at(-1) !== 429; i++) {
        const answer = await postJson('/api/auth/login/mfa', { challenge, code: '000000' }, { from: '127.0.0.5' });
        statuses.push(answer.status);
        if (answer.status === 401 && answer.json<{ code?: string }>().code === 'mfa_challenge_invalid') {
          challenge = await challengeFor('127.0.0.5', attacker.user);
        }
      }
      expect(statuses, 'the guessed account is throttled').toContain(429);
    }

    const challenge = await challengeFor('127.0.0.6', victim.user);
    const right = await postJson(
      '/api/auth/login/mfa',
      { challenge, code: totpAt(victim.secret, victim.step + 1) },
      { from: '127.0.0.6' },
    );
    expect(right.status, right.body).toBe(200);
  });
});

/** Opens the notification stream; `opened` once the API answered, `ended` when the API ends it. */
function openStream(cookie: string, headers: Record<string, string> = {}) {
  let resolveOpened: (status: number) => void = () => {};
  const opened = new Promise<number>((resolve) => (resolveOpened = resolve));
  const ended = new Promise<void>((resolve, reject) => {
    const target = new URL('/api/me/notifications/stream', webOrigin());
    const req = http.get(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        agent: false,
        headers: { cookie, accept: 'text/event-stream', ...headers },
      },
      (res) => {
        resolveOpened(res.statusCode ?? 0);
        res.resume();
        res.on('end', () => resolve());
        res.on('close', () => resolve());
        res.on('error', () => resolve());
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('the stream was never ended')));
    req.on('error', reject);
  });
  return { opened, ended };
}

test.describe('streams ended by either side', () => {
  test('a stream the API ends (sign-out) with Connection: close leaves the next proxied requests intact', async () => {
    const user = await createUser();
    const bystander = await signInFrom('127.0.0.8', user);
    for (let round = 0; round < 10; round++) {
      const session = await signInFrom('127.0.0.7', user);
      const stream = openStream(session.cookie, { connection: 'close' });
      expect(await stream.opened).toBe(200);
      const out = await postJson(
        '/api/auth/logout',
        {},
        { from: '127.0.0.7', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, connection: 'close' } },
      );
      expect(out.status, out.body).toBe(204);
      await stream.ended;

      const health = await send({ path: '/api/health', headers: { connection: 'close' } });
      expect(health.status, `round ${round}: the next request`).toBe(200);
      const me = await send({ path: '/api/me', from: '127.0.0.8', headers: { cookie: bystander.cookie } });
      expect(me.status, `round ${round}: another user's request`).toBe(200);
    }
  });

  test('the eleventh stream evicting the first leaves the next proxied request intact', async () => {
    const user = await createUser();
    const session = await signInFrom('127.0.0.9', user);
    const streams = Array.from({ length: 10 }, () => openStream(session.cookie, { connection: 'close' }));
    for (const stream of streams) expect(await stream.opened).toBe(200);
    const eleventh = openStream(session.cookie, { connection: 'close' });
    expect(await eleventh.opened).toBe(200);
    await streams[0]!.ended;
    const me = await send({ path: '/api/me', headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    // Hanging up on the API's streams ends them upstream: sign-out still closes what is left.
    const out = await postJson(
      '/api/auth/logout',
      {},
      { headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } },
    );
    expect(out.status).toBe(204);
    await Promise.all([...streams.slice(1), eleventh].map((stream) => stream.ended));
  });
});

function expectProblem(response: RawResponse, status: number) {
  expect(response.status, response.body.slice(0, 300)).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json<{ status: number }>().status).toBe(status);
}

function multipartCsv(bytes: number) {
  const boundary = `----ct${randomUUID()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\nfirstName,lastName,phone\r\n`;
  const row = 'Hélène,Dupré,+33612345678\r\n';
  const body = Buffer.concat([
    Buffer.from(head),
    Buffer.from(row.repeat(Math.ceil(bytes / Buffer.byteLength(row)))),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

test.describe('oversize bodies', () => {
  for (const [label, origin, prefix] of [
    ['the web origin', webOrigin, '/api'],
    ['the API port', innerApiOrigin, ''],
  ] as const) {
    test(`answer 413 problem+json at once on ${label}`, async () => {
      const json = JSON.stringify({ email: 'someone@example.com', password: 'x'.repeat(2 * 1024 * 1024) });
      expectProblem(
        await send({
          origin: origin(),
          method: 'POST',
          path: `${prefix}/auth/login`,
          body: json,
          headers: { 'content-type': 'application/json' },
        }),
        413,
      );

      const user = await createUser();
      const { cookie, csrf } = await signInFrom('127.0.0.1', user);
      const upload = multipartCsv(11 * 1024 * 1024);
      const answer = await send({
        origin: origin(),
        method: 'POST',
        path: `${prefix}/calls/import`,
        body: upload.body,
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': upload.contentType },
        timeoutMs: 15_000,
      });
      expectProblem(answer, 413);
      // Nothing was imported.
      const calls = await send({ origin: origin(), path: `${prefix}/calls?pageSize=1`, headers: { cookie } });
      expect(calls.json<{ total: number }>().total).toBe(0);
    });
  }
});

test.describe('methods on pages', () => {
  for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'OPTIONS', 'POST']) {
    test(`${method} on a page answers 405 with Allow`, async () => {
      for (const path of ['/login', '/dashboard', '/']) {
        const response = await send({ method, path });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.allow).toBe('GET, HEAD');
      }
    });
  }

  test('GET and HEAD still serve the pages', async () => {
    expect((await send({ path: '/login' })).status).toBe(200);
    expect((await send({ method: 'HEAD', path: '/login' })).status).toBe(200);
  });
});

test('over HTTPS pages carry HSTS, and the API address is read when the web server starts, not built in', async () => {
  expect((await send({ path: '/login' })).headers['strict-transport-security'], 'plain HTTP: no HSTS').toBeUndefined();

  // A second web server on the same build, told another API port (the API behind the leak proxy) and
  // that it is served over HTTPS.
  const port = Number(new URL(webOrigin()).port) + 50;
  const innerApiPort = Number(new URL(innerApiOrigin()).port);
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/web/server/main.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      API_PORT: String(innerApiPort),
      COOKIE_SECURE: 'true',
      NODE_ENV: 'production',
    },
    stdio: 'ignore',
  });
  try {
    const origin = `http://127.0.0.1:${port}`;
    await expect
      .poll(async () => (await send({ origin, path: '/login' }).catch(() => ({ status: 0 }) as RawResponse)).status, {
        timeout: 30_000,
      })
      .toBe(200);
    const page = await send({ origin, path: '/login' });
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const health = await send({ origin, path: '/api/health' });
    expect(health.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
});
