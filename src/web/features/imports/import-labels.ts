import type { ListKind, Problem } from '@shared/contracts/imports';

export const LIST_KIND_LABELS: Record<ListKind, string> = {
  'task-list': 'Danh mục nhiệm vụ',
  'status-report': 'Báo cáo tình hình',
  'indicator-table': 'Bảng chỉ tiêu',
  'comment-table': 'Bảng tổng hợp ý kiến',
  'proposed-tasks': 'Nhiệm vụ đề xuất (từ văn bản)',
  'other-table': 'Bảng khác',
};

/** Label for a list kind that may come from a newer server than this UI. */
export function listKindLabel(kind: string): string {
  return (LIST_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export const SEVERITY_LABELS: Record<Problem['severity'], { label: string; color: string }> = {
  error: { label: 'Lỗi', color: 'red' },
  warning: { label: 'Cảnh báo', color: 'orange' },
  info: { label: 'Thông tin', color: 'blue' },
};

/** "dòng 12", "hàng 5", "dòng 12, hàng 5" or "" for a problem or task position. */
export function positionText(position: { line?: number | null; row?: number | null }): string {
  const parts: string[] = [];
  if (position.line !== undefined && position.line !== null) {
    parts.push(`dòng ${position.line}`);
  }
  if (position.row !== undefined && position.row !== null) {
    parts.push(`hàng ${position.row}`);
  }
  return parts.join(', ');
}
