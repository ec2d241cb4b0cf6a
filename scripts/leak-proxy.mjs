// A recording reverse proxy for the browser journeys: everything the web app and the specs send to the
// API passes through it, and every response (headers but Set-Cookie, and body, SSE included) is scanned
// for secrets that must never leave the server — password hashes, token hashes, TOTP secrets. The test
// script fails the run when anything is found, so the whole e2e run doubles as a leak scan.
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

export function startLeakProxy({ port, target, host = '127.0.0.1' }) {
  const findings = [];
  let responses = 0;

  function scanner(label) {
    let tail = '';
    const seen = new Set();
    return (text) => {
      const window = tail + text;
      for (const { name, pattern } of FORBIDDEN) {
        const match = window.match(pattern);
        if (match && !seen.has(name)) {
          seen.add(name);
          const at = match.index ?? 0;
          findings.push(`${label}: ${name} in «${window.slice(Math.max(0, at - 60), at + 60)}»`);
        }
      }
      tail = window.slice(-TAIL);
    };
  }

  const server = http.createServer((req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        responses++;
        const label = `${req.method} ${req.url} → ${answer.statusCode}`;
        const scan = scanner(label);
        for (const [key, value] of Object.entries(answer.headers)) {
          if (key !== 'set-cookie') scan(`${key}: ${Array.isArray(value) ? value.join(', ') : value}\n`);
        }
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        const decoder = decoderFor(answer.headers['content-encoding']);
        if (decoder) {
          decoder.setEncoding('utf8');
          decoder.on('data', scan);
          decoder.on('error', () => {});
        }
        answer.on('data', (chunk) => {
          if (decoder) decoder.write(chunk);
          else scan(chunk.toString('utf8'));
          res.write(chunk);
        });
        answer.on('end', () => {
          decoder?.end();
          res.end();
        });
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('leak proxy: API unreachable');
    });
    // A closed browser tab ends its SSE stream upstream too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });

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
