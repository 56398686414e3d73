import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase } from '@server/db/client';
import { DEFAULT_GENERATE_OPTIONS, generateDataset } from '@server/modules/generator/generate-dataset';
import type { BenchContext, GeneratedData } from './bench-context';
import { BENCH_MEASURES } from './measure-registry';

/**
 * `npm run bench [-- --only name,name] [--keep]`: runs every measure in bench/measure-registry.ts, prints ONE
 * JSON object on stdout and writes it to bench/results/latest.json. A measure that fails records `{ error }`;
 * the others still run. Progress goes to stderr.
 */

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULT_FILE = path.join(REPO_DIR, 'bench/results/latest.json');

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function machineInfo() {
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO_DIR,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    commit = null;
  }
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    commit,
  };
}

function parseArgs(argv: string[]): { only: Set<string> | null; keep: boolean } {
  const onlyIndex = argv.indexOf('--only');
  const onlyValue = onlyIndex >= 0 ? argv[onlyIndex + 1] : argv.find((a) => a.startsWith('--only='))?.slice(7);
  return {
    only: onlyValue ? new Set(onlyValue.split(',').map((s) => s.trim())) : null,
    keep: argv.includes('--keep'),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-bench-'));
  let generated: Promise<GeneratedData> | undefined;
  const ctx: BenchContext = {
    repoDir: REPO_DIR,
    scratchDir,
    log,
    generatedDataDir: () => {
      generated ??= (async () => {
        const dataDir = path.join(scratchDir, 'generated');
        log(`  generating ${DEFAULT_GENERATE_OPTIONS.tasks} tasks / ${DEFAULT_GENERATE_OPTIONS.agencies} agencies…`);
        const handle = await openDatabase({ dataDir });
        try {
          await migrateDatabase(handle);
          const result = await generateDataset(handle.db, DEFAULT_GENERATE_OPTIONS);
          return {
            dataDir,
            agencies: result.counts.agencies,
            tasks: result.counts.tasks,
            seed: DEFAULT_GENERATE_OPTIONS.seed,
            result: { ...result },
          };
        } finally {
          await handle.close();
        }
      })();
      return generated;
    },
  };

  const measures: Record<string, unknown> = {};
  for (const measure of BENCH_MEASURES) {
    if (args.only && !args.only.has(measure.name)) {
      continue;
    }
    log(`bench: ${measure.name} — ${measure.description}`);
    const t0 = performance.now();
    try {
      const figures = await measure.run(ctx);
      measures[measure.name] = { ...figures, durationMs: Math.round(performance.now() - t0) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`bench: ${measure.name} failed: ${message}`);
      measures[measure.name] = { error: message, durationMs: Math.round(performance.now() - t0) };
    }
  }

  const report = {
    machine: machineInfo(),
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
    measures,
  };
  const json = JSON.stringify(report, null, 2);
  fs.mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  fs.writeFileSync(RESULT_FILE, `${json}\n`);
  process.stdout.write(`${json}\n`);
  if (args.keep) {
    log(`bench: kept ${scratchDir}`);
  } else {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

await main();
