import type { BenchMeasure } from '../bench-context';
import { startServe } from '../lib/serve-process';
import { round } from '../lib/stats';

const RUNS = 3;

/**
 * Time from starting `tiendo serve` on an existing data dir (the national-scale dataset) to its first
 * successful /api/v1/health: what a user waits for after `npm start` once the UI is built.
 */
export const startupMeasure: BenchMeasure = {
  name: 'startup',
  description: `node bin/tiendo.js serve --data-dir <existing 20,000-task dir>: ms to first 200 from /api/v1/health (${RUNS} runs)`,
  async run(ctx) {
    const { dataDir } = await ctx.generatedDataDir();
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const served = await startServe({ repoDir: ctx.repoDir, dataDir });
      runs.push(round(served.firstHealthMs, 0));
      await served.stop();
    }
    const sorted = [...runs].sort((a, b) => a - b);
    return { runsMs: runs, medianMs: sorted[Math.floor(sorted.length / 2)], minMs: sorted[0] };
  },
};
