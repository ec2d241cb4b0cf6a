import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { loadAverage, round, type Figure } from './figures.ts';

/**
 * `node --import tsx bench/web.ts` (or `web` in bench/run.ts): first-load JavaScript per route of the
 * web app, from the build's own report (`apps/web/.next/diagnostics/route-bundle-stats.json`, written by
 * `next build`; Next 16 no longer prints the sizes). Each chunk is compressed here (gzip -9 and brotli),
 * as a browser would receive it from a compressing server.
 *
 * Checks: no route's first load carries Recharts (the dashboard loads it with next/dynamic), and every
 * route stays under FIRST_LOAD_BUDGET_GZIP bytes.
 *
 * Then, against a running app with the demo data — WEB_BASE_URL, or else one this benchmark starts
 * with scripts/start.mjs (a temporary DATA_DIR, WEB_PORT 3100 and API_PORT 4100 so as not to clash
 * with a dev server or CI; the web app is built for that API port if needed) — it measures, signed in
 * as the demo user:
 * - the Lighthouse performance score of each of LIGHTHOUSE_ROUTES (lighthouse 12, chrome-launcher on
 *   Debian's Chromium, headless), median of LIGHTHOUSE_RUNS (3) runs, with the default mobile settings
 *   (simulated slow 4G and 4× CPU slowdown; target ≥ 90) and the desktop preset (target ≥ 95), with
 *   the median run's main-thread breakdown and heaviest scripts;
 * - /dashboard's own performance entries in Chromium, median of three loads (FCP, LCP, CLS, long
 *   tasks, JS bytes).
 * WEB_LIGHTHOUSE=0 skips the browser part; WEB_ROUTES=/calls,/today measures only those routes.
 */

const WEB_ROOT = fileURLToPath(new URL('../apps/web/', import.meta.url));
const STATS = `${WEB_ROOT}.next/diagnostics/route-bundle-stats.json`;
const FIRST_LOAD_BUDGET_GZIP = 180 * 1024;
/** The pages a caller spends the day on. */
const LIGHTHOUSE_ROUTES = ['/dashboard', '/calls', '/today', '/session'];
const MOBILE_TARGET = 90;
const DESKTOP_TARGET = 95;
/** A string only Recharts' code carries: its wrapper's class name. */
const RECHARTS_MARKER = 'recharts-wrapper';

interface RouteStats {
  route: string;
  firstLoadUncompressedJsBytes: number;
  firstLoadChunkPaths: string[];
}

