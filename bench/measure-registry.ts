import type { BenchMeasure } from './bench-context';
import { generatorMeasure } from './measures/generator';
import { importThroughputMeasure } from './measures/import-throughput';
import { startupMeasure } from './measures/startup';
import { taskRegisterApiMeasure } from './measures/task-register-api';

/** Every measure of `npm run bench`, in run order. Later issues add theirs here (one file in measures/ each). */
export const BENCH_MEASURES: BenchMeasure[] = [
  generatorMeasure,
  startupMeasure,
  taskRegisterApiMeasure,
  importThroughputMeasure,
];
