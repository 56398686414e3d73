import { INBOUND_OUTCOMES, type InboundOutcome } from '@shared/contracts/exchange';
import { BUNDLE_PROBLEM_CODES, type BundleImportResult, type BundleProblem } from '@shared/contracts/exchange-bundle';
import { formatNumber } from '@shared/lib/vn-format';
import { ApiError, type QueryValue } from '@web/api/client';
import { INBOUND_OUTCOME_LABELS } from './exchange-labels';

/** Outcomes that leave work for a person: shown in warning colours. */
const ATTENTION_OUTCOMES: ReadonlySet<string> = new Set(['conflict', 'waiting', 'unmapped', 'rejected']);

export type BundleOutcomeRow = { outcome: string; label: string; count: number; needsAttention: boolean };

/** "conflict" → "Xung đột", for a table cell or tag; an unknown outcome keeps its code. */
export function inboundOutcomeLabel(outcome: string): string {
  const text = INBOUND_OUTCOME_LABELS[outcome as InboundOutcome] ?? outcome;
  return `${text.charAt(0).toLocaleUpperCase('vi')}${text.slice(1)}`;
}

/**
 * One row per outcome of an imported (or checked) bundle, in the order of the protocol, zeros left out; an outcome
 * this page does not know yet is kept with its code so no event goes uncounted.
 */
export function bundleOutcomeRows(counts: Record<string, number>): BundleOutcomeRow[] {
  const known = INBOUND_OUTCOMES as readonly string[];
  const order = [
    ...INBOUND_OUTCOMES,
    ...Object.keys(counts)
      .filter((k) => !known.includes(k))
      .sort(),
  ];
  return order
    .filter((outcome) => (counts[outcome] ?? 0) > 0)
    .map((outcome) => ({
      outcome,
      label: inboundOutcomeLabel(outcome),
      count: counts[outcome] ?? 0,
      needsAttention: ATTENTION_OUTCOMES.has(outcome),
    }));
}

/**
 * The sentence above the result: a dry run says what an import would do and that nothing was written; a real
 * import says what was done. "Chạy thử: gói có 12 sự kiện và 3 tệp minh chứng; nếu nhập: 10 áp dụng, 2 xung đột."
 */
export function bundleResultSummary(
  result: Pick<BundleImportResult, 'dryRun' | 'events' | 'files' | 'counts'>,
): string {
  const parts = bundleOutcomeRows(result.counts).map(
    (r) => `${formatNumber(r.count)} ${r.label.toLocaleLowerCase('vi')}`,
  );
  const content = `${formatNumber(result.events)} sự kiện và ${formatNumber(result.files)} tệp minh chứng`;
  if (result.events === 0) {
    return result.dryRun
      ? `Chạy thử: gói hợp lệ nhưng không có sự kiện nào (${formatNumber(result.files)} tệp minh chứng).`
      : 'Đã nhập gói dữ liệu: không có sự kiện nào.';
  }
  const outcomes = parts.length > 0 ? parts.join(', ') : 'không có kết quả';
  return result.dryRun
    ? `Chạy thử: gói hợp lệ, có ${content}; nếu nhập: ${outcomes}. Chưa có dữ liệu nào được ghi.`
    : `Đã nhập gói dữ liệu (${content}): ${outcomes}.`;
}

function isBundleProblem(value: unknown): value is BundleProblem {
  if (!value || typeof value !== 'object') {
    return false;
  }
  const v = value as Record<string, unknown>;
  return (
    typeof v.message === 'string' &&
    typeof v.code === 'string' &&
    (BUNDLE_PROBLEM_CODES as readonly string[]).includes(v.code)
  );
}

/**
 * The problems of a refused bundle (422 BUNDLE_INVALID with `details.problems`), or null for any other error so
 * the page shows the plain message instead. Malformed entries are dropped rather than shown as "undefined".
 */
export function bundleProblemsOf(error: unknown): BundleProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'BUNDLE_INVALID') {
    return null;
  }
  const problems =
    error.details && typeof error.details === 'object' ? (error.details as { problems?: unknown }).problems : undefined;
  return Array.isArray(problems) ? problems.filter(isBundleProblem) : [];
}

/**
 * The file name of a download from its Content-Disposition header (RFC 6266 `filename*=UTF-8''…` first, then
 * `filename="…"`), without any folder part; the fallback when the header gives none.
 */
export function fileNameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) {
    return fallback;
  }
  let name: string | undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"([^"]*)"/.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/.exec(header)?.[1];
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : fallback;
}

/** Query of `GET /exchange/bundle`: `after` as a whole number ≥ 0, types comma-separated (none = every type). */
export function bundleExportQuery(
  after: number | null | undefined,
  types: readonly string[],
): Record<string, QueryValue> {
  const cursor = typeof after === 'number' && Number.isFinite(after) && after > 0 ? Math.floor(after) : 0;
  return { after: cursor, types: types.length > 0 ? types.join(',') : undefined };
}
