import type { LightMyRequestResponse } from 'fastify';

/** One Set-Cookie header as written on the wire: name, value, and its attributes (names lower-cased). */
export interface SetCookieLine {
  name: string;
  value: string;
  attributes: Map<string, string>;
  line: string;
}

/** Every Set-Cookie header of a response, parsed without the leniency of a cookie library. */
export function setCookieLines(res: LightMyRequestResponse): SetCookieLine[] {
  const raw = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  return lines.map((line) => {
    const [pair = '', ...parts] = line.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const attributes = new Map<string, string>();
    for (const part of parts) {
      const at = part.indexOf('=');
      if (at === -1) attributes.set(part.toLowerCase(), '');
      else attributes.set(part.slice(0, at).toLowerCase(), part.slice(at + 1));
    }
    return { name: pair.slice(0, separator), value: pair.slice(separator + 1), attributes, line };
  });
}

/** The one Set-Cookie of this name and path (Path=/ unless said); fails when there is none or several. */
export function setCookieOf(res: LightMyRequestResponse, name: string, path = '/'): SetCookieLine {
  const lines = setCookieLines(res);
  const matches = lines.filter((c) => c.name === name && (c.attributes.get('path') ?? '/') === path);
  if (matches.length !== 1) {
    throw new Error(
      `expected one Set-Cookie ${name} with Path=${path}, got ${matches.length} in:\n${lines.map((c) => c.line).join('\n')}`,
    );
  }
  return matches[0]!;
}

/** An empty value that expires at once: the browser deletes its cookie of that name and path. */
export function isCleared(cookie: SetCookieLine) {
  const maxAge = cookie.attributes.get('max-age');
  const expires = cookie.attributes.get('expires');
  return (
    cookie.value === '' &&
    (maxAge === '0' || (expires !== undefined && new Date(expires).getTime() <= new Date('1970-01-02').getTime()))
  );
}
