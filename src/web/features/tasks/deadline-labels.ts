import type { DeadlineKind } from '@shared/contracts/imports';
import { foldText } from '@shared/lib/vn-text';

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  date: 'Ngày cụ thể',
  month: 'Tháng',
  quarter: 'Quý',
  'half-year': '6 tháng',
  year: 'Năm',
  period: 'Giai đoạn',
  recurring: 'Thường xuyên, định kỳ',
  relative: 'Tương đối',
  none: 'Không thời hạn',
  unreadable: 'Không đọc được',
};

export type DeadlineTag = { label: string; color: string };

/**
 * The tag shown beside a deadline that has no single due date. Recurring deadlines keep their own word
 * ("Hằng năm", "Định kỳ", "Thường xuyên") because the API carries only the kind, not the recurrence.
 */
export function deadlineTagOf(kind: DeadlineKind, raw: string | null): DeadlineTag | null {
  switch (kind) {
    case 'recurring': {
      const folded = foldText(raw ?? '');
      if (/\b(hang|moi) nam\b/.test(folded)) {
        return { label: 'Hằng năm', color: 'blue' };
      }
      if (/\b(hang|moi) (thang|quy)\b/.test(folded) || folded.includes('dinh ky')) {
        return { label: 'Định kỳ', color: 'blue' };
      }
      return { label: 'Thường xuyên', color: 'cyan' };
    }
    case 'none':
      return { label: 'Không thời hạn', color: 'default' };
    case 'relative':
      return { label: 'Tương đối', color: 'purple' };
    case 'unreadable':
      return { label: 'Không đọc được', color: 'red' };
    default:
      return null;
  }
}
