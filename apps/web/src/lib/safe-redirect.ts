export const HOME_PATH = '/dashboard';
export const LOGIN_PATH = '/login';

/** A base no real request can have: whatever resolves to another origin left this site. */
const PLACEHOLDER_ORIGIN = 'http://x.invalid';

/**
 * Control characters, any whitespace (browsers silently drop tabs and newlines from URLs, so `/\t/evil`
 * becomes `//evil`) and backslashes (a URL parser reads `\` as `/`). None is part of a path the app makes.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\\\s]/u;

/** Same-origin paths that are not pages of the app: the API proxy and Next's own files. */
const NOT_APP_PATHS = /^\/(?:api|_next)(?:\/|$)/;

function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/**
 * The `?next=` target after sign-in, only if it stays on this site, as the URL parser understands it:
 * the candidate is resolved against a placeholder origin, and only a result on that origin whose
 * pathname starts with a single `/` — also once percent-decoded, for a proxy that decodes `%2f` — and
 * names an app page is kept. Dot segments are why the resolved path is the one checked: `/.//evil.example`
 * resolves to `//evil.example`, a protocol-relative URL. The answer is always the normalised
 * `pathname + search + hash`, never the raw input; anything else falls back to the home page.
 */
export function safeNextPath(value: string | null | undefined, fallback = HOME_PATH): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return fallback;
  if (UNSAFE_CHARACTERS.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const { pathname } = url;
  const decoded = decodePath(pathname);
  if (decoded === null || !isSingleSlashPath(pathname) || !isSingleSlashPath(decoded)) return fallback;
  if (UNSAFE_CHARACTERS.test(decoded) || NOT_APP_PATHS.test(decoded) || isLoginPath(decoded)) return fallback;
  return `${pathname}${url.search}${url.hash}`;
}

function isSingleSlashPath(path: string) {
  return path.startsWith('/') && !path.startsWith('//');
}

/** Back to the login form after signing in would be a loop. */
function isLoginPath(path: string) {
  return path === LOGIN_PATH || path.startsWith(`${LOGIN_PATH}/`);
}
