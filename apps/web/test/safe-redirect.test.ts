import { describe, expect, it } from 'vitest';
import { HOME_PATH, safeNextPath } from '../src/lib/safe-redirect.ts';

/**
 * Known open-redirect bypasses (from the usual payload lists): each must fall back to the home page,
 * never to a URL a browser would resolve to another origin.
 */
const BYPASSES = [
  '//evil.example',
  '/\\evil.example',
  '/.//evil.example/phish',
  '/./..//evil.example',
  '/%2f%2fevil.example',
  '/%2F%2Fevil.example',
  '%2f%2f',
  '%2f%2fevil.example',
  '/%5cevil.example',
  '/%5Cevil.example',
  '\t//evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '//\tevil.example',
  ' //evil.example',
  '/\u3000/evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '/javascript:alert(1)#\n',
  'data:text/html,<script>alert(1)</script>',
  '\\\\evil.example',
  '\\/evil.example',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E//evil.example',
  '/.%2e//evil.example',
  '/calls/..//..//evil.example',
  'http://evil.example',
  'https://evil.example/phish',
  'https:evil.example',
  'https:/evil.example',
  '//user@evil.example',
  'http://localhost:3000@evil.example',
  '///evil.example',
  '////evil.example',
  'evil.example',
  '/%zz',
  '',
  '/login',
  '/login?next=/calls',
  '/api/auth/logout',
  '/api',
  '/_next/static/chunk.js',
];

describe('safeNextPath (lib/safe-redirect): where to go after signing in', () => {
  it.each(BYPASSES.map((candidate) => [JSON.stringify(candidate), candidate]))(
    'falls back to the home page for %s',
    (_label, candidate) => {
      expect(safeNextPath(candidate)).toBe(HOME_PATH);
    },
  );

  it('falls back when there is no target at all', () => {
    expect(safeNextPath(null)).toBe(HOME_PATH);
    expect(safeNextPath(undefined)).toBe(HOME_PATH);
    expect(safeNextPath(undefined, '/today')).toBe('/today');
  });

  it.each([
    ['/calls?status=callback', '/calls?status=callback'],
    ['/reminders#x', '/reminders#x'],
    ['/calls?status=callback&sort=lastName%3Aasc#row-3', '/calls?status=callback&sort=lastName%3Aasc#row-3'],
    ['/admin/users', '/admin/users'],
    ['/dashboard', '/dashboard'],
    // `@` in a path is only a path: the origin does not change.
    ['/@evil.example', '/@evil.example'],
    // Normalised, never echoed raw: dot segments resolved, unsafe characters of the query encoded.
    ['/calls/./../reminders', '/reminders'],
    ['/calls?q=<b>"x"', '/calls?q=%3Cb%3E%22x%22'],
  ])('keeps the same-origin app path %s as %s', (candidate, expected) => {
    expect(safeNextPath(candidate)).toBe(expected);
  });

  it('is stable: an accepted path is accepted again unchanged', () => {
    for (const candidate of ['/calls?status=callback', '/reminders#x', '/@evil.example', '/calls/./../today']) {
      const once = safeNextPath(candidate);
      expect(safeNextPath(once)).toBe(once);
    }
  });

  it('never answers something a browser resolves to another origin, whatever the input', () => {
    const base = 'http://localhost:3000';
    for (const candidate of BYPASSES) {
      expect(new URL(safeNextPath(candidate), base).origin).toBe(base);
    }
  });
});
