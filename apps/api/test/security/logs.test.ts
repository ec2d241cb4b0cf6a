import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@ct/db';
import { buildApp, loggerOptions, type App } from '../../src/app.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { createTestDatabase, testEnv } from '../helpers/app.ts';
import { type Agent, cookiesOf, signedIn } from '../helpers/client.ts';
import { createUser } from '../helpers/factories.ts';
import { upload } from '../imports/helpers.ts';
import { base32Decode, totp } from '../../src/modules/mfa/totp.ts';

/**
 * LOG-04 (docs/security.md): the app's own logger settings (loggerOptions, at the most verbose level) over a run of the
 * everyday requests, a failed login, an import, a password change and a database outage: no password,
 * JWT, refresh cookie, CSRF token or full phone number in any line, and no line forged through input.
 */
const PHONES = [
  { typed: '06 12 34 56 78', forms: ['06 12 34 56 78', '0612345678', '+33612345678', '33612345678', '612345678'] },
  {
    typed: '+33 6 98 76 54 32',
    forms: ['+33 6 98 76 54 32', '0698765432', '+33698765432', '698765432', '06 98 76 54 32'],
  },
  { typed: '06.40.00.00.07', forms: ['06.40.00.00.07', '0640000007', '+33640000007', '640000007'] },
];
const FORGED = 'x@example.test\r\n{"level":50,"msg":"forged"}';

let app: App;
let database: Database;
const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
const lines: string[] = [];
/** Secrets seen in the run (cookies, tokens, passwords), to look for in the log. */
const secrets = new Set<string>();

beforeAll(async () => {
  database = await createTestDatabase();
  const env = testEnv({ LOG_LEVEL: 'trace' });
  const options = loggerOptions(env);
  if (!options || typeof options !== 'object') throw new Error('loggerOptions gave no logger');
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l.trim() !== ''),
      );
      done();
    },
  });
  app = await buildApp({
    env,
    database,
    clock,
    logger: { ...options, stream },
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close().catch(() => {});
});

function remember(agent: Agent, ...extra: string[]) {
  for (const value of [...Object.values(agent.cookies), agent.csrf, ...extra])
    if (value.length >= 8) secrets.add(value);
}

