import { z } from 'zod';

/**
 * The one place that reads process.env. Validated once at boot; a production start without real
 * secrets fails here and names the variable.
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const DEV_SECRET = 'dev-only-secret-do-not-use-in-production-0123456789';

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    API_HOST: z.string().default('127.0.0.1'),
    API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATA_DIR: z.string().default('./data'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Secure cookies with the __Host- / __Secure- prefixes; on by default in production (behind TLS). */
    COOKIE_SECURE: z.enum(['true', 'false']).optional(),
    /**
     * Where the browser reaches this API on the web origin (the web app proxies `/api/*` to it). The
     * refresh cookie is scoped to `<prefix>/auth`, so the browser sends it to the auth routes only.
     */
    API_PUBLIC_PREFIX: z
      .string()
      .regex(/^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?$/, 'must be a path such as /api (or / for the root)')
      .default('/api'),
    /** Origins allowed to make unsafe requests (the web app's), comma-separated. */
    APP_ORIGINS: z.string().optional(),
    /** Proxy addresses whose X-Forwarded-For is trusted (comma-separated IPs/CIDRs); none by default. */
    TRUST_PROXY: z.string().optional(),
    REDIS_URL: z.string().optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('Call Tracking <no-reply@call-tracking.local>'),
    WEB_PORT: z.coerce.number().int().default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOGIN_RATE_MAX: z.coerce.number().int().min(1).default(10),
    LOGIN_RATE_WINDOW_MS: z.coerce
      .number()
      .int()
      .min(1000)
      .default(15 * 60_000),
    /** Wrong two-factor codes (sign-in and settings) allowed per account and per address in one login window. */
    MFA_RATE_MAX: z.coerce.number().int().min(1).default(5),
    /**
     * Key material for the TOTP secrets encrypted at rest (AES-256-GCM through HKDF). Defaults to
     * JWT_SECRET; set it to rotate JWT_SECRET without making the enrolled authenticators unreadable.
     */
    MFA_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
    REFRESH_IDLE_DAYS: z.coerce.number().int().min(1).default(7),
    REFRESH_ABSOLUTE_DAYS: z.coerce.number().int().min(1).default(30),
    JOBS_ENABLED: booleanString,
    JOBS_DISABLED: booleanString,
    SEED_DEMO: booleanString,
    IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
    IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(100_000),
    /** PostgreSQL: a query fails after this long (server statement_timeout; the client gives up 1 s later). */
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** PostgreSQL: opening a connection (or waiting for a free one in the pool) fails after this long. */
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['JWT_SECRET', 'COOKIE_SECRET'] as const) {
      const value = env[key];
      if (!value || value === DEV_SECRET) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} is required in production (32+ random characters)`,
        });
      }
    }
  });

export type Env = z.infer<typeof envSchema> & {
  jwtSecret: string;
  cookieSecret: string;
  mfaEncryptionKey: string;
  cookieSecure: boolean;
  /** API_PUBLIC_PREFIX without its trailing slash: '' when the API is mounted at the root. */
  apiPublicPrefix: string;
  appOrigins: string[];
  isEmbedded: boolean;
};

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (`DATABASE_URL=` in a .env file or a shell) means "not set", as in most tools.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const webPort = env.WEB_PORT;
  return {
    ...env,
    jwtSecret: env.JWT_SECRET ?? DEV_SECRET,
    cookieSecret: env.COOKIE_SECRET ?? env.JWT_SECRET ?? DEV_SECRET,
    mfaEncryptionKey: env.MFA_ENCRYPTION_KEY ?? env.JWT_SECRET ?? DEV_SECRET,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production',
    apiPublicPrefix: env.API_PUBLIC_PREFIX.replace(/\/$/, ''),
    appOrigins: (env.APP_ORIGINS ?? `http://localhost:${webPort},http://127.0.0.1:${webPort}`)
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    isEmbedded: !env.DATABASE_URL,
  };
}
