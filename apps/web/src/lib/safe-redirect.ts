export const HOME_PATH = '/dashboard';
export const LOGIN_PATH = '/login';

const PLACEHOLDER_ORIGIN = 'http://ct.invalid';

/**
 * The `?next=` target after sign-in, only if it stays on this site: a path, not `//evil.example`,
 * `/\evil.example` or `https://…` (open-redirect guard). Anything else falls back to the dashboard.
 */
export function safeNextPath(value: string | null | undefined, fallback = HOME_PATH): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    const url = new URL(value, PLACEHOLDER_ORIGIN);
    if (url.origin !== PLACEHOLDER_ORIGIN || url.pathname === LOGIN_PATH) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
