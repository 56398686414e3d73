import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DEMO_OFFICER, hasChromium, LAPTOP_VIEWPORT } from '../../e2e/support/browser';
import { isWebBuildStale } from '../../e2e/support/server';
import type { BenchMeasure } from '../bench-context';
import { type ServedProcess, startServe } from '../lib/serve-process';

const RUNS = 3;
/**
 * Every page × profile is loaded once; runs 2 and 3 happen only while they fit in this budget (counted from the
 * server start), so the measure stays under 3 minutes while the slow-3G loads of an uncompressed bundle take 30–45 s.
 */
const TIME_BUDGET_MS = 170_000;
const LOAD_TIMEOUT_MS = 90_000;
/** The network counts as idle after this long with no request in flight. */
const IDLE_MS = 500;
/** An old office laptop: Chromium runs the page's JavaScript 4× slower. */
const CPU_SLOWDOWN = 4;

const PROFILES = {
  slow3g: { downloadKbps: 400, uploadKbps: 400, rttMs: 400 },
  fast3g: { downloadKbps: 1600, uploadKbps: 750, rttMs: 150 },
} as const;
type ProfileName = keyof typeof PROFILES;

/**
 * Each page is ready when every selector is visible and no antd spinner or skeleton is left: the data the user came
 * for is on screen, not just the shell.
 */
const PAGES = [
  { path: '/', ready: ['[data-testid="count-tasks"]', '[data-testid="upcoming-task-table"]'] },
  { path: '/tasks', ready: ['[data-testid="task-table"] [data-testid="task-row"]'] },
  {
    path: '/leader-dashboard',
    ready: ['[data-testid="dashboard-by-directive"] .ant-table-row', '[data-testid="leader-dashboard-page"] canvas'],
  },
] as const;

type FileSize = { file: string; rawBytes: number; gzipBytes: number };
type SizeTotal = { files: number; rawBytes: number; gzipBytes: number };

function sizeOf(dir: string, file: string): FileSize {
  const bytes = fs.readFileSync(path.join(dir, file));
  return { file, rawBytes: bytes.length, gzipBytes: zlib.gzipSync(bytes).length };
}

function total(sizes: FileSize[]): SizeTotal {
  return {
    files: sizes.length,
    rawBytes: sizes.reduce((sum, s) => sum + s.rawBytes, 0),
    gzipBytes: sizes.reduce((sum, s) => sum + s.gzipBytes, 0),
  };
}

/** Builds dist/web when it is missing or older than its sources; vite's output goes to stderr (stdout is the JSON). */
function ensureBuilt(repoDir: string, log: (message: string) => void): { builtNow: boolean; buildMs: number | null } {
  if (!isWebBuildStale()) {
    return { builtNow: false, buildMs: null };
  }
  log('  web-load: dist/web missing or stale, running vite build…');
  const t0 = performance.now();
  execFileSync(path.join(repoDir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: repoDir,
    stdio: ['ignore', 2, 2],
  });
  return { builtNow: true, buildMs: Math.round(performance.now() - t0) };
}

/** Sizes of the built bundle (gzip at zlib's default level 6, what a typical reverse proxy would send). */
function bundleSizes(repoDir: string) {
  const webDir = path.join(repoDir, 'dist/web');
  const assetsDir = path.join(webDir, 'assets');
  const files = fs.readdirSync(assetsDir);
  const js = files.filter((f) => f.endsWith('.js')).map((f) => sizeOf(assetsDir, f));
  const css = files.filter((f) => f.endsWith('.css')).map((f) => sizeOf(assetsDir, f));
  const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  // What index.html makes every first visit download before any page chunk: the entry script and its preloads.
  const shellFiles = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const byName = new Map([...js, ...css].map((s) => [s.file, s]));
  const shell = shellFiles.map((f) => byName.get(f)).filter((s): s is FileSize => s !== undefined);
  return {
    js: total(js),
    css: total(css),
    shell: total(shell),
    largestJs: [...js].sort((a, b) => b.rawBytes - a.rawBytes).slice(0, 5),
  };
}

