import type { BenchMeasure } from '../bench-context';

/** Rows per second of `tiendo generate` at national scale (3,400 agencies, 20,000 tasks) into an embedded database. */
export const generatorMeasure: BenchMeasure = {
  name: 'generator',
  description: 'tiendo generate --agencies 3400 --tasks 20000 into a new PGlite data dir',
  async run(ctx) {
    const generated = await ctx.generatedDataDir();
    return { database: 'pglite', seed: generated.seed, ...generated.result };
  },
};
