/**
 * What the logs must never hold (docs/security.md, LOG-04): passwords, tokens, cookies and CSRF
 * tokens wherever a plugin logs headers (e.g. @fastify/multipart logs busboy's options, request
 * headers included, at trace level), and the parameters of failed SQL queries (phones, emails, hashes).
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.headers.cookie',
  '*.headers.authorization',
  '*.headers["x-csrf-token"]',
  '*.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  // Two-factor authentication: challenges, secrets, recovery codes (not `*.code`: errors carry codes).
  '*.challenge',
  '*.secret',
  '*.otpauthUri',
  '*.recoveryCodes',
];

/** pg's error fields worth keeping; `detail` and `where` are left out (they quote row values). */
const PG_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'routine', 'statusCode'] as const;

export interface LoggedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

/**
 * The `err` serializer: name, message, stack, the safe fields and the cause chain. Drizzle's
 * "Failed query: … params: …" keeps its SQL but loses its parameters.
 */
export function errorForLog(err: Error, depth = 0): LoggedError {
  const e = err as Error & { params?: unknown; cause?: unknown } & Partial<Record<(typeof PG_FIELDS)[number], unknown>>;
  const message = Array.isArray(e.params)
    ? `${e.message.split('\nparams: ')[0]}\nparams: [${e.params.length} redacted]`
    : e.message;
  const out: LoggedError = {
    type: e.constructor?.name ?? e.name,
    message,
    stack: (e.stack ?? '').replace(e.message, message),
  };
  for (const field of PG_FIELDS) if (e[field] !== undefined) out[field] = e[field];
  if (e.cause !== undefined)
    out.cause = e.cause instanceof Error && depth < 4 ? errorForLog(e.cause, depth + 1) : e.cause;
  return out;
}
