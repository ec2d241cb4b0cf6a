import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { loadOrCreateSecrets, SECRET_NAMES, type GeneratedSecrets } from './lib/dev-secrets.ts';

/**
 * The one place that reads process.env. Validated once at boot; a production start without real
 * secrets, or with guessable ones, fails here and names the variable (docs/decisions/0009-secrets.md).
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** SHA-256 of secrets that were once published with this code (its history has them): never accepted in production. */
const PUBLISHED_SECRETS = new Set(['0b13ca8203be4d9b7f29f84c594cb1181cbc75dcbe42cb0f8e3d95ed0943b8cc']);

/**
 * Why a production secret is guessable, or null. A floor, not a measure: 32+ characters, 10+
 * distinct ones, and length × log2(distinct characters) ≥ 128 bits — 32 × `a` is 0 bits, 32 random
 * bytes in base64 (44 characters) ~215. It cannot see through words or sequences; it stops a
 * placeholder, a repeated pattern or a short hex string.
 */
export function secretWeakness(value: string): string | null {
  if (PUBLISHED_SECRETS.has(createHash('sha256').update(value).digest('hex')))
    return 'is a value published with this code';
  if (value.length < 32) return 'must be at least 32 characters';
  const distinct = new Set(value).size;
  const bits = Math.floor(value.length * Math.log2(distinct));
  if (distinct < 10)
    return `is guessable: only ${distinct} distinct character${distinct === 1 ? '' : 's'} (10+ needed)`;
  if (bits < 128) return `is guessable: ~${bits} bits estimated (128+ needed)`;
  return null;
}

const HOW_TO = 'use 32 random bytes, e.g. `openssl rand -base64 32`';

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
    for (const key of SECRET_NAMES) {
      const value = env[key];
      // MFA_ENCRYPTION_KEY may be left out: it then defaults to JWT_SECRET.
      if (!value && key === 'MFA_ENCRYPTION_KEY') continue;
      const weakness = value ? secretWeakness(value) : 'is required in production';
      if (weakness) ctx.addIssue({ code: 'custom', path: [key], message: `${key} ${weakness}; ${HOW_TO}` });
    }
  });

export type Env = z.infer<typeof envSchema> & {
  jwtSecret: string;
  cookieSecret: string;
  mfaEncryptionKey: string;
  /** Where the secrets not set in the environment came from, outside production. */
  generatedSecrets: { path: string; created: boolean } | 'in memory' | null;
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
  const { generated, origin } = secretsFor(env);
  return {
    ...env,
    // COOKIE_SECRET and MFA_ENCRYPTION_KEY default to JWT_SECRET when only that one is set.
    jwtSecret: env.JWT_SECRET ?? generated.JWT_SECRET,
    cookieSecret: env.COOKIE_SECRET ?? env.JWT_SECRET ?? generated.COOKIE_SECRET,
    mfaEncryptionKey: env.MFA_ENCRYPTION_KEY ?? env.JWT_SECRET ?? generated.MFA_ENCRYPTION_KEY,
    generatedSecrets: origin,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production',
    apiPublicPrefix: env.API_PUBLIC_PREFIX.replace(/\/$/, ''),
    appOrigins: (env.APP_ORIGINS ?? `http://localhost:${webPort},http://127.0.0.1:${webPort}`)
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    isEmbedded: !env.DATABASE_URL,
  };
}

/**
 * The secrets to use where the environment sets none — only when JWT_SECRET is unset (the others
 * default to it), never in production (refused above). Development keeps them in the data folder,
 * even with DATABASE_URL (the folder then holds nothing else); tests get random ones per process.
 */
function secretsFor(env: z.infer<typeof envSchema>): {
  generated: GeneratedSecrets;
  origin: Env['generatedSecrets'];
} {
  // Not read: JWT_SECRET is set (and production has checked every secret is).
  const none = { JWT_SECRET: '', COOKIE_SECRET: '', MFA_ENCRYPTION_KEY: '' };
  if (env.JWT_SECRET || env.NODE_ENV === 'production') return { generated: none, origin: null };
  if (env.NODE_ENV === 'test') {
    const random = () => randomBytes(32).toString('base64url');
    return {
      generated: { JWT_SECRET: random(), COOKIE_SECRET: random(), MFA_ENCRYPTION_KEY: random() },
      origin: 'in memory',
    };
  }
  const stored = loadOrCreateSecrets(env.DATA_DIR);
  return { generated: stored.secrets, origin: { path: stored.path, created: stored.created } };
}
