/** The web server's settings, read once at start (never baked into the build: the API can move). */
export interface WebServerEnv {
  dev: boolean;
  host: string;
  port: number;
  /** Where the API listens; `/api/*` is streamed there. */
  apiOrigin: URL;
  /** Front proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed; none by default. */
  trustedProxies: string | undefined;
  /** Served over HTTPS (the same rule as the API's secure cookies): pages then carry HSTS. */
  secure: boolean;
}

function portOf(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`${name} must be a port number, not "${value}"`);
  return port;
}

export function readWebServerEnv(source: NodeJS.ProcessEnv, argv: readonly string[]): WebServerEnv {
  const apiOrigin = new URL(source.API_ORIGIN || `http://127.0.0.1:${portOf(source.API_PORT, 4000, 'API_PORT')}`);
  if (apiOrigin.protocol !== 'http:')
    throw new Error(`API_ORIGIN must be an http:// origin on a private network, not "${apiOrigin.href}"`);
  const secure = source.COOKIE_SECURE ? source.COOKIE_SECURE === 'true' : source.NODE_ENV === 'production';
  return {
    dev: argv.includes('--dev'),
    host: source.HOST || '127.0.0.1',
    port: portOf(source.PORT, 3000, 'PORT'),
    apiOrigin,
    trustedProxies: source.WEB_TRUSTED_PROXIES,
    secure,
  };
}
