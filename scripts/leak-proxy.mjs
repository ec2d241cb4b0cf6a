// A recording reverse proxy for the browser journeys: everything the web app and the specs send to the
// API passes through it, and every response (headers but Set-Cookie, and body, SSE included) is scanned
// for secrets that must never leave the server — password hashes, token hashes, TOTP secrets — and, on
// the non-admin routes, for another user's id or email (users are learnt from the sign-in answers, the
// caller from the subject of the access token it sent). The test script fails the run when anything is
// found, so the whole e2e run doubles as a leak scan. Team-mates see one another on the team's lists: the
// proxy learns from the API's own team rosters (GET /teams, as the caller) whom each caller was ever
// shown in a team, and an id or email of such a team-mate is no finding.
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
  /** user id → the ids of everybody ever seen in a team with them. */
  const mates = new Map();
  /** Checks still asking the API for a caller's teams. */
  const pending = new Set();

  /** Each member of a roster may see the others, and so may its `viewer` (an admin sees every team). */
  function learnRoster(teams, viewer) {
    const meet = (id, others) => {
      const known = mates.get(id) ?? new Set();
      for (const other of others) known.add(other);
      mates.set(id, known);
    };
    // GET /teams answers { items: [team…] }, GET /teams/:id the team itself.
    for (const team of Array.isArray(teams?.items) ? teams.items : [teams]) {
      const ids = (team?.members ?? []).map((m) => String(m.userId).toLowerCase());
      for (const id of ids) meet(id, ids);
      if (viewer) meet(viewer, ids);
    }
  }

  /** Asks the API, as the caller, which teams the caller is in (their rosters name its team-mates). */
  function askTeams(cookie, caller) {
    return new Promise((resolve) => {
      const ask = http.request(
        { host: '127.0.0.1', port: target, method: 'GET', path: '/teams', headers: { cookie, accept: 'application/json' } },
        (answer) => {
          const chunks = [];
          answer.on('data', (chunk) => chunks.push(chunk));
          answer.on('end', () => {
            try {
              if (answer.statusCode === 200) learnRoster(JSON.parse(Buffer.concat(chunks).toString('utf8')), caller);
            } catch {
              // no roster to learn from
            }
            resolve();
          });
          answer.on('error', () => resolve());
        },
      );
      ask.on('error', () => resolve());
      ask.end();
    });
  }

  const isMate = (caller, other) => mates.get(caller)?.has(other) ?? false;

  function scanner(label, caller, cookie) {
    let tail = '';
    const seen = new Set();
    const report = (name, window, at) => {
      if (seen.has(name)) return;
      seen.add(name);
      findings.push(`${label}: ${name} in «${window.slice(Math.max(0, at - 60), at + 60)}»`);
    };
    /** Another user seen: a finding unless they are (or were) the caller's team-mate. */
    const reportUser = (name, other, window, at) => {
      if (seen.has(name) || isMate(caller, other)) return;
      const excerpt = window.slice(Math.max(0, at - 60), at + 60);
      const check = askTeams(cookie, caller).then(() => {
        pending.delete(check);
        if (!isMate(caller, other)) report(name, excerpt, 60);
      });
      pending.add(check);
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
            if (at >= 0) reportUser(`another user's ${value === id ? 'id' : 'email'} (${email})`, id, window, at);
          }
        }
      }
      tail = window.slice(-TAIL);
    };
  }

  /** Learns who a sign-in answer is about (its body holds `user`), and the team rosters it is shown. */
  function learner(req, viewer) {
    const url = req.url ?? '';
    const signIn = req.method === 'POST' && /^\/auth\/login(\/|$|\?)/.test(url);
    const roster = req.method === 'GET' && /^\/teams(\/[^/?]+)?(\?|$)/.test(url);
    if (!signIn && !roster) return null;
    const chunks = [];
    return {
      add: (text) => chunks.push(text),
      end: () => {
        try {
          const body = JSON.parse(chunks.join(''));
          if (roster) learnRoster(body, viewer);
          const { user } = body;
          if (signIn && user?.id && user?.email) users.set(String(user.id).toLowerCase(), String(user.email).toLowerCase());
        } catch {
          // not a sign-in answer or a roster (a 401, a 429…)
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
        const learn = learner(req, callerOf(req.headers.cookie)?.toLowerCase());
        const scanBody = scanner(label, caller, req.headers.cookie ?? '');
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
        /** Waits for the team-mate checks still asking the API (call it while the API is up). */
        settle: () => Promise.all([...pending]),
        close: async () => {
          await Promise.all([...pending]);
          await new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          });
        },
      }),
    );
  });
}
