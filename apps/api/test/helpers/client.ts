import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app.ts';
import type { TestUser } from './factories.ts';

/** Parses Set-Cookie headers into name → value (empty value = cleared). */
export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies as { name: string; value: string }[]) out[c.name] = c.value;
  return out;
}

/**
 * A signed-in browser, in miniature: keeps the cookie jar, sends the CSRF header on unsafe methods,
 * and the app's Origin.
 */
export class Agent {
  cookies: Record<string, string> = {};
  csrf = '';

  constructor(
    readonly app: App,
    readonly user?: TestUser,
  ) {}

  async login(email = this.user?.email, password = this.user?.password): Promise<LightMyRequestResponse> {
    const res = await this.request({ method: 'POST', url: '/auth/login', payload: { email, password } });
    if (res.statusCode === 200) this.csrf = (res.json() as { csrfToken: string }).csrfToken;
    return res;
  }

  async request(options: InjectOptions & { csrf?: string | null }): Promise<LightMyRequestResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (unsafe && csrf && headers['x-csrf-token'] === undefined) headers['x-csrf-token'] = csrf;
    const res = await this.app.inject({ ...options, method: method as InjectOptions['method'], headers, cookies: { ...this.cookies, ...(options.cookies ?? {}) } });
    for (const [name, value] of Object.entries(cookiesOf(res))) {
      if (value) this.cookies[name] = value;
      else delete this.cookies[name];
    }
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request({ method: 'GET', url, ...(headers ? { headers } : {}) });
  }
  post(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }), ...(headers ? { headers } : {}) });
  }
  patch(url: string, payload: unknown, headers?: Record<string, string>) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'], ...(headers ? { headers } : {}) });
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
