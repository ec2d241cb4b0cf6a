/**
 * The auth module's public face: sign-in and sessions (routes), and what other modules and the auth
 * plugin use of it — password hashing and policy, session revocation and lookup, tokens.
 */
export { authRoutes } from './auth.routes.ts';
export { assertPasswordAllowed } from './password-policy.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
export { announceRevokedSessions } from './session-events.ts';
export { findActiveSession, purgeExpiredSessions, revokeUserSessions } from './session.repository.ts';
export { AccessTokens, CsrfTokens, hashToken } from './tokens.ts';
