import type { BenchMeasure } from './bench-context';
import { duplicatesMeasure } from './measures/duplicates';
import { exchangeMeasure } from './measures/exchange';
import { generatorMeasure } from './measures/generator';
import { importThroughputMeasure } from './measures/import-throughput';
import { indicatorsMeasure } from './measures/indicators';
import { loginMeasure } from './measures/login';
import { reportsMeasure } from './measures/reports';
import { restructuringMeasure } from './measures/restructuring';
import { startupMeasure } from './measures/startup';
import { statusMeasure } from './measures/status';
import { taskRegisterApiMeasure } from './measures/task-register-api';
import { webLoadMeasure } from './measures/web-load';

/** Every measure of `npm run bench`, in run order. Later issues add theirs here (one file in measures/ each). */
export const BENCH_MEASURES: BenchMeasure[] = [
  generatorMeasure,
  startupMeasure,
  taskRegisterApiMeasure,
  importThroughputMeasure,
  restructuringMeasure,
  duplicatesMeasure,
  statusMeasure,
  loginMeasure,
  indicatorsMeasure,
  reportsMeasure,
  exchangeMeasure,
  webLoadMeasure,
];
