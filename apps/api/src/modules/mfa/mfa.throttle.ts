import type { FastifyInstance } from 'fastify';
import { AppError, type ErrorCode } from '../../lib/errors.ts';
import { clientKey } from '../../plugins/rate-limit.ts';
import type { RequestContext } from '../../lib/request-context.ts';
import { recordAudit } from '../audits/index.ts';

/** Refusals that are guesses (they count against the budget); anything else is given back. */
const GUESSES = new Set<ErrorCode>(['invalid_mfa_code', 'wrong_mfa_code', 'wrong_password']);

/**
 * Throttling of wrong two-factor codes (and wrong re-authentication passwords), on the login attempt
 * limiter (decision 0006): per account (MFA_RATE_MAX — a TOTP code is only 6 digits) and per client
 * address (the login budget, so an office behind one NAT is not locked out by a few typos). Over
 * budget → 429 + Retry-After, whatever is sent; successes and other errors are given back.
 */
export function createCodeThrottle(app: FastifyInstance) {
  const { env } = app;
  const windowMs = env.LOGIN_RATE_WINDOW_MS;
  const perAccount = app.attemptLimiter({ name: 'mfa', max: env.MFA_RATE_MAX, windowMs });
  const perAddress = app.attemptLimiter({ name: 'mfa-ip', max: env.LOGIN_RATE_MAX, windowMs });

  return async function throttled<T>(userId: string, route: string, ctx: RequestContext, run: () => Promise<T>) {
    const account = [`acct:${userId}`];
    const address = [`ip:${clientKey(ctx.ip ?? 'unknown')}`];
    let decision = await perAccount.take(account);
    if (decision.allowed) {
      decision = await perAddress.take(address);
      if (!decision.allowed) await perAccount.refund(account);
    }
    if (!decision.allowed) {
      for (const { key, firstRefusal } of decision.exceeded) {
        if (!firstRefusal) continue;
        await recordAudit(
          app.db,
          {
            actorId: userId,
            action: 'excess_rate_limit_exceeded',
            targetType: 'route',
            targetId: route,
            outcome: 'failure',
            meta: { key: key.split(':', 1)[0] ?? key },
          },
          ctx,
        );
      }
      throw new AppError('rate_limited', `Too many wrong codes, retry in ${decision.retryAfterSeconds} s`, undefined, {
        'retry-after': String(decision.retryAfterSeconds),
      });
    }
    const giveBack = async () => {
      await perAccount.refund(account);
      await perAddress.refund(address);
    };
    try {
      const result = await run();
      await giveBack();
      return result;
    } catch (err) {
      if (!(err instanceof AppError && GUESSES.has(err.code))) await giveBack();
      throw err;
    }
  };
}