export interface RouteReport {
  route: string;
  chunks: number;
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  hasRecharts: boolean;
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

export function firstLoadReport(): RouteReport[] {
  if (!existsSync(STATS)) throw new Error(`${STATS} not found: run \`next build\` in apps/web first`);
  const stats = JSON.parse(readFileSync(STATS, 'utf8')) as RouteStats[];
  const cache = new Map<string, { gzip: number; brotli: number; hasRecharts: boolean }>();
  const measure = (path: string) => {
    let entry = cache.get(path);
    if (!entry) {
      const source = readFileSync(`${WEB_ROOT}${path}`);
      entry = {
        gzip: gzipSync(source, { level: 9 }).length,
        brotli: brotliCompressSync(source).length,
        hasRecharts: source.includes(RECHARTS_MARKER),
      };
      cache.set(path, entry);
    }
    return entry;
  };
  return stats
    .map((route) => {
      const chunks = route.firstLoadChunkPaths.map(measure);
      return {
        route: route.route,
        chunks: chunks.length,
        rawBytes: route.firstLoadUncompressedJsBytes,
        gzipBytes: chunks.reduce((sum, chunk) => sum + chunk.gzip, 0),
        brotliBytes: chunks.reduce((sum, chunk) => sum + chunk.brotli, 0),
        hasRecharts: chunks.some((chunk) => chunk.hasRecharts),
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

interface PageMetrics {
  fcpMs: number;
  lcpMs: number;
  cls: number;
  totalBlockingTimeMs: number;
  jsTransferredBytes: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** The demo user's session cookies on the web origin (the same login the browser makes). */
async function demoCookies(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: 'demo@example.com', password: 'demo1234' }),
  });
  if (res.status !== 200) throw new Error(`demo login answered ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export interface LighthouseRun {
  score: number;
  metrics: Record<string, number>;
  /** Opportunities and diagnostics that cost something, for the report. */
  findings: { id: string; title: string; savingsMs?: number; displayValue?: string }[];
  /** Lighthouse's main-thread work by category (ms, throttled), largest first. */
  mainThread: Record<string, number>;
  /** The scripts that cost the most main-thread time (ms: total, of which script evaluation). */
  scripts: { url: string; totalMs: number; scriptingMs: number }[];
}

/** One Lighthouse run of `url` (performance category only) in a fresh headless Chromium. */
async function lighthouseOnce(url: string, cookie: string, formFactor: 'mobile' | 'desktop'): Promise<LighthouseRun> {
  const route = new URL(url).pathname;
  const { default: lighthouse, desktopConfig } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
        extraHeaders: { Cookie: cookie },
      },
      formFactor === 'desktop' ? desktopConfig : undefined,
    );
    if (!result) throw new Error('lighthouse returned nothing');
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (new URL(lhr.finalDisplayedUrl).pathname !== route)
      throw new Error(`lighthouse ended on ${lhr.finalDisplayedUrl}, not ${route} (not signed in?)`);
    const audit = (id: string) => lhr.audits[id];
    const metric = (id: string) => round(audit(id)?.numericValue ?? 0);
    const findings = Object.values(lhr.audits)
      .filter(
        (a) =>
          a.score !== null &&
          a.score < 0.9 &&
          (a.details?.type === 'opportunity' ||
            a.scoreDisplayMode === 'metricSavings' ||
            a.scoreDisplayMode === 'numeric'),
      )
      .map((a) => ({
        id: a.id,
        title: a.title,
        ...(a.metricSavings?.LCP || a.metricSavings?.FCP
          ? { savingsMs: Math.max(a.metricSavings.LCP ?? 0, a.metricSavings.FCP ?? 0) }
          : {}),
        ...(a.displayValue ? { displayValue: a.displayValue } : {}),
      }));
    type Rows<T> = { details?: { items?: T[] } } | undefined;
    const breakdown =
      (audit('mainthread-work-breakdown') as Rows<{ groupLabel: string; duration: number }>)?.details?.items ?? [];
    const bootup =
      (audit('bootup-time') as Rows<{ url: string; total: number; scripting: number }>)?.details?.items ?? [];
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      mainThread: Object.fromEntries(breakdown.map((item) => [item.groupLabel, round(item.duration)])),
      scripts: bootup.slice(0, 5).map((item) => ({
        url: item.url.replace(/^https?:\/\/[^/]+/, ''),
        totalMs: round(item.total),
        scriptingMs: round(item.scripting),
      })),
      metrics: {
        fcpMs: metric('first-contentful-paint'),
        lcpMs: metric('largest-contentful-paint'),
        tbtMs: metric('total-blocking-time'),
        cls: round(audit('cumulative-layout-shift')?.numericValue ?? 0, 4),
        speedIndexMs: metric('speed-index'),
        ttiMs: metric('interactive'),
        benchmarkIndex: lhr.environment.benchmarkIndex,
      },
      findings,
    };
  } finally {
    await chrome.kill();
  }
}

/**
 * One run, tried up to three times: Lighthouse sometimes fails to record the trace of a load
 * (NO_NAVSTART, NO_FCP) — a failure of the measurement, not of the page — and then says to run again.
 */
async function lighthouseWithRetry(
  baseUrl: string,
  route: string,
  formFactor: 'mobile' | 'desktop',
): Promise<LighthouseRun> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(`${baseUrl}${route}`, await demoCookies(baseUrl), formFactor);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (attempt >= 3 || !/NO_NAVSTART|NO_FCP|NO_LCP|PROTOCOL_TIMEOUT/.test(message)) throw err;
      process.stdout.write(`  (Lighthouse ${formFactor}: ${message.split('\n')[0]} — running it again)\n`);
    }
  }
}

/** The median-score run of `runs` Lighthouse runs, with all the scores. */
async function lighthouseMedian(baseUrl: string, route: string, formFactor: 'mobile' | 'desktop', runs: number) {
  const results: LighthouseRun[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(await lighthouseWithRetry(baseUrl, route, formFactor));
  }
  const sorted = [...results].sort((a, b) => a.score - b.score);
  return { ...sorted[Math.floor(sorted.length / 2)]!, scores: results.map((r) => r.score) };
}

/** scripts/start.mjs on other ports with a temporary embedded database (demo data seeded on start). */
async function startStack(): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const webPort = process.env.BENCH_WEB_PORT ?? '3100';
  const apiPort = process.env.BENCH_API_PORT ?? '4100';
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-bench-web-'));
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: fileURLToPath(new URL('../', import.meta.url)),
    env: { ...process.env, PORT: webPort, WEB_PORT: webPort, API_PORT: apiPort, DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${webPort}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // A first start may build the web app (minutes on a busy machine).
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`scripts/start.mjs exited with ${child.exitCode}:\n${output}`);
    if (output.includes('Call Tracking is running')) return { baseUrl, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** /dashboard in Chromium, three cold loads, the median of each metric. */
async function measureDashboard(baseUrl: string): Promise<PageMetrics> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const runs: PageMetrics[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1350, height: 940 } });
      const page = await context.newPage();
      const login = await page.request.post('/api/auth/login', {
        data: { email: 'demo@example.com', password: 'demo1234' },
      });
      if (!login.ok()) throw new Error(`demo login answered ${login.status()}`);
      await page.addInitScript(() => {
        const w = window as unknown as { __lcp: number; __cls: number; __tbt: number };
        w.__lcp = 0;
        w.__cls = 0;
        w.__tbt = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__lcp = entry.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) w.__cls += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__tbt += Math.max(0, entry.duration - 50);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto('/dashboard');
      await page.locator('.recharts-wrapper').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000);
      runs.push(
        await page.evaluate(() => {
          const w = window as unknown as { __lcp: number; __cls: number; __tbt: number };
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
          const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
            .filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'))
            .reduce((sum, entry) => sum + entry.transferSize, 0);
          return {
            fcpMs: Math.round(fcp),
            lcpMs: Math.round(w.__lcp),
            cls: Number(w.__cls.toFixed(4)),
            totalBlockingTimeMs: Math.round(w.__tbt),
            jsTransferredBytes: js,
          };
        }),
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return {
    fcpMs: median(runs.map((r) => r.fcpMs)),
    lcpMs: median(runs.map((r) => r.lcpMs)),
    cls: median(runs.map((r) => r.cls)),
    totalBlockingTimeMs: median(runs.map((r) => r.totalBlockingTimeMs)),
    jsTransferredBytes: median(runs.map((r) => r.jsTransferredBytes)),
  };
}

export async function benchWeb() {
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  const browser = process.env.WEB_LIGHTHOUSE !== '0';
  if (browser && !existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium, set CHROMIUM_PATH, or WEB_LIGHTHOUSE=0 to skip the browser part`,
    );
  // Starting the stack builds the web app when needed, so it comes before reading the build's report.
  if (browser && !process.env.WEB_BASE_URL) stack = await startStack();
  try {
    return await measureWeb(stack?.baseUrl ?? process.env.WEB_BASE_URL, browser);
  } finally {
    await stack?.stop();
  }
}

async function measureWeb(baseUrl: string | undefined, browser: boolean) {
  const routes = firstLoadReport();
  const out = process.stdout;
  out.write(`First-load JS per route (next build; budget ${kB(FIRST_LOAD_BUDGET_GZIP)} gzip):\n`);
  out.write(
    `${'route'.padEnd(18)}${'chunks'.padStart(7)}${'raw'.padStart(12)}${'gzip'.padStart(11)}${'brotli'.padStart(11)}  recharts\n`,
  );
  for (const r of routes) {
    out.write(
      `${r.route.padEnd(18)}${String(r.chunks).padStart(7)}${kB(r.rawBytes).padStart(12)}${kB(r.gzipBytes).padStart(11)}${kB(r.brotliBytes).padStart(11)}  ${r.hasRecharts ? 'YES' : 'no'}${r.gzipBytes > FIRST_LOAD_BUDGET_GZIP ? '  over budget' : ''}\n`,
    );
  }
  const problems: string[] = [];
  for (const r of routes) if (r.hasRecharts) problems.push(`${r.route} carries Recharts in its first load`);
  if (!routes.some((r) => r.route === '/dashboard')) problems.push('no /dashboard route in the build');
  const heaviest = [...routes].sort((a, b) => b.gzipBytes - a.gzipBytes)[0];
  const over = routes.filter((r) => r.gzipBytes > FIRST_LOAD_BUDGET_GZIP);

  const figures: Figure[] = [];
  if (heaviest)
    figures.push({
      benchmark: 'web',
      name: `first-load JS (gzip), heaviest route (${heaviest.route})`,
      measured: round(heaviest.gzipBytes / 1024, 1),
      unit: 'kB',
      floor: null,
      floorLabel: '',
      ratio: null,
      target: `every route ≤ ${FIRST_LOAD_BUDGET_GZIP / 1024} kB, no Recharts`,
      pass: over.length === 0 && !routes.some((r) => r.hasRecharts),
      loadAverage: loadAverage(),
      detail: {
        overBudget: over.map((r) => r.route),
        ...Object.fromEntries(routes.map((r) => [r.route, round(r.gzipBytes / 1024, 1)])),
      },
    });

  let metrics: PageMetrics | undefined;
  const lighthouse: Record<
    string,
    { mobile: Awaited<ReturnType<typeof lighthouseMedian>>; desktop: Awaited<ReturnType<typeof lighthouseMedian>> }
  > = {};
  if (browser && baseUrl) {
    const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
    const only = process.env.WEB_ROUTES?.split(',').filter(Boolean);
    for (const route of only ?? LIGHTHOUSE_ROUTES) {
      const mobile = await lighthouseMedian(baseUrl, route, 'mobile', runs);
      const desktop = await lighthouseMedian(baseUrl, route, 'desktop', runs);
      lighthouse[route] = { mobile, desktop };
      for (const [label, run] of [
        ['mobile', mobile],
        ['desktop', desktop],
      ] as const) {
        out.write(
          `\nLighthouse ${route} (${label}, median of ${runs}: ${run.scores.join(', ')}): ${run.score} — FCP ${run.metrics.fcpMs} ms, LCP ${run.metrics.lcpMs} ms, TBT ${run.metrics.tbtMs} ms, CLS ${run.metrics.cls}, SI ${run.metrics.speedIndexMs} ms (benchmarkIndex ${run.metrics.benchmarkIndex}) │ load ${loadAverage()}\n`,
        );
        out.write(
          `  main thread: ${Object.entries(run.mainThread)
            .map(([group, ms]) => `${group} ${Math.round(ms)} ms`)
            .join(', ')}\n`,
        );
        out.write(
          `  scripts: ${run.scripts.map((script) => `${script.url} ${Math.round(script.totalMs)} ms (eval ${Math.round(script.scriptingMs)})`).join(', ')}\n`,
        );
        for (const f of run.findings)
          out.write(
            `  · ${f.title}${f.displayValue ? ` — ${f.displayValue}` : ''}${f.savingsMs ? ` (~${Math.round(f.savingsMs)} ms)` : ''}\n`,
          );
      }
      figures.push(
        {
          benchmark: 'web',
          name: `Lighthouse performance, ${route} (mobile, default throttling)`,
          measured: mobile.score,
          unit: '/100',
          floor: null,
          floorLabel: '',
          ratio: null,
          target: `≥ ${MOBILE_TARGET}`,
          pass: mobile.score >= MOBILE_TARGET,
          loadAverage: loadAverage(),
          detail: { scores: mobile.scores, ...mobile.metrics, mainThread: mobile.mainThread },
        },
        {
          benchmark: 'web',
          name: `Lighthouse performance, ${route} (desktop preset)`,
          measured: desktop.score,
          unit: '/100',
          floor: null,
          floorLabel: '',
          ratio: null,
          target: `≥ ${DESKTOP_TARGET}`,
          pass: desktop.score >= DESKTOP_TARGET,
          loadAverage: loadAverage(),
          detail: { scores: desktop.scores, ...desktop.metrics, mainThread: desktop.mainThread },
        },
      );
    }
    metrics = await measureDashboard(baseUrl);
    out.write(
      `\n/dashboard in Chromium (median of 3, ${baseUrl}): FCP ${metrics.fcpMs} ms, LCP ${metrics.lcpMs} ms, CLS ${metrics.cls}, ` +
        `TBT ${metrics.totalBlockingTimeMs} ms, JS transferred ${kB(metrics.jsTransferredBytes)}\n`,
    );
  } else {
    out.write('\n(WEB_LIGHTHOUSE=0: no browser measurements)\n');
  }
  for (const r of over)
    out.write(`FAIL ${r.route} first load ${kB(r.gzipBytes)} gzip > budget ${kB(FIRST_LOAD_BUDGET_GZIP)}\n`);
  for (const problem of problems) out.write(`FAIL ${problem}\n`);
  return {
    ok: problems.length === 0 && figures.every((f) => f.pass),
    figures,
    routes,
    ...(Object.keys(lighthouse).length ? { lighthouse } : {}),
    ...(metrics ? { dashboard: metrics } : {}),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchWeb()
    .then((report) => {
      if (!report.ok) process.exitCode = 1;
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
