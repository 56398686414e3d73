/** What every measure gets: a scratch directory and the shared generated dataset (built once per run). */
export type BenchContext = {
  /** Repository root. */
  repoDir: string;
  /** A fresh temporary directory for this run; removed at the end. */
  scratchDir: string;
  /**
   * A data dir holding the national-scale dataset (`tiendo generate`, 3,400 agencies, 20,000 tasks),
   * generated on first use and shared by the measures that need it. Not open in any process afterwards.
   */
  generatedDataDir: () => Promise<GeneratedData>;
  /** Progress lines go to stderr; stdout carries only the final JSON. */
  log: (message: string) => void;
};

export type GeneratedData = {
  dataDir: string;
  agencies: number;
  tasks: number;
  seed: number;
  /** The generator's own figures for this dataset. */
  result: Record<string, unknown>;
};

/** One independent measurement. It returns its figures; if it throws, the run records `{ error }` and goes on. */
export type BenchMeasure = {
  name: string;
  description: string;
  run: (ctx: BenchContext) => Promise<Record<string, unknown>>;
};
