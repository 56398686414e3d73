/** Nearest-rank percentile of already sorted values (p in 0…100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export type LatencySummary = { n: number; p50Ms: number; p99Ms: number; meanMs: number; minMs: number; maxMs: number };

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** p50/p99/mean/min/max of durations in milliseconds, rounded to 0.01 ms. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(mean),
    minMs: round(sorted[0] ?? Number.NaN),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/** Figures per second, rounded for reading. */
export function perSecond(amount: number, milliseconds: number, digits = 1): number {
  return round(amount / Math.max(milliseconds / 1000, 1e-6), digits);
}
