import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app.ts';
import type { TestUser } from './factories.ts';

/**
 * Parses Set-Cookie headers into name → value (empty value = cleared), whatever their path: when one
 * name is both set and cleared (the refresh cookie under its path, its legacy `Path=/` copy), the value
 * set wins.
 */
export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies) out[c.name] = out[c.name] || c.value;
  return out;
}

/** RFC 6265 §5.1.4: a cookie's Path covers the request path itself and everything below it. */
export function pathMatches(cookiePath: string, requestPath: string) {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

/**
 * The cookies of one browser profile on the web origin, kept as a browser keeps them: one per name and
 * path, removed by a Set-Cookie that clears that same name and path. A request gets the cookies whose
 * path covers the URL the browser sees — `publicPrefix` (`/api`) before the API's own route — longest
 * path first.
 */
export class CookieJar {
  private readonly entries = new Map<string, StoredCookie>();

  constructor(readonly publicPrefix: string) {}

  /** Applies a response's Set-Cookie headers. */
  store(res: LightMyRequestResponse) {
    for (const cookie of res.cookies) {
      const path = cookie.path ?? '/';
      const isCleared =
        cookie.value === '' ||
        (cookie.maxAge !== undefined && cookie.maxAge <= 0) ||
        (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (isCleared) this.entries.delete(`${cookie.name};${path}`);
      else this.set(cookie.name, cookie.value, path);
    }
  }

  set(name: string, value: string, path = '/') {
    this.entries.set(`${name};${path}`, { name, value, path });
  }

  /** Forgets a cookie under every path (what `context.clearCookies({ name })` does in Playwright). */
  delete(name: string) {
    for (const [key, cookie] of this.entries) if (cookie.name === name) this.entries.delete(key);
  }

  clear() {
    this.entries.clear();
  }

  /** What the browser sends with a request to this API route, in the order it sends them. */
  sentWith(url: string): { name: string; value: string }[] {
    const path = `${this.publicPrefix}${new URL(url, 'http://api.invalid').pathname}`;
    return [...this.entries.values()]
      .filter((cookie) => pathMatches(cookie.path, path))
      .sort((a, b) => b.path.length - a.path.length)
      .map(({ name, value }) => ({ name, value }));
  }

  /** Every cookie by name, whatever its path (the longest path wins a tie, as on the wire). */
  all(): Readonly<Record<string, string>> {
    const out: Record<string, string> = {};
    const byPath = [...this.entries.values()].sort((a, b) => b.path.length - a.path.length);
    for (const { name, value } of byPath) out[name] ??= value;
    return Object.freeze(out);
  }

  /** The path a cookie was set with (undefined when the jar does not hold it). */
  pathOf(name: string): string | undefined {
    return [...this.entries.values()].find((cookie) => cookie.name === name)?.path;
  }
}

/**
 * A signed-in browser, in miniature: keeps the cookie jar (with paths: the refresh cookie goes only to
 * the auth routes), sends the CSRF header on unsafe methods, and the app's Origin.
 */
export class Agent {
  readonly jar: CookieJar;
  csrf = '';

  constructor(
    readonly app: App,
    readonly user?: TestUser,
  ) {
    this.jar = new CookieJar(app.env.apiPublicPrefix);
  }

  /** Every cookie of the jar by name (read-only: change the jar through `jar`). */
  get cookies(): Readonly<Record<string, string>> {
    return this.jar.all();
  }

  async login(email = this.user?.email, password = this.user?.password): Promise<LightMyRequestResponse> {
    const res = await this.request({ method: 'POST', url: '/auth/login', payload: { email, password } });
    if (res.statusCode === 200) this.csrf = (res.json() as { csrfToken: string }).csrfToken;
    return res;
  }

  /** `cookies` given here replace the jar's cookies of the same name for this one request. */
  async request(
    options: InjectOptions & { url: string; cookies?: Record<string, string>; csrf?: string | null },
  ): Promise<LightMyRequestResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (unsafe && csrf && headers['x-csrf-token'] === undefined) headers['x-csrf-token'] = csrf;
    const overrides = options.cookies ?? {};
    const cookies = [
      ...this.jar.sentWith(options.url).filter(({ name }) => !(name in overrides)),
      ...Object.entries(overrides).map(([name, value]) => ({ name, value })),
    ];
    const res = await this.app.inject({ ...options, method: method as InjectOptions['method'], headers, cookies });
    this.jar.store(res);
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request({ method: 'GET', url, ...(headers ? { headers } : {}) });
  }
  post(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request({
      method: 'POST',
      url,
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      ...(headers ? { headers } : {}),
    });
  }
  patch(url: string, payload: unknown, headers?: Record<string, string>) {
    return this.request({
      method: 'PATCH',
      url,
      payload: payload as InjectOptions['payload'],
      ...(headers ? { headers } : {}),
    });
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request({ method: 'DELETE', url, ...(headers ? { headers } : {}) });
  }
}

/** Creates an agent and signs it in (fails loudly if the login does not succeed). */
export async function signedIn(app: App, user: TestUser): Promise<Agent> {
  const agent = new Agent(app, user);
  const res = await agent.login();
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return agent;
}
