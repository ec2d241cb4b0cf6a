import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { checkPassword, loadCommonPasswords, type PasswordContext } from '../../src/modules/auth/password-policy.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn, type Agent } from '../helpers/client.ts';
import { rows, snapshotTables } from '../helpers/db-state.ts';
import { createUser } from '../helpers/factories.ts';

/** 128 characters, lower case and spaces only: long passphrases need no composition rule. */
const PASSPHRASE_128 =
  'le petit chat gris dort au soleil sur le rebord de la fenetre pendant que la pluie tombe doucement sur les toits de la ville '
    .repeat(2)
    .slice(0, 128);

describe('the password policy', () => {
  let common: ReadonlySet<string>;
  const context: PasswordContext = { email: 'gwenaelle.kerbrat@breizh-appels.test', name: 'Gwenaëlle Kerbrat' };
  const verdict = (password: string, extra: PasswordContext = {}) =>
    checkPassword(password, { ...context, ...extra }, common);
  beforeAll(async () => {
    common = await loadCommonPasswords();
  });

  it('ships a list of at least the 10,000 most common passwords, French ones included, loaded once', async () => {
    expect(common.size).toBeGreaterThanOrEqual(10_000);
    for (const password of ['password', '12345678', 'qwerty123', 'azerty', 'motdepasse', 'soleil', 'doudou']) {
      expect(common.has(password), password).toBe(true);
    }
    expect(await loadCommonPasswords()).toBe(common);
  });

  it.each([
    'password',
    '12345678',
    'azerty12',
    'PASSWORD',
    'Pass Word',
    'motdepasse2026',
    '123soleil!',
    'doudou13',
    'aaaaaaaa',
    '123123123',
    'abcdefgh',
    '87654321',
    '        ',
    '-.-.-.-.',
  ])('refuses %j as too common (case, spaces and a year around it do not help)', (password) => {
    expect(verdict(password)).toMatchObject({ ok: false, code: 'password_too_common' });
  });

  it.each([
    'call tracking',
    'CallTracking',
    'call-tracking',
    'CallTracking2026',
    'calltracker2026',
    '2026!calltracking',
    'gwenaelle.kerbrat@breizh-appels.test',
    'Gwenaelle.Kerbrat@Breizh-Appels.test1',
    'gwenaelle.kerbrat',
    'Gwenaëlle Kerbrat 1990',
    'gwenaelle2026!',
    'Kerbrat#1234',
    'BreizhAppels2026!',
  ])('refuses %j as contextual (the app, the email and its parts, the name, accents aside)', (password) => {
    expect(verdict(password)).toMatchObject({ ok: false, code: 'password_contextual' });
  });

  it('compares with the account it is given only', () => {
    expect(checkPassword('gwenaelle.kerbrat', {}, common)).toEqual({ ok: true });
    expect(verdict('Maelys-2026', { name: 'Maëlys Le Gall' })).toMatchObject({ code: 'password_contextual' });
  });

  it('leaves a word with more than a little around it alone (a passphrase, a long random tail)', () => {
    for (const password of ['Gwenaëlle aime la mer en hiver', 'kerbrat 83027491635', 'calltracking-est-mon-outil']) {
      expect(verdict(password), password).toEqual({ ok: true });
    }
  });

  it.each([
    ['NUL', 'pass\u0000word-long'],
    ['tab', 'two\twords together'],
    ['new line', 'a pasted line\n'],
    ['DEL', 'long enough\u007f'],
    ['C1 next line', 'long enough\u0085'],
  ])('refuses a %s as a control character', (_what, password) => {
    expect(verdict(password)).toMatchObject({ ok: false, code: 'password_control_chars' });
  });

  it('refuses the current password as the new one, and nothing else for being close to it', () => {
    expect(verdict('my old passphrase', { currentPassword: 'my old passphrase' })).toMatchObject({
      code: 'password_reused',
    });
    expect(verdict('My old passphrase', { currentPassword: 'my old passphrase' })).toEqual({ ok: true });
  });

  it('keeps the length rule (8 to 256) and accepts long passphrases with no composition rule', () => {
    expect(verdict('sept ch')).toMatchObject({ code: 'validation_failed' });
    expect(verdict(`${PASSPHRASE_128}${PASSPHRASE_128}!`)).toMatchObject({ code: 'validation_failed' });
    for (const password of [PASSPHRASE_128, 'vermoulu', '  pasted with spaces  ', 'Mon chat s’appelle Réglisse']) {
      expect(verdict(password), password).toEqual({ ok: true });
    }
  });
});

/** Expects the 400 problem of a refused password, naming the field. */
function expectRefusal(res: LightMyRequestResponse, code: string, path: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status: 400, code, errors: [{ path, message: expect.any(String) }] });
}

