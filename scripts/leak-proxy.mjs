// A recording reverse proxy for the browser journeys: everything the web app and the specs send to the
// API passes through it, and every response (headers but Set-Cookie, and body, SSE included) is scanned
// for secrets that must never leave the server — password hashes, token hashes, TOTP secrets — and, on
// the non-admin routes, for another user's id or email (users are learnt from the sign-in answers, the
// caller from the subject of the access token it sent). The test script fails the run when anything is
// found, so the whole e2e run doubles as a leak scan.
import http from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** What must never appear in an API response, as field names or as values. */
export const FORBIDDEN = [
  { name: 'password hash field', pattern: /password_?hash/i },
  { name: 'argon2 hash', pattern: /\$argon2(id|i|d)\$/ },
  { name: 'token hash field', pattern: /token_?hash/i },
  { name: 'TOTP secret field', pattern: /(totp|mfa)_?secret(?!s?_?(set|enabled))/i },
  { name: 'recovery code hash field', pattern: /recovery_?code_?hash/i },
];

const TAIL = 200; // characters kept between chunks so that a match across two chunks is still seen

function decoderFor(encoding) {
  if (encoding === 'gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return null;
}

/** The subject (user id) of the access token among the request's cookies, unverified: the API verifies. */
function callerOf(cookieHeader = '') {
  const token = /(?:^|;\s*)(?:__Host-)?ct_at=([^;]+)/.exec(cookieHeader)?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sub;
  } catch {
    return undefined;
  }
}

/**
 * Routes left out of the cross-user check: the admin's (an admin sees users), the teams' (a team's
 * members see one another; who may see a team is the authorization matrix's business), the public API
 * description, and sign-in itself (a browser still holding A's cookie may sign in as B).
 */
const SHARED = /^\/(admin\/|teams\b|auth\/|openapi\.json|docs)/;

export function startLeakProxy({ port, target, host = '127.0.0.1' }) {
  const findings = [];
  let responses = 0;
  /** id → email of every user seen signing in. */
  const users = new Map();

  function scanner(label, caller) {
    let tail = '';
    const seen = new Set();
    const report = (name, window, at) => {
      if (seen.has(name)) return;
      seen.add(name);
      findings.push(`${label}: ${name} in «${window.slice(Math.max(0, at - 60), at + 60)}»`);
    };
    return (text) => {
      const window = tail + text;
      for (const { name, pattern } of FORBIDDEN) {
        const match = window.match(pattern);
        if (match) report(name, window, match.index ?? 0);
      }
      if (caller) {
        const lower = window.toLowerCase();
        for (const [id, email] of users) {
          if (id === caller) continue;
          for (const value of [id, email]) {
            const at = lower.indexOf(value);
            if (at >= 0) report(`another user's ${value === id ? 'id' : 'email'} (${email})`, window, at);
          }
        }
      }
      tail = window.slice(-TAIL);
    };
  }

  /** Learns who a sign-in answer is about (its body holds `user`). */
  function learner(req) {
    if (req.method !== 'POST' || !/^\/auth\/login(\/|$|\?)/.test(req.url ?? '')) return null;
    const chunks = [];
    return {
      add: (text) => chunks.push(text),
      end: () => {
        try {
          const { user } = JSON.parse(chunks.join(''));
          if (user?.id && user?.email) users.set(String(user.id).toLowerCase(), String(user.email).toLowerCase());
        } catch {
          // not a sign-in answer (a 401, a 429…)
        }
      },
    };
  }

  const server = http.createServer((req, res) => {
    let answered = false;
    const upstream = http.request(
      { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        answered = true;
        responses++;
        if (!req.complete) {
          // The API answered before the upload was over (a 413): drop the rest, deliver the answer.
          req.unpipe(upstream);
          req.resume();
        }
        const label = `${req.method} ${req.url} → ${answer.statusCode}`;
        const caller = SHARED.test(req.url ?? '') ? undefined : callerOf(req.headers.cookie)?.toLowerCase();
        const learn = learner(req);
        const scanBody = scanner(label, caller);
        const scan = (text) => {
          scanBody(text);
          learn?.add(text);
        };
        for (const [key, value] of Object.entries(answer.headers)) {
          if (key !== 'set-cookie') scanBody(`${key}: ${Array.isArray(value) ? value.join(', ') : value}\n`);
        }
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        const decoder = decoderFor(answer.headers['content-encoding']);
        if (decoder) {
          decoder.setEncoding('utf8');
          decoder.on('data', scan);
          decoder.on('end', () => learn?.end());
          decoder.on('error', () => {});
        }
        answer.on('data', (chunk) => {
          if (decoder) decoder.write(chunk);
          else scan(chunk.toString('utf8'));
          res.write(chunk);
        });
        answer.on('end', () => {
          if (decoder) decoder.end();
          else learn?.end();
          res.end();
        });
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      // After the answer began, an upload cut short is no failure of the API's: the answer goes on.
      if (answered) return;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('leak proxy: API unreachable');
    });
    // A closed browser tab ends its SSE stream upstream too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });

  // Longer than any client's idle keep-alive (Next's proxy reuses its sockets): with Node's default of
  // 5 s, a request sent on a socket the proxy was just closing failed with "socket hang up" — as the
  // API itself (Fastify: 72 s) never does.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve({
        findings,
        get responses() {
          return responses;
        },
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
