import type { SnapshotData } from '@server/modules/snapshots/snapshots.service';
import { describe, expect, it } from 'vitest';
import { buildReportModel, nextPeriodEnd, OVERDUE_COLUMNS } from './report-model';

type TaskRow = SnapshotData['tasks'][number];
type AssignmentRow = SnapshotData['assignments'][number];

function task(id: string, category: string, extra: Partial<TaskRow> = {}): TaskRow {
  return {
    snapshotId: 's1',
    taskId: id,
    directiveId: 'd1',
    directiveLabel: '71/NQ-CP',
    position: Number(id.slice(1)),
    text: `Nhiệm vụ ${id}`,
    leadNames: 'Bộ Tài chính',
    coordinatorNames: '',
    product: null,
    deadlineRaw: 'Tháng 6/2025',
    category,
    categoryAgainstOriginal: category,
    originalDue: '2025-06-30',
    effectiveDue: '2025-06-30',
    completedOn: null,
    basis: null,
    unitsNotCompleted: [],
    discrepancies: [],
    ...extra,
  };
}

function lead(taskId: string, agencyId: string, kind: string, category: string): AssignmentRow {
  return {
    snapshotId: 's1',
    assignmentId: `${taskId}-${agencyId}`,
    taskId,
    agencyId,
    agencyName: agencyId === 'btc' ? 'Bộ Tài chính' : 'Tỉnh Hà Tĩnh',
    agencyKind: kind,
    category,
    categoryAgainstOriginal: category,
    effectiveDue: '2025-06-30',
    completedOn: null,
  };
}

const data: SnapshotData = {
  snapshot: {
    id: 's1',
    asOf: '2025-07-18',
    label: 'x',
    createdByUserId: null,
    createdByLabel: 'cli',
    taskCount: 4,
    assignmentCount: 5,
    createdAt: '2025-07-18T03:00:00.000Z',
  },
  tasks: [
    task('t1', 'completedOnTime', { completedOn: '2025-06-01' }),
    task('t2', 'completedLate', { completedOn: '2025-07-02' }),
    task('t3', 'overdue', { unitsNotCompleted: ['Bộ Tài chính', 'Tỉnh Hà Tĩnh'] }),
    task('t4', 'inProgress', { effectiveDue: '2025-08-15', deadlineRaw: 'Tháng 8/2025' }),
  ],
  assignments: [
    lead('t1', 'btc', 'ministry', 'completedOnTime'),
    lead('t2', 'btc', 'ministry', 'completedLate'),
    lead('t3', 'btc', 'ministry', 'overdue'),
    lead('t3', 'ht', 'province', 'overdue'),
    lead('t4', 'ht', 'province', 'inProgress'),
  ],
  indicators: null,
};

describe('report model', () => {
  it('the next period of a monthly report ends with the following month (December rolls over)', () => {
    expect(nextPeriodEnd('2025-07-18')).toBe('2025-08-31');
    expect(nextPeriodEnd('2025-12-05')).toBe('2026-01-31');
    expect(nextPeriodEnd('2024-01-31')).toBe('2024-02-29');
  });

  it('states x/y completed with z on time, and fills the appendices from the snapshot', () => {
    const model = buildReportModel(data, { kind: 'monthly' });
    const first = model.sections[0]?.paragraphs[0] ?? '';
    expect(first).toContain('Đã hoàn thành 2/4 nhiệm vụ (50,0%), trong đó 1 nhiệm vụ hoàn thành đúng hạn');
    const pl02 = model.appendices.find((a) => a.code === '02');
    expect(pl02?.columns).toEqual(OVERDUE_COLUMNS);
    expect(pl02?.rows).toEqual([
      [1, 'Nhiệm vụ t3', '71/NQ-CP', 'Bộ Tài chính', { date: '2025-06-30' }, 'Bộ Tài chính, Tỉnh Hà Tĩnh'],
    ]);
    expect(model.appendices.find((a) => a.code === '01')?.rows).toHaveLength(2);
    expect(model.appendices.find((a) => a.code === '03')?.emptyText).toContain('Chưa có số liệu');
    const pl04 = model.appendices.find((a) => a.code === '04');
    expect(pl04?.title).toContain('71/NQ-CP');
    expect(pl04?.rows.map((r) => r[1])).toEqual(['Nhiệm vụ t4']);
    const blocTable = model.sections[1]?.table;
    expect(blocTable?.rows.map((r) => [r[1], r[2], r[6]])).toEqual([
      ['Khối bộ, ngành', 3, 1],
      ['Khối tỉnh, thành phố', 2, 1],
      ['Tổng cộng (lượt giao chủ trì)', 5, 2],
    ]);
  });

  it('an agency report counts only that agency’s own assignments', () => {
    const model = buildReportModel(data, { kind: 'agency', agencyId: 'ht', agencyName: 'Tỉnh Hà Tĩnh' });
    expect(model.subject).toBe('Kết quả thực hiện nhiệm vụ của Tỉnh Hà Tĩnh');
    expect(model.sections[0]?.paragraphs[0]).toContain('do Tỉnh Hà Tĩnh chủ trì là 2 nhiệm vụ');
    expect(model.appendices.find((a) => a.code === '02')?.rows).toHaveLength(1);
    expect(model.appendices.find((a) => a.code === '01')?.rows).toHaveLength(0);
  });
});
