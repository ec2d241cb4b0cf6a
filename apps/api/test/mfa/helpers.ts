import { expect } from 'vitest';
import { base32Decode, totp } from '../../src/modules/mfa/totp.ts';
import type { TestContext } from '../helpers/app.ts';
import { type Agent, signedIn } from '../helpers/client.ts';
import type { TestUser } from '../helpers/factories.ts';

/** The step length (RFC 6238): moving the clock by this much gives a new code. */
export const STEP_MS = 30_000;

/** The code an authenticator app shows for a base32 secret at the test clock's time (+ offset). */
export function codeFor(secret: string, t: TestContext, offsetMs = 0): string {
  return totp(base32Decode(secret), new Date(t.clock.now().getTime() + offsetMs));
}

export interface Enrolled {
  agent: Agent;
  secret: string;
  recoveryCodes: string[];
}

/** Signs the user in and turns 2FA on through the API, as the settings page does. */
export async function enrolMfa(t: TestContext, user: TestUser): Promise<Enrolled> {
  const agent = await signedIn(t.app, user);
  const setup = await agent.post('/me/mfa/setup', { password: user.password });
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json<{ secret: string }>();
  const enabled = await agent.post('/me/mfa/enable', { code: codeFor(secret, t) });
  expect(enabled.statusCode, enabled.body).toBe(200);
  // The enabling code's step is now used: later codes come from the next step on.
  t.clock.advance(STEP_MS);
  return { agent, secret, recoveryCodes: enabled.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

/** First sign-in step of an account with 2FA: the challenge (no cookie set). */
export async function passwordStep(t: TestContext, user: TestUser, headers: Record<string, string> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email: user.email, password: user.password },
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ mfaRequired: true; challenge: string; expiresAt: string }>();
  expect(body.mfaRequired).toBe(true);
  return body.challenge;
}

export function codeStep(t: TestContext, challenge: string, code: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/auth/login/mfa', payload: { challenge, code }, headers });
}