type LoadResult = {
  ttiMs: number;
  readyMs: number;
  idleMs: number;
  bytes: number;
  requests: number;
  byType: Record<string, number>;
};

/** Counts what the page fetches (bytes on the wire, headers included) and tracks requests in flight. */
function watchNetwork(cdp: CDPSession) {
  const inFlight = new Set<string>();
  const types = new Map<string, string>();
  const byType: Record<string, number> = {};
  let bytes = 0;
  let requests = 0;
  let lastActivity = performance.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!inFlight.has(e.requestId)) {
      requests += 1;
    }
    inFlight.add(e.requestId);
    types.set(e.requestId, (e.type ?? 'Other').toLowerCase());
    lastActivity = performance.now();
  });
  const done = (requestId: string, encoded: number) => {
    if (!inFlight.delete(requestId)) {
      return;
    }
    bytes += encoded;
    const type = types.get(requestId) ?? 'other';
    byType[type] = (byType[type] ?? 0) + encoded;
    lastActivity = performance.now();
  };
  cdp.on('Network.loadingFinished', (e) => done(e.requestId, e.encodedDataLength));
  cdp.on('Network.loadingFailed', (e) => done(e.requestId, 0));
  return {
    idle: () => inFlight.size === 0 && performance.now() - lastActivity >= IDLE_MS,
    lastActivity: () => lastActivity,
    figures: () => ({ bytes, requests, byType: { ...byType } }),
  };
}

