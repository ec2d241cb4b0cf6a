import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './helpers/app.ts';
import { createUser } from './helpers/factories.ts';
import { signedIn } from './helpers/client.ts';

describe('GET /health', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers ok with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('lets a user sign in and read /me', async () => {
    const user = await createUser(t.database);
    const agent = await signedIn(t.app, user);
    const me = await agent.get('/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: user.email, role: 'user' });
  });
});
