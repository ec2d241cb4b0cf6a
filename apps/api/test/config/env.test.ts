import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env.ts';

const SECRET = 'a-real-secret-of-at-least-32-characters!';

describe('loadEnv', () => {
  it('refuses to start in production without JWT_SECRET, naming it', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', COOKIE_SECRET: SECRET })).toThrow(/JWT_SECRET/);
  });

  it('refuses to start in production without COOKIE_SECRET, naming it', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toThrow(/COOKIE_SECRET/);
  });

  it('refuses the development secret in production', () => {
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        JWT_SECRET: 'dev-only-secret-do-not-use-in-production-0123456789',
        COOKIE_SECRET: SECRET,
      }),
    ).toThrow(/JWT_SECRET/);
  });

  it('refuses a short secret and a non-postgres DATABASE_URL, naming them', () => {
    expect(() => loadEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('starts in production with real secrets: secure cookies, embedded unless DATABASE_URL', () => {
    const env = loadEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET, COOKIE_SECRET: `${SECRET}2` });
    expect(env).toMatchObject({ cookieSecure: true, jwtSecret: SECRET, cookieSecret: `${SECRET}2`, isEmbedded: true });
    expect(
      loadEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET, COOKIE_SECRET: SECRET, DATABASE_URL: 'postgres://db/app' })
        .isEmbedded,
    ).toBe(false);
  });

  it('treats an empty variable as unset (DATABASE_URL= means the embedded database)', () => {
    expect(loadEnv({ DATABASE_URL: '', JWT_SECRET: '' })).toMatchObject({ isEmbedded: true });
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: '', COOKIE_SECRET: SECRET })).toThrow(/JWT_SECRET/);
  });

  it('has working development defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      API_PORT: 4000,
      cookieSecure: false,
      ACCESS_TTL_SECONDS: 900,
      appOrigins: ['http://localhost:3000', 'http://127.0.0.1:3000'],
      apiPublicPrefix: '/api',
    });
  });

  it('takes the public prefix of the API as a path (trailing slash dropped, / for the root)', () => {
    expect(loadEnv({ API_PUBLIC_PREFIX: '/calls-api/v1/' }).apiPublicPrefix).toBe('/calls-api/v1');
    expect(loadEnv({ API_PUBLIC_PREFIX: '/' }).apiPublicPrefix).toBe('');
    for (const value of ['api', '/api;Path=/', '/a b', '/..', '//evil', 'https://evil.example/api']) {
      expect(() => loadEnv({ API_PUBLIC_PREFIX: value }), value).toThrow(/API_PUBLIC_PREFIX/);
    }
  });

  it('caps the access token lifetime at 15 minutes', () => {
    expect(() => loadEnv({ ACCESS_TTL_SECONDS: '3600' })).toThrow(/ACCESS_TTL_SECONDS/);
  });
});