describe('the log of a run of typical requests', () => {
  it('is written (the run below logs requests at trace level)', async () => {
    const user = await createUser(database, { password: 'log test password one' });
    const admin = await createUser(database, { role: 'admin', password: 'log test admin password' });
    secrets.add(user.password).add(admin.password).add('a wrong password guess');

    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { email: user.email, password: 'a wrong password guess' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { email: FORGED, password: 'a wrong password guess' },
        })
      ).statusCode,
    ).toBe(401);

    const agent = await signedIn(app, user);
    remember(agent);
    expect((await agent.get('/me')).statusCode).toBe(200);
    const calls: string[] = [];
    for (const phone of PHONES) {
      const res = await agent.post('/calls', {
        firstName: 'Hélène',
        lastName: 'Dupré',
        phone: phone.typed,
        description: `joindre au ${phone.typed}`,
      });
      expect(res.statusCode, res.body).toBe(201);
      calls.push(res.json<{ id: string }>().id);
    }
    expect((await agent.get(`/calls?q=${encodeURIComponent(PHONES[0]!.typed)}&status=to_call`)).statusCode).toBe(200);
    expect((await agent.get(`/calls?q=${encodeURIComponent(PHONES[0]!.typed)}&page=0`)).statusCode).toBe(400);
    expect(
      (await agent.post(`/calls/${calls[0]}/log`, { status: 'no_answer', note: `rappeler le ${PHONES[1]!.typed}` }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await agent.post('/reminders', {
          callId: calls[1],
          scheduledAt: '2026-03-03T09:00:00Z',
          note: PHONES[2]!.typed,
        })
      ).statusCode,
    ).toBe(201);
    const csv = Buffer.from(`Prénom;Nom;Téléphone\r\nA;B;06 55 44 33 22\r\nC;D;pas un numéro\r\n`, 'utf8');
    expect((await upload(agent, csv, { filename: '06 55 44 33 22.csv' })).statusCode).toBe(201);
    PHONES.push({ typed: '06 55 44 33 22', forms: ['06 55 44 33 22', '0655443322', '+33655443322', '655443322'] });
    expect((await agent.get('/calls/export?q=0655443322')).statusCode).toBe(200);

    const refreshed = await agent.post('/auth/refresh');
    expect(refreshed.statusCode).toBe(200);
    agent.csrf = refreshed.json<{ csrfToken: string }>().csrfToken;
    remember(agent, ...Object.values(cookiesOf(refreshed)));
    expect(
      (await agent.post('/me/password', { currentPassword: user.password, newPassword: 'log test password two' }))
        .statusCode,
    ).toBe(200);
    secrets.add('log test password two');

    // Two-factor authentication: enrolment, a two-step sign-in (a wrong code, a right one), a
    // recovery code, then off again. Its secret, URI, challenges and recovery codes must not be logged.
    const setup = await agent.post('/me/mfa/setup', { password: 'log test password two' });
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUri } = setup.json<{ secret: string; otpauthUri: string }>();
    secrets.add(secret).add(otpauthUri).add(encodeURIComponent(otpauthUri));
    const enabled = await agent.post('/me/mfa/enable', { code: totp(base32Decode(secret), clock.now()) });
    expect(enabled.statusCode, enabled.body).toBe(200);
    const recoveryCodes = enabled.json<{ recoveryCodes: string[] }>().recoveryCodes;
    for (const code of recoveryCodes) secrets.add(code);
    clock.advance(30_000);
    const secondStep = async (code: string) => {
      const first = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: user.email, password: 'log test password two' },
      });
      const { challenge } = first.json<{ challenge: string }>();
      secrets.add(challenge);
      return app.inject({ method: 'POST', url: '/auth/login/mfa', payload: { challenge, code } });
    };
    expect((await secondStep('000000')).statusCode).toBe(401);
    const mfaLogin = await secondStep(totp(base32Decode(secret), clock.now()));
    expect(mfaLogin.statusCode, mfaLogin.body).toBe(200);
    for (const value of Object.values(cookiesOf(mfaLogin))) secrets.add(value);
    expect((await secondStep(recoveryCodes[0]!)).statusCode).toBe(200);
    expect(
      (await agent.post('/me/mfa/disable', { password: 'log test password two', code: recoveryCodes[1]! })).statusCode,
    ).toBe(204);

    const adminAgent = await signedIn(app, admin);
    remember(adminAgent);
    expect(
      (
        await adminAgent.post('/admin/users', {
          email: 'new.user@example.test',
          name: 'New',
          password: 'log test created password',
        })
      ).statusCode,
    ).toBe(201);
    secrets.add('log test created password');
    expect((await agent.post('/auth/logout')).statusCode).toBe(204);

    // A failed query as drizzle reports it, its parameters in the message, and pg's detail quoting the row.
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "calls_phone"'), {
      code: '23505',
      constraint: 'calls_phone',
      detail: `Key (phone_e164)=(${PHONES[0]!.forms[2]}) already exists.`,
    });
    app.log.warn(
      {
        err: new DrizzleQueryError(
          'insert into "calls" ("phone", "note") values ($1, $2)',
          [PHONES[0]!.typed, PHONES[1]!.typed],
          pgError,
        ),
      },
      'a failed query',
    );

    // An outage: the failing queries are logged as warnings.
    const outage = await signedIn(app, await createUser(database, { password: 'log test password one' }));
    remember(outage);
    await database.close();
    expect((await outage.post('/calls', { firstName: 'X', lastName: 'Y', phone: PHONES[0]!.typed })).statusCode).toBe(
      503,
    );
    expect((await outage.get(`/calls?q=${encodeURIComponent(PHONES[1]!.typed)}`)).statusCode).toBe(503);

    // One "request completed" line per request (and the error lines): the run above makes over 20.
    expect(lines.filter((l) => l.includes('"request completed"')).length).toBeGreaterThan(20);
    expect(lines.some((l) => l.includes('database unavailable'))).toBe(true);
    // The failed query keeps what helps (SQL, code, constraint), not the values.
    expect(lines.find((l) => l.includes('a failed query'))).toMatch(
      /insert into.*params: \[2 redacted\].*23505.*calls_phone/,
    );
  });

  it('holds no password, JWT, refresh cookie or CSRF token', () => {
    const text = lines.join('\n');
    expect(secrets.size).toBeGreaterThan(8);
    expect([...secrets].filter((s) => text.includes(s)).map((s) => `${s.slice(0, 12)}…`)).toEqual([]);
    expect(text.match(/eyJ[\w-]+\.[\w-]+\./g) ?? []).toEqual([]);
    expect(text).not.toMatch(/\$argon2/);
  });

  it('holds no full phone number, in any of its forms', () => {
    const text = lines.join('\n');
    const found = PHONES.flatMap((p) => p.forms).filter(
      (form) => text.includes(form) || text.includes(JSON.stringify(form).slice(1, -1)),
    );
    expect(found).toEqual([]);
  });

  it('cannot be forged through input: every line is one JSON record, and none says "forged"', () => {
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.filter((r) => r.msg === 'forged')).toEqual([]);
    expect(records.filter((r) => Number(r.level) >= 50)).toEqual([]);
    expect(lines.every((l) => !l.includes('\r'))).toBe(true);
  });
});
