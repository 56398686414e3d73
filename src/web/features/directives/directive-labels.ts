import type { DirectiveSummary } from '@shared/contracts/directives';

export const DIRECTIVE_STATUS_LABELS: Record<DirectiveSummary['status'], { label: string; color: string }> = {
  issued: { label: 'Ban hành', color: 'green' },
  draft: { label: 'Dự thảo', color: 'gold' },
  reference: { label: 'Chỉ được trích dẫn', color: 'default' },
};

/** "71/NQ-CP — Nghị quyết về …" for selects and links; documents without a number show the title alone. */
export function directiveDisplayName(directive: Pick<DirectiveSummary, 'number' | 'title'>): string {
  return directive.number ? `${directive.number} — ${directive.title}` : directive.title;
}
