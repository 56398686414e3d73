import {
  BLOC_LABELS,
  type Bloc,
  type EvaluationStatus,
  NO_TARGET_LABEL,
  parsePeriod,
} from '@shared/domain/indicator-evaluation';
import { formatNumber } from '@shared/lib/vn-format';

/** Conditional colours of the Phụ lục 03 table: met green, not met red, no target grey. */
export const STATUS_STYLES: Record<EvaluationStatus, { background: string; color: string; tag: string }> = {
  met: { background: '#f6ffed', color: '#237804', tag: 'success' },
  'not-met': { background: '#fff1f0', color: '#a8071a', tag: 'error' },
  'no-target': { background: '#f5f5f5', color: '#595959', tag: 'default' },
  'no-data': { background: '#fafafa', color: '#8c8c8c', tag: 'warning' },
};

/** A figure as officials write it: "67,44", "0", "70.000.000"; "—" when there is none. */
export function formatFigure(value: number | null): string {
  if (value === null) {
    return '—';
  }
  return formatNumber(Math.round(value * 100) / 100);
}

/** A target cell: the number, or "chưa đăng ký chỉ tiêu" (never 0) when the agency registered none. */
export function targetText(target: number | null): string {
  return target === null ? NO_TARGET_LABEL : formatFigure(target);
}

/** "+7,44" / "−34,09": the distance to the target, signed. */
export function gapText(gap: number | null): string {
  if (gap === null) {
    return '';
  }
  const rounded = Math.round(gap * 100) / 100;
  return rounded > 0 ? `+${formatNumber(rounded)}` : rounded < 0 ? `−${formatNumber(-rounded)}` : '0';
}

export function blocLabel(bloc: Bloc | 'all'): string {
  return bloc === 'all' ? 'Tất cả cơ quan' : BLOC_LABELS[bloc];
}

/** The `count` months ending with `end` ("2025-06", 3 → 2025-04, 2025-05, 2025-06), within its year. */
export function monthsEndingAt(end: string, count: number): string[] {
  const period = parsePeriod(end);
  if (period?.kind !== 'month') {
    return [];
  }
  const last = Number(end.slice(5, 7));
  const first = Math.max(1, last - count + 1);
  return Array.from({ length: last - first + 1 }, (_, i) => `${period.year}-${String(first + i).padStart(2, '0')}`);
}

/** "2025-06" → "tháng 6/2025". */
export function monthLabel(period: string): string {
  const [year, month] = period.split('-');
  return month ? `tháng ${Number(month)}/${year}` : period;
}

/** Column wording of a period: "tháng 4", "quý II", "năm 2025". */
export function periodShortLabel(period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) {
    return period;
  }
  if (parsed.kind === 'month') {
    return `tháng ${Number(period.slice(5, 7))}`;
  }
  if (parsed.kind === 'quarter') {
    return `quý ${['I', 'II', 'III', 'IV'][Number(period.slice(6)) - 1]}`;
  }
  return `năm ${parsed.year}`;
}
