import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type ServedProcess = {
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 from /api/v1/health. */
  firstHealthMs: number;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited (and released the data-dir lock). */
  stop: () => Promise<void>;
};

/** The line of a crash output that says what went wrong (the first "Error…" line), else its last 300 characters. */
function keyLine(output: string): string {
  const line = output.split('\n').find((l) => /\b[A-Za-z]*Error\b|Lỗi:/.test(l));
  return (line ?? output.trim().slice(-300)).trim();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `node bin/tiendo.js serve --data-dir DIR --port P` on 127.0.0.1 and waits for its health check.
 * Fails with the process's last output if it exits or is not healthy within `timeoutMs`.
 */
export async function startServe(options: {
  repoDir: string;
  dataDir: string;
  timeoutMs?: number;
  extraArgs?: string[];
}): Promise<ServedProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // The bench measures the embedded database: a DATABASE_URL in the caller's shell must not redirect it.
  const env: NodeJS.ProcessEnv = { ...process.env, TIENDO_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [
      path.join(options.repoDir, 'bin/tiendo.js'),
      'serve',
      '--data-dir',
      options.dataDir,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      ...(options.extraArgs ?? []),
    ],
    {
      cwd: options.repoDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 : 0);
      resolve();
    });
  });
  const stop = async () => {
    if (exitCode !== null) {
      return;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = started + (options.timeoutMs ?? 120_000);
  while (performance.now() < deadline) {
    if (exitCode !== null) {
      throw new Error(`serve exited with code ${exitCode} before answering: ${keyLine(output)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) {
        await res.arrayBuffer();
        return { baseUrl, firstHealthMs: performance.now() - started, child, stop };
      }
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  await stop();
  throw new Error(
    `serve did not answer /api/v1/health within ${options.timeoutMs ?? 120_000} ms: ${output.trim().slice(-1500)}`,
  );
}
