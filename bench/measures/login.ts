import path from 'node:path';
import { loadConfig } from '@server/config/env';
import type { BenchMeasure } from '../bench-context';
import { type BenchAccount, ensureBenchAccounts } from '../lib/bench-login';
import { startServe } from '../lib/serve-process';
import { perSecond, summarizeLatencies } from '../lib/stats';

const ACCOUNTS = 16;
const SEQUENTIAL = 200;
const CONCURRENT_TOTAL = 200;
const CONCURRENCY = [4, 16];
const UNKNOWN_USER = 50;

async function timedLogin(baseUrl: string, account: BenchAccount): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

/**
 * Password sign-in over HTTP against a served process (POST /api/v1/auth/login: argon2id verify, session row,
 * audit row), with the argon2 parameters the product uses: sequential latency, throughput at several
 * concurrencies, and the latency for an unknown login name (which must cost the same argon2 time).
 */
export const loginMeasure: BenchMeasure = {
  name: 'login',
  description: `POST /api/v1/auth/login over HTTP: ${SEQUENTIAL} sequential logins (p50/p99) and ${CONCURRENT_TOTAL} at concurrency ${CONCURRENCY.join('/')}`,
  async run(ctx) {
    const dataDir = path.join(ctx.scratchDir, 'login');
    const argon2 = loadConfig({ dataDir }).auth.argon2;
    const accounts = await ensureBenchAccounts(dataDir, { count: ACCOUNTS });
    // The per-IP login limit (20/min) protects production; every bench request comes from 127.0.0.1.
    const previous = process.env.TIENDO_LOGIN_RATE_PER_MINUTE;
    process.env.TIENDO_LOGIN_RATE_PER_MINUTE = '1000000';
    let served: Awaited<ReturnType<typeof startServe>>;
    try {
      served = await startServe({ repoDir: ctx.repoDir, dataDir });
    } finally {
      if (previous === undefined) {
        delete process.env.TIENDO_LOGIN_RATE_PER_MINUTE;
      } else {
        process.env.TIENDO_LOGIN_RATE_PER_MINUTE = previous;
      }
    }
    try {
      const pick = (i: number) => accounts[i % accounts.length] as BenchAccount;
      for (let i = 0; i < 5; i++) {
        await timedLogin(served.baseUrl, pick(i));
      }
      const sequential: number[] = [];
      let failures = 0;
      for (let i = 0; i < SEQUENTIAL; i++) {
        const r = await timedLogin(served.baseUrl, pick(i));
        sequential.push(r.ms);
        failures += r.status === 200 ? 0 : 1;
      }
      ctx.log(`  login: ${SEQUENTIAL} sequential`);
      const concurrent: Record<string, unknown> = {};
      for (const level of CONCURRENCY) {
        let next = 0;
        const samples: number[] = [];
        const started = performance.now();
        await Promise.all(
          Array.from({ length: level }, async () => {
            while (next < CONCURRENT_TOTAL) {
              const i = next++;
              const r = await timedLogin(served.baseUrl, pick(i));
              samples.push(r.ms);
              failures += r.status === 200 ? 0 : 1;
            }
          }),
        );
        const elapsed = performance.now() - started;
        const summary = summarizeLatencies(samples);
        concurrent[`c${level}`] = {
          loginsPerSecond: perSecond(samples.length, elapsed),
          p50Ms: summary.p50Ms,
          p99Ms: summary.p99Ms,
        };
        ctx.log(`  login: ${CONCURRENT_TOTAL} at concurrency ${level}`);
      }
      const unknown: number[] = [];
      for (let i = 0; i < UNKNOWN_USER; i++) {
        unknown.push((await timedLogin(served.baseUrl, { loginName: `khong.co.${i}`, password: 'x' })).ms);
      }
      const seq = summarizeLatencies(sequential);
      return {
        argon2: {
          algorithm: 'argon2id',
          memoryKiB: argon2.memoryCost,
          passes: argon2.timeCost,
          lanes: argon2.parallelism,
        },
        p50Ms: seq.p50Ms,
        p99Ms: seq.p99Ms,
        sequential: {
          ...seq,
          loginsPerSecond: perSecond(
            seq.n,
            sequential.reduce((a, b) => a + b, 0),
          ),
        },
        concurrent,
        unknownUser: summarizeLatencies(unknown),
        failures,
      };
    } finally {
      await served.stop();
    }
  },
};