const signIn = (t: TestContext, email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });

describe('POST /me/password', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const CURRENT = 'the current passphrase';
  const newUser = () =>
    createUser(t.database, {
      email: `gwenaelle.kerbrat.${crypto.randomUUID().slice(0, 8)}@breizh-appels.test`,
      name: 'Gwenaëlle Kerbrat',
      password: CURRENT,
    });

  it.each([
    ['password_too_common', '"password"', () => 'password'],
    ['password_too_common', '"12345678"', () => '12345678'],
    ['password_too_common', '"azerty12"', () => 'azerty12'],
    ['password_too_common', '"motdepasse"', () => 'motdepasse'],
    ['password_contextual', '"call tracking"', () => 'call tracking'],
    ['password_contextual', '"CallTracking2026"', () => 'CallTracking2026'],
    ['password_contextual', 'the email', (email: string) => email],
    ['password_contextual', 'the email and a digit', (email: string) => `${email}1`],
    ['password_contextual', 'the name and a sign', () => 'Gwenaelle Kerbrat!'],
    ['password_control_chars', 'a NUL byte', () => 'long enough\u0000password'],
    ['password_reused', 'the current password', () => CURRENT],
  ])('answers 400 %s to %s and changes nothing', async (code, _what, next) => {
    const user = await newUser();
    const agent = await signedIn(t.app, user);
    const before = await snapshotTables(t.database);
    const res = await agent.post('/me/password', { currentPassword: CURRENT, newPassword: next(user.email) });
    expectRefusal(res, code, 'body.newPassword');
    expect(await snapshotTables(t.database)).toEqual(before);
    expect((await agent.get('/me')).statusCode).toBe(200);
    expect((await signIn(t, user.email, CURRENT)).statusCode).toBe(200);
  });

  it('checks the current password first: a wrong one is 403 even with a refused new one', async () => {
    const user = await newUser();
    const agent = await signedIn(t.app, user);
    const res = await agent.post('/me/password', { currentPassword: 'not it at all', newPassword: 'password' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'wrong_password' });
  });

  it.each([
    ['a 128-character passphrase', PASSPHRASE_128],
    ['a pasted passphrase with spaces, kept as typed', '  Le chat de Mamie dort sur le radiateur  '],
  ])('accepts %s, which then signs in (and the old one no longer does)', async (_what, next) => {
    const user = await newUser();
    const agent = await signedIn(t.app, user);
    const res = await agent.post('/me/password', { currentPassword: CURRENT, newPassword: next });
    expect(res.statusCode, res.body).toBe(200);
    expect((await signIn(t, user.email, next)).statusCode).toBe(200);
    expect((await signIn(t, user.email, CURRENT)).statusCode).toBe(401);
    if (next !== next.trim()) expect((await signIn(t, user.email, next.trim())).statusCode).toBe(401);
  });
});

describe('POST /admin/users', () => {
  let t: TestContext;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedIn(t.app, await createUser(t.database, { role: 'admin' }));
  });
  afterAll(() => t.close());

  const EMAIL = 'maelys.kerherve@breizh-appels.test';
  const create = (password: string) => admin.post('/admin/users', { email: EMAIL, name: 'Maëlys Kerhervé', password });

  it.each([
    ['password_too_common', 'password'],
    ['password_too_common', '12345678'],
    ['password_too_common', 'azerty12'],
    ['password_contextual', 'calltracking'],
    ['password_contextual', 'CallTracking2026'],
    ['password_contextual', EMAIL],
    ['password_contextual', `${EMAIL}1`],
    ['password_contextual', 'MaelysKerherve2026'],
    ['password_control_chars', 'long enough\u0000password'],
  ])('answers 400 %s to %j and creates nobody', async (code, password) => {
    const before = await snapshotTables(t.database);
    expectRefusal(await create(password), code, 'body.password');
    expect(await snapshotTables(t.database)).toEqual(before);
    expect(await rows(t.database, `select id from users where email = '${EMAIL}'`)).toEqual([]);
  });

  it('accepts a 128-character passphrase, with which the new user signs in', async () => {
    const res = await admin.post('/admin/users', {
      email: 'long.pass@breizh-appels.test',
      name: 'Long',
      password: PASSPHRASE_128,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await signIn(t, 'long.pass@breizh-appels.test', PASSPHRASE_128)).statusCode).toBe(200);
  });
});

describe('POST /auth/login', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('does not apply the policy: an existing account with a common password still signs in', async () => {
    const user = await createUser(t.database, { password: 'password' });
    expect((await signIn(t, user.email, 'password')).statusCode).toBe(200);
  });
});
