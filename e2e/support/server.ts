import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is e2e/support/server.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const WEB_INDEX = path.join(REPO_ROOT, 'dist/web/index.html');
const WEB_SOURCES = ['src/web', 'src/shared', 'vite.config.ts', 'package.json'];

export type RunningServer = {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
};

export type StartServerOptions = {
  /** Reuse a data dir; by default a fresh temporary one is made and removed on stop. */
  dataDir?: string;
  /** Extra `tiendo serve` arguments, e.g. ['--demo']. */
  args?: string[];
  env?: Record<string, string>;
  /** Listen on this port (e.g. to restart a server where its partners expect it); default: a free one. */
  port?: number;
  /** How long to wait for /api/v1/health (PGlite's first initdb takes a few seconds on 2 cores). */
  readyTimeoutMs?: number;
};

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) {
    return 0;
  }
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** True when dist/web is missing or older than any web or shared source file. */
export function isWebBuildStale(): boolean {
  const built = fs.statSync(WEB_INDEX, { throwIfNoEntry: false });
  if (!built) {
    return true;
  }
  const newestSource = Math.max(...WEB_SOURCES.map((p) => newestMtime(path.join(REPO_ROOT, p))));
  return newestSource > built.mtimeMs;
}

/** Builds the web app with `vite build` when dist/web is stale; the server serves dist/web as it is. */
export function ensureWebBuild(): void {
  if (!isWebBuildStale()) {
    return;
  }
  execFileSync(path.join(REPO_ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts `node bin/tiendo.js serve` on a free port with its own data dir and resolves when
 * /api/v1/health answers 200. Rejects (with the server's output) if it exits or does not come up in time.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-e2e-'));
  const port = options.port ?? (await findFreePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      'bin/tiendo.js',
      'serve',
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      ...(options.args ?? []),
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, TIENDO_LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        // A server killed mid-write may leave its embedded database to recover: say so, with what it printed.
        process.stderr.write(
          `tiendo serve (${baseUrl}) did not stop within 10 s of SIGTERM; killing it.\n${output.slice(-2000)}\n`,
        );
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    if (ownsDataDir) {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`tiendo serve exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) {
        return { baseUrl, port, dataDir, output: () => output, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`tiendo serve did not answer /api/v1/health within the timeout:\n${output}`);
}
