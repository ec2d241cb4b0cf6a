import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { signedIn } from '../helpers/client.ts';
import { rows } from '../helpers/db-state.ts';
import { createUser } from '../helpers/factories.ts';

const ARGON2ID = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

describe('stored password hashes', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function hashOf(email: string) {
    const [row] = await rows<{ password_hash: string }>(
      t.database,
      `select password_hash from users where email = '${email}'`,
    );
    return row!.password_hash;
  }

  it('are Argon2id at or above the OWASP minimum (m ≥ 19456 KiB, t ≥ 2, p = 1), salted per user', async () => {
    const admin = await signedIn(t.app, await createUser(t.database, { role: 'admin' }));
    for (const email of ['twin-a@example.test', 'twin-b@example.test']) {
      const res = await admin.post('/admin/users', { email, name: 'Twin', password: 'the very same passphrase' });
      expect(res.statusCode).toBe(201);
    }
    const [a, b] = [await hashOf('twin-a@example.test'), await hashOf('twin-b@example.test')];
    for (const hash of [a, b]) {
      const [, m, tCost, p] = ARGON2ID.exec(hash) ?? [];
      expect(Number(m)).toBeGreaterThanOrEqual(19_456);
      expect(Number(tCost)).toBeGreaterThanOrEqual(2);
      expect(Number(p)).toBe(1);
      expect(hash).not.toContain('the very same passphrase');
    }
    expect(a).not.toBe(b);
  });

  it('are Argon2id after a password change too', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    expect(
      (await agent.post('/me/password', { currentPassword: user.password, newPassword: 'another long passphrase' }))
        .statusCode,
    ).toBe(200);
    expect(await hashOf(user.email)).toMatch(ARGON2ID);
  });

  it('are upgraded at login when they were made with weaker parameters', async () => {
    const user = await createUser(t.database, { password: 'weakly hashed pass' });
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash('weakly hashed pass', { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await rows(t.database, `update users set password_hash = '${weak}' where id = '${user.id}'`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: 'weakly hashed pass' },
    });
    expect(res.statusCode).toBe(200);
    const [, m] = ARGON2ID.exec(await hashOf(user.email)) ?? [];
    expect(Number(m)).toBeGreaterThanOrEqual(19_456);
  });
});
