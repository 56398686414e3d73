/**
 * Indicator rules shared by the server (evaluation, aggregation, import) and the web (labels, colours). Pure: no
 * I/O, no dates from the clock.
 *
 * Source of the model: seed 001 Phụ lục 03 — each agency registers a target per month ("Đặt chỉ tiêu tháng N"),
 * the system reports the rate achieved ("Tỷ lệ đạt được tháng N"), year-to-date; an empty target cell means the
 * agency registered no target ("chưa đăng ký chỉ tiêu"), never a target of zero.
 */

export const INDICATOR_UNITS = ['percent', 'count', 'money', 'ratio'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const INDICATOR_DIRECTIONS = ['higher-better', 'lower-better'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const INDICATOR_FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number];

export const EVALUATION_STATUSES = ['met', 'not-met', 'no-target', 'no-data'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = {
  met: 'Đạt chỉ tiêu',
  'not-met': 'Chưa đạt chỉ tiêu',
  'no-target': 'Chưa đăng ký chỉ tiêu',
  'no-data': 'Chưa có số liệu',
};

/** The wording the product uses wherever a row has no registered target (never a zero). */
export const NO_TARGET_LABEL = 'chưa đăng ký chỉ tiêu';

export const INDICATOR_UNIT_LABELS: Record<IndicatorUnit, string> = {
  percent: 'Tỷ lệ (%)',
  count: 'Số lượng',
  money: 'Giá trị tiền',
  ratio: 'Tỷ số',
};

export const INDICATOR_FREQUENCY_LABELS: Record<IndicatorFrequency, string> = {
  monthly: 'Hằng tháng',
  quarterly: 'Hằng quý',
  yearly: 'Hằng năm',
};

/** Agencies are compared within a bloc: the seed's "khối bộ ngành" and "khối tỉnh". */
export const BLOCS = ['ministries', 'provinces', 'communes', 'other'] as const;
export type Bloc = (typeof BLOCS)[number];

export const BLOC_LABELS: Record<Bloc, string> = {
  ministries: 'Khối bộ, ngành',
  provinces: 'Khối tỉnh, thành phố',
  communes: 'Khối xã, phường',
  other: 'Cơ quan khác',
};

/** The bloc of an agency kind: ministries, ministerial-level and government agencies are "khối bộ, ngành". */
export function blocOfKind(kind: string): Bloc {
  if (kind === 'ministry' || kind === 'ministerial-agency' || kind === 'government-agency') {
    return 'ministries';
  }
  if (kind === 'province') {
    return 'provinces';
  }
  if (kind === 'commune') {
    return 'communes';
  }
  return 'other';
}

/** Rates are the units whose value is numerator ÷ denominator; only they are re-aggregated from components. */
export function isRateUnit(unit: IndicatorUnit): boolean {
  return unit === 'percent' || unit === 'ratio';
}

/** What a rate's quotient is multiplied by: 100 for a percentage, 1 for a plain ratio. */
export function scaleOfUnit(unit: IndicatorUnit): number {
  return unit === 'percent' ? 100 : 1;
}

/** numerator ÷ denominator × scale; null when the denominator is not positive (no dossiers: no rate). */
export function rateOf(numerator: number, denominator: number, scale: number): number | null {
  if (!(denominator > 0) || !Number.isFinite(numerator)) {
    return null;
  }
  return (numerator / denominator) * scale;
}

/**
 * Comparison tolerance. Values are read from decimal text ("13.21") or computed from counts (1321/10000·100 =
 * 13.209999999999999 in binary floating point); a relative 1e-9 absorbs the representation error and nothing else.
 */
const RELATIVE_EPSILON = 1e-9;

function tolerance(target: number): number {
  return RELATIVE_EPSILON * Math.max(1, Math.abs(target));
}

/**
 * Whether a value meets a target. "Meets" is inclusive: value ≥ target for higher-is-better (value ≤ target for
 * lower-is-better). Seed 001 PL03b: Quảng Ninh, April, 13.21 achieved against 13.21 registered, meets (fact 12).
 */
export function meetsTarget(value: number, target: number, direction: IndicatorDirection): boolean {
  const eps = tolerance(target);
  return direction === 'higher-better' ? value >= target - eps : value <= target + eps;
}

export type EvaluationInput = {
  target: number | null;
  value: number | null;
  direction: IndicatorDirection;
};

export type Evaluation = {
  status: EvaluationStatus;
  /** true = met, false = not met, null = no target registered or no value reported. */
  met: boolean | null;
  /** value − target (percentage points for a percentage); null unless both exist. */
  gap: number | null;
};

/**
 * Met / not met / no target registered / no data. A missing target wins over missing data in the status (the
 * agency first has to register), but both give `met: null`: nothing is judged without a target and a value.
 */
export function evaluate(input: EvaluationInput): Evaluation {
  const { target, value, direction } = input;
  if (target === null) {
    return { status: value === null ? 'no-data' : 'no-target', met: null, gap: null };
  }
  if (value === null) {
    return { status: 'no-data', met: null, gap: null };
  }
  const met = meetsTarget(value, target, direction);
  return { status: met ? 'met' : 'not-met', met, gap: value - target };
}

export type RateComponents = { numerator: number | null; denominator: number | null };

export type RateAggregate = {
  /** Σ numerators ÷ Σ denominators × scale over the included items; null when nothing can be included. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** Items that carried both components and a positive denominator. */
  included: number;
  /** Items without a numerator or denominator (a reported rate only); they are left out, never averaged in. */
  excluded: number;
};

/**
 * Aggregates a rate over agencies from numerators and denominators: Σnum / Σden. Items that report only a rate
 * (seed 001 PL03 gives no counts) are excluded and counted, because averaging percentages weights a ministry with
 * 12 dossiers like one with 2 million. Zero-denominator items add nothing to either sum.
 */
export function aggregateRate(items: readonly RateComponents[], scale: number): RateAggregate {
  let numerator = 0;
  let denominator = 0;
  let included = 0;
  let excluded = 0;
  for (const item of items) {
    if (item.numerator === null || item.denominator === null) {
      excluded += 1;
      continue;
    }
    included += 1;
    numerator += item.numerator;
    denominator += item.denominator;
  }
  return { value: rateOf(numerator, denominator, scale), numerator, denominator, included, excluded };
}

/** Non-rate units (counts, money) aggregate by sum; items without a value are excluded and counted. */
export function aggregateSum(values: readonly (number | null)[]): {
  value: number | null;
  included: number;
  excluded: number;
} {
  let sum = 0;
  let included = 0;
  for (const v of values) {
    if (v !== null) {
      sum += v;
      included += 1;
    }
  }
  return { value: included > 0 ? sum : null, included, excluded: values.length - included };
}

export const TARGET_COMBINATION_RULES = [
  'successor-registered',
  'single-predecessor',
  'denominator-weighted',
  'sum',
] as const;
export type TargetCombinationRule = (typeof TARGET_COMBINATION_RULES)[number];

/**
 * The rule for the target of an agency formed by a merger, shown verbatim to the standing office:
 * 1. if the successor registered its own target for the period, that target is used;
 * 2. with one predecessor, its target carries over unchanged;
 * 3. for a rate, the predecessors' targets are weighted by their denominators in that period,
 *    Σ(targetᵢ × denᵢ) ÷ Σdenᵢ — the rate the merged agency would reach if every predecessor met its own target;
 * 4. for a count or an amount, the predecessors' targets are summed.
 * If a needed target or denominator is missing the combined target is not computed ("chưa đăng ký chỉ tiêu"),
 * never guessed and never a plain average.
 */
export const TARGET_COMBINATION_RULE_TEXT =
  'Chỉ tiêu của cơ quan hình thành sau sắp xếp: (1) nếu cơ quan mới đã đăng ký chỉ tiêu cho kỳ thì dùng chỉ tiêu đó; ' +
  '(2) nếu chỉ có một cơ quan tiền thân thì giữ nguyên chỉ tiêu của cơ quan đó; (3) với chỉ tiêu tỷ lệ, lấy bình quân ' +
  'các chỉ tiêu của cơ quan tiền thân có trọng số là mẫu số (tổng số hồ sơ) của từng cơ quan trong kỳ: Σ(chỉ tiêuᵢ × mẫu sốᵢ) ÷ Σ mẫu sốᵢ; ' +
  '(4) với chỉ tiêu số lượng, giá trị: cộng các chỉ tiêu. Thiếu chỉ tiêu hoặc mẫu số của bất kỳ cơ quan tiền thân nào thì ' +
  'không tính (hiển thị "chưa đăng ký chỉ tiêu"); không bao giờ lấy trung bình cộng các tỷ lệ.';

export type PredecessorTarget = { target: number | null; denominator: number | null };

export type CombinedTarget = {
  value: number | null;
  rule: TargetCombinationRule;
  /** Why no value was computed, in Vietnamese; null when one was. */
  reason: string | null;
};

/** Applies {@link TARGET_COMBINATION_RULE_TEXT} to the predecessors of one successor agency. */
export function combineTargets(input: {
  successorTarget: number | null;
  predecessors: readonly PredecessorTarget[];
  isRate: boolean;
}): CombinedTarget {
  if (input.successorTarget !== null) {
    return { value: input.successorTarget, rule: 'successor-registered', reason: null };
  }
  const { predecessors } = input;
  if (predecessors.length === 1) {
    const only = predecessors[0] as PredecessorTarget;
    return {
      value: only.target,
      rule: 'single-predecessor',
      reason: only.target === null ? 'Cơ quan chưa đăng ký chỉ tiêu.' : null,
    };
  }
  if (predecessors.length === 0 || predecessors.some((p) => p.target === null)) {
    return {
      value: null,
      rule: input.isRate ? 'denominator-weighted' : 'sum',
      reason: 'Có cơ quan tiền thân chưa đăng ký chỉ tiêu cho kỳ này.',
    };
  }
  if (!input.isRate) {
    return { value: predecessors.reduce((s, p) => s + (p.target as number), 0), rule: 'sum', reason: null };
  }
  if (predecessors.some((p) => p.denominator === null)) {
    return {
      value: null,
      rule: 'denominator-weighted',
      reason: 'Có cơ quan tiền thân chỉ báo cáo tỷ lệ, không có mẫu số: không tính được chỉ tiêu gộp.',
    };
  }
  const den = predecessors.reduce((s, p) => s + (p.denominator as number), 0);
  if (!(den > 0)) {
    return { value: null, rule: 'denominator-weighted', reason: 'Tổng mẫu số bằng 0: không tính được chỉ tiêu gộp.' };
  }
  const weighted = predecessors.reduce((s, p) => s + (p.target as number) * (p.denominator as number), 0);
  return { value: weighted / den, rule: 'denominator-weighted', reason: null };
}

/**
 * Standard competition ranking ("1, 2, 2, 4") of values by direction; items without a value get no rank. Exact
 * equality decides ties, so 13.21 and 13.21 share a rank.
 */
export function rankValues(values: readonly (number | null)[], direction: IndicatorDirection): (number | null)[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== null)
    .sort((a, b) => (direction === 'higher-better' ? b.v - a.v : a.v - b.v));
  const ranks: (number | null)[] = values.map(() => null);
  order.forEach((x, position) => {
    const prev = order[position - 1];
    ranks[x.i] = prev && prev.v === x.v ? (ranks[prev.i] as number) : position + 1;
  });
  return ranks;
}

export type PeriodKind = 'month' | 'quarter' | 'year';

export type Period = {
  /** "2025-06", "2025-Q2" or "2025". */
  key: string;
  kind: PeriodKind;
  year: number;
  /** First and last day, ISO dates. */
  start: string;
  end: string;
};

const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads "YYYY-MM", "YYYY-Qn" or "YYYY"; null for anything else. */
export function parsePeriod(key: string): Period | null {
  const m = PERIOD_PATTERN.exec(key.trim());
  if (!m) {
    return null;
  }
  const year = Number(m[1]);
  if (m[2]) {
    const month = Number(m[2]);
    return {
      key: `${year}-${m[2]}`,
      kind: 'month',
      year,
      start: `${year}-${m[2]}-01`,
      end: `${year}-${m[2]}-${pad2(lastDayOfMonth(year, month))}`,
    };
  }
  if (m[3]) {
    const q = Number(m[3]);
    const lastMonth = q * 3;
    return {
      key: `${year}-Q${q}`,
      kind: 'quarter',
      year,
      start: `${year}-${pad2(lastMonth - 2)}-01`,
      end: `${year}-${pad2(lastMonth)}-${pad2(lastDayOfMonth(year, lastMonth))}`,
    };
  }
  return { key: String(year), kind: 'year', year, start: `${year}-01-01`, end: `${year}-12-31` };
}

/** The period key of a month. */
export function monthPeriod(year: number, month: number): string {
  return `${year}-${pad2(month)}`;
}

/** The kind of period an indicator of a frequency is reported for. */
export function periodKindOfFrequency(frequency: IndicatorFrequency): PeriodKind {
  return frequency === 'monthly' ? 'month' : frequency === 'quarterly' ? 'quarter' : 'year';
}

/** Every period of a year for a frequency, in order ("2025-01" … "2025-12"). */
export function periodsOfYear(year: number, frequency: IndicatorFrequency): string[] {
  if (frequency === 'monthly') {
    return Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1));
  }
  if (frequency === 'quarterly') {
    return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  }
  return [String(year)];
}
