// Shared helpers of the start and test scripts: spawn children in their own process groups, wait for
// HTTP readiness, and stop everything on exit.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
const children = new Set();

export function run(command, args, options = {}) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', detached: true, ...options, env: { ...process.env, ...options.env } });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Runs a command to completion; rejects on a non-zero exit. */
export function exec(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = run(command, args, options);
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`))));
  });
}

export function stopAll(signal = 'SIGTERM') {
  for (const child of children) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Waits for every child to exit (after stopAll), at most `ms`. */
export async function waitForChildren(ms = 12_000) {
  const deadline = Date.now() + ms;
  while (children.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (children.size > 0) stopAll('SIGKILL');
}

export async function waitForHttp(url, { timeoutMs = 90_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process for ${url} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app unless a build exists that is newer than every source file of the web app and of
 * the contracts it bundles. The API's address is not part of the build: the web server reads it at start.
 */
export async function buildWebIfNeeded() {
  const web = join(ROOT, 'apps/web');
  const marker = join(web, '.next/ct-build.json');
  if (existsSync(marker)) {
    const built = JSON.parse(readFileSync(marker, 'utf8'));
    const sources = Math.max(newestMtime(join(web, 'src')), newestMtime(join(ROOT, 'packages/contracts/src')), statSync(join(web, 'next.config.ts')).mtimeMs);
    if (built.at > sources) return false;
  }
  process.stdout.write('Building the web app (first start, or sources changed)…\n');
  await exec(join(ROOT, 'node_modules/.bin/next'), ['build'], { cwd: web, env: { NEXT_TELEMETRY_DISABLED: '1' } });
  writeFileSync(marker, JSON.stringify({ at: Date.now() }));
  return true;
}

/**
 * Starts the web origin (apps/web/server/main.ts): the Next.js app, and `/api/*` streamed to the API at
 * `apiPort`. `dev` serves Next in development mode (watch, HMR).
 */
export function runWebServer({ host, port, apiPort, dev = false, env = {} }) {
  return run(process.execPath, ['--import', 'tsx', 'apps/web/server/main.ts', ...(dev ? ['--dev'] : [])], {
    env: { ...env, HOST: host, PORT: String(port), API_PORT: String(apiPort) },
  });
}
