import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/**
 * `node --import tsx bench/web.ts` (or `web` in bench/run.ts): first-load JavaScript per route of the
 * web app, from the build's own report (`apps/web/.next/diagnostics/route-bundle-stats.json`, written by
 * `next build`; Next 16 no longer prints the sizes). Each chunk is compressed here (gzip -9 and brotli),
 * as a browser would receive it from a compressing server.
 *
 * Checks: no route's first load carries Recharts (the dashboard loads it with next/dynamic), and the
 * dashboard stays under DASHBOARD_BUDGET_GZIP bytes.
 *
 * With WEB_BASE_URL (a running `next start`, the API behind it and the demo data), it also loads
 * /dashboard three times in Debian's Chromium as the demo user and reports the median of the browser's
 * own performance entries: first contentful paint, largest contentful paint, layout shift, total
 * blocking time (long tasks over 50 ms) and the JavaScript transferred.
 */

const WEB_ROOT = fileURLToPath(new URL('../apps/web/', import.meta.url));
const STATS = `${WEB_ROOT}.next/diagnostics/route-bundle-stats.json`;
const DASHBOARD_BUDGET_GZIP = 200 * 1024;
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

/** /dashboard in Chromium, three cold loads, the median of each metric. */
async function measureDashboard(baseUrl: string): Promise<PageMetrics> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  const runs: PageMetrics[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1350, height: 940 } });
      const page = await context.newPage();
      const login = await page.request.post('/api/auth/login', { data: { email: 'demo@example.com', password: 'demo1234' } });
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
          return { fcpMs: Math.round(fcp), lcpMs: Math.round(w.__lcp), cls: Number(w.__cls.toFixed(4)), totalBlockingTimeMs: Math.round(w.__tbt), jsTransferredBytes: js };
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

export async function benchWeb(): Promise<{ ok: boolean; routes: RouteReport[]; dashboard?: PageMetrics }> {
  const routes = firstLoadReport();
  const out = process.stdout;
  out.write('First-load JS per route (next build):\n');
  out.write(`${'route'.padEnd(18)}${'chunks'.padStart(7)}${'raw'.padStart(12)}${'gzip'.padStart(11)}${'brotli'.padStart(11)}  recharts\n`);
  for (const r of routes) {
    out.write(`${r.route.padEnd(18)}${String(r.chunks).padStart(7)}${kB(r.rawBytes).padStart(12)}${kB(r.gzipBytes).padStart(11)}${kB(r.brotliBytes).padStart(11)}  ${r.hasRecharts ? 'YES' : 'no'}\n`);
  }
  const dashboard = routes.find((r) => r.route === '/dashboard');
  const problems: string[] = [];
  for (const r of routes) if (r.hasRecharts) problems.push(`${r.route} carries Recharts in its first load`);
  if (!dashboard) problems.push('no /dashboard route in the build');
  else if (dashboard.gzipBytes > DASHBOARD_BUDGET_GZIP) problems.push(`/dashboard first load ${kB(dashboard.gzipBytes)} gzip > budget ${kB(DASHBOARD_BUDGET_GZIP)}`);

  let metrics: PageMetrics | undefined;
  const baseUrl = process.env.WEB_BASE_URL;
  if (baseUrl) {
    metrics = await measureDashboard(baseUrl);
    out.write(
      `\n/dashboard in Chromium (median of 3, ${baseUrl}): FCP ${metrics.fcpMs} ms, LCP ${metrics.lcpMs} ms, CLS ${metrics.cls}, ` +
        `TBT ${metrics.totalBlockingTimeMs} ms, JS transferred ${kB(metrics.jsTransferredBytes)}\n`,
    );
  } else {
    out.write('\n(set WEB_BASE_URL to a running web app to measure /dashboard in Chromium)\n');
  }
  for (const problem of problems) out.write(`FAIL ${problem}\n`);
  return { ok: problems.length === 0, routes, ...(metrics ? { dashboard: metrics } : {}) };
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