async function waitForIdle(network: ReturnType<typeof watchNetwork>, deadline: number): Promise<void> {
  while (!network.idle()) {
    if (performance.now() > deadline) {
      throw new Error(`network not idle within ${LOAD_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * One cold load: a fresh context (empty HTTP cache) holding the session cookie, throttled network and CPU, timed
 * from navigation start until the page's content is visible and the network has gone idle.
 */
async function loadOnce(
  browser: Browser,
  cookies: Awaited<ReturnType<BrowserContext['cookies']>>,
  url: string,
  ready: readonly string[],
  profile: ProfileName,
): Promise<LoadResult> {
  const context = await browser.newContext({ viewport: LAPTOP_VIEWPORT, locale: 'vi-VN' });
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const network = watchNetwork(cdp);
    const conditions = PROFILES[profile];
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: conditions.rttMs,
      downloadThroughput: (conditions.downloadKbps * 1000) / 8,
      uploadThroughput: (conditions.uploadKbps * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const started = performance.now();
    const deadline = started + LOAD_TIMEOUT_MS;
    await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
    // Ready = every selector matches a visible element and no spinner or skeleton remains. The predicate is an
    // inline arrow with no named helpers: tsx wraps named functions in a `__name` call the page does not have.
    await page.waitForFunction(
      (selectors) =>
        selectors.every((s) => (document.querySelector(s)?.getBoundingClientRect().height ?? 0) > 0) &&
        document.querySelector('.ant-spin-spinning, .ant-skeleton') === null,
      ready,
      { polling: 100, timeout: LOAD_TIMEOUT_MS },
    );
    const readyAt = performance.now();
    await waitForIdle(network, deadline);
    const idleAt = network.lastActivity();
    return {
      ttiMs: Math.round(Math.max(readyAt, idleAt) - started),
      readyMs: Math.round(readyAt - started),
      idleMs: Math.round(idleAt - started),
      ...network.figures(),
    };
  } finally {
    await context.close();
  }
}

async function signIn(browser: Browser, baseUrl: string) {
  const context = await browser.newContext({ viewport: LAPTOP_VIEWPORT, locale: 'vi-VN' });
  try {
    const page: Page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByTestId('login-name').fill(DEMO_OFFICER.login);
    await page.getByTestId('login-password').fill(DEMO_OFFICER.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app-menu').waitFor({ timeout: 30_000 });
    return await context.cookies();
  } finally {
    await context.close();
  }
}

/** Whether the server compresses assets for a browser that asks (it matters more than any chunk split on 3G). */
async function servedEncoding(baseUrl: string, repoDir: string): Promise<string> {
  const html = fs.readFileSync(path.join(repoDir, 'dist/web/index.html'), 'utf8');
  const entry = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  if (!entry) {
    return 'unknown';
  }
  const res = await fetch(`${baseUrl}${entry}`, { headers: { 'accept-encoding': 'gzip, br' } });
  await res.arrayBuffer();
  return res.headers.get('content-encoding') ?? 'identity';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : Math.round(((sorted[mid - 1] ?? upper) + upper) / 2);
}

/**
 * Issue 7: bundle size of dist/web (raw and gzip) and time to interactive of `/`, `/tasks` and `/leader-dashboard`
 * for a signed-in user on a cold cache over slow and fast 3G with a 4× slower CPU, in Debian's Chromium against
 * `tiendo serve --demo`.
 */
export const webLoadMeasure: BenchMeasure = {
  name: 'web-load',
  description: `dist/web size (raw/gzip) and cold-cache time to interactive of ${PAGES.map((p) => p.path).join(', ')} over slow/fast 3G, CPU ${CPU_SLOWDOWN}× slower (median of ≤${RUNS} runs)`,
  async run(ctx) {
    const build = ensureBuilt(ctx.repoDir, ctx.log);
    const bundle = { ...build, ...bundleSizes(ctx.repoDir) };
    const throttling = { cpuSlowdown: CPU_SLOWDOWN, profiles: PROFILES, idleMs: IDLE_MS };
    if (!hasChromium()) {
      return { bundle, throttling, error: `Chromium not found at ${CHROMIUM_PATH}` };
    }
    const started = performance.now();
    let served: ServedProcess | undefined;
    let browser: Browser | undefined;
    try {
      served = await startServe({
        repoDir: ctx.repoDir,
        dataDir: path.join(ctx.scratchDir, 'web-load'),
        extraArgs: ['--demo'],
      });
      const baseUrl = served.baseUrl;
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      const cookies = await signIn(browser, baseUrl);
      const contentEncoding = await servedEncoding(baseUrl, ctx.repoDir);
      const samples = new Map<string, LoadResult[]>();
      const budgetEnd = started + TIME_BUDGET_MS;
      // Round-robin, fast 3G first (it varies more), so a time cut spreads the extra runs over the pages.
      for (let run = 0; run < RUNS; run++) {
        for (const page of PAGES) {
          for (const profile of ['fast3g', 'slow3g'] as const) {
            const key = `${page.path} ${profile}`;
            // The idle wait and a fresh context come on top of the time to interactive.
            const expectedMs = (samples.get(key)?.at(-1)?.ttiMs ?? 0) + IDLE_MS + 1000;
            if (run > 0 && performance.now() + expectedMs > budgetEnd) {
              ctx.log(`  web-load: ${key} run ${run + 1} skipped (time budget)`);
              continue;
            }
            const result = await loadOnce(browser, cookies, `${baseUrl}${page.path}`, page.ready, profile);
            samples.set(key, [...(samples.get(key) ?? []), result]);
            ctx.log(`  web-load: ${key} run ${run + 1}: ${result.ttiMs} ms, ${result.bytes} bytes`);
          }
        }
      }
      const pages: Record<string, unknown> = {};
      for (const page of PAGES) {
        const perProfile: Record<string, unknown> = {};
        for (const profile of Object.keys(PROFILES) as ProfileName[]) {
          const runs = samples.get(`${page.path} ${profile}`) ?? [];
          perProfile[profile] = {
            ttiMs: median(runs.map((r) => r.ttiMs)),
            readyMs: median(runs.map((r) => r.readyMs)),
            bytes: median(runs.map((r) => r.bytes)),
            runsMs: runs.map((r) => r.ttiMs),
          };
        }
        const first = samples.get(`${page.path} fast3g`)?.[0];
        pages[page.path] = {
          firstLoad: first ? { bytes: first.bytes, requests: first.requests, bytesByType: first.byType } : null,
          ...perProfile,
        };
      }
      return { bundle: { ...bundle, servedContentEncoding: contentEncoding }, throttling, pages };
    } finally {
      await browser?.close();
      await served?.stop();
    }
  },
};
