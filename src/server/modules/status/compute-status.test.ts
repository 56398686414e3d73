import { endOfBusinessDay, periodOf, type StatusReport } from '@shared/domain/task-status';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EvaluationInput,
  evaluateTask,
  type StatusRecordRow,
  type StatusTaskRow,
  summarizeStatus,
  type TaskStatementRow,
} from './compute-status';

const names = new Map([
  ['most', 'Bộ Khoa học và Công nghệ'],
  ['mof', 'Bộ Tài chính'],
  ['dn', 'Tỉnh Đồng Nai'],
]);
const task: StatusTaskRow = { id: 't1', directiveId: 'd1', due: '2025-05-31', recurring: false };
const leads = [
  { assignmentId: 'a-most', taskId: 't1', agencyId: 'most' },
  { assignmentId: 'a-mof', taskId: 't1', agencyId: 'mof' },
  { assignmentId: 'a-dn', taskId: 't1', agencyId: 'dn' },
];
const statement = (over: Partial<TaskStatementRow>): TaskStatementRow => ({
  taskId: 't1',
  sourceId: 'list',
  label: 'doc · PL · hàng 1',
  statedOn: '2025-06-30',
  claim: null,
  statusText: null,
  unitsNotCompleted: null,
  completion: null,
  ...over,
});

describe('evaluateTask with document statements', () => {
  const completedIn003 = statement({
    label: '003 · Phụ lục 1 · hàng 24',
    statedOn: '2025-05-24',
    claim: 'completed',
    statusText: 'Hoàn thành',
  });
  const pl02 = statement({
    label: '001 · PHỤ LỤC 02 · hàng 3',
    claim: 'overdue',
    unitsNotCompleted: ['Bộ Tài chính', 'Đồng Nai'],
  });

  it('reproduces the units not completed and flags the contradiction with the earlier completion', () => {
    const e = evaluateTask(task, leads, new Map(), new Map(), [completedIn003, pl02], names, '2025-06-30');
    expect(e.status.category).toBe('overdue');
    expect(e.unitsNotCompleted.map((u) => u.name)).toEqual(['Bộ Tài chính', 'Tỉnh Đồng Nai']);
    const contradiction = e.discrepancies.find((d) => d.kind === 'completion-contradicted');
    expect(contradiction?.sources).toEqual(['003 · Phụ lục 1 · hàng 24', '001 · PHỤ LỤC 02 · hàng 3']);
    expect(contradiction?.units?.sort()).toEqual(['Bộ Tài chính', 'Tỉnh Đồng Nai']);
    const early = evaluateTask(task, leads, new Map(), new Map(), [completedIn003, pl02], names, '2025-05-24');
    expect(early.status.category).toBe('completedOnTime');
    expect(early.discrepancies).toEqual([]);
  });

  it('an accepted report after the document overrides it for that lead', () => {
    const records = new Map<string, StatusRecordRow[]>([
      [
        'a-mof',
        [
          {
            assignmentId: 'a-mof',
            recordedAt: new Date('2025-07-02T03:00:00Z'),
            state: 'completed',
            completedOn: '2025-07-01',
            source: 'báo cáo r1',
          },
        ],
      ],
    ]);
    const e = evaluateTask(task, leads, records, new Map(), [pl02], names, '2025-07-02');
    expect(e.unitsNotCompleted.map((u) => u.name)).toEqual(['Tỉnh Đồng Nai']);
  });

  it('flags "quá hạn" for a task whose deadline had not passed on the statement date', () => {
    const e = evaluateTask({ ...task, due: '2025-06-30' }, leads, new Map(), new Map(), [pl02], names, '2025-06-30');
    expect(e.status.category).toBe('inProgress');
    expect(e.discrepancies.map((d) => d.kind)).toEqual(['claimed-overdue-not-due']);
  });

  it('keeps listed units that are not leads, by name, and reports them', () => {
    const e = evaluateTask(
      task,
      [{ assignmentId: 'a-party', taskId: 't1', agencyId: 'party' }],
      new Map(),
      new Map(),
      [statement({ claim: 'overdue', unitsNotCompleted: ['Bộ Tài chính'] })],
      new Map([['party', 'Đảng ủy Bộ Tài chính']]),
      '2025-06-30',
    );
    expect(e.status.category).toBe('overdue');
    expect(e.unitsNotCompleted).toEqual([{ agencyId: null, name: 'Bộ Tài chính' }]);
    expect(e.discrepancies.map((d) => d.kind)).toContain('units-not-assigned');
  });
});

const day = fc
  .integer({ min: 0, max: 200 })
  .map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 7, 1) }).map((ms) => new Date(ms));

describe('summarizeStatus: judging the latest record per assignment equals judging the full history', () => {
  it("property (the repo fetches only the latest accepted report by D, plus the latest of D's period)", () => {
    const recordArb = fc.record({
      recordedAt: instant,
      state: fc.constantFrom('in-progress', 'completed', 'not-started') as fc.Arbitrary<StatusReport['state']>,
      completedOn: fc.option(day, { nil: null }),
    });
    const scenario = fc.record({
      tasks: fc.array(
        fc.record({
          due: fc.option(day, { nil: null }),
          recurring: fc.boolean(),
          leads: fc.integer({ min: 0, max: 3 }),
        }),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
      records: fc.array(fc.record({ lead: fc.nat(20), record: recordArb }), { maxLength: 30 }),
      extensions: fc.array(fc.record({ lead: fc.nat(20), grantedAt: instant, newDue: day }), { maxLength: 6 }),
      asOf: day,
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const tasks = s.tasks.map((t, i) => ({
          id: `t${i}`,
          directiveId: `d${i % 2}`,
          due: t.due,
          recurring: t.recurring,
        }));
        const allLeads = s.tasks.flatMap((t, i) =>
          Array.from({ length: t.leads }, (_, j) => ({
            assignmentId: `t${i}-a${j}`,
            taskId: `t${i}`,
            agencyId: `g${j}`,
          })),
        );
        if (allLeads.length === 0) {
          return;
        }
        const pick = (n: number) => allLeads[n % allLeads.length] as (typeof allLeads)[number];
        const records: StatusRecordRow[] = s.records.map((r) => ({
          ...r.record,
          assignmentId: pick(r.lead).assignmentId,
        }));
        const extensions = s.extensions.map((e) => ({
          assignmentId: pick(e.lead).assignmentId,
          grantedAt: e.grantedAt,
          newDue: e.newDue,
        }));
        const full: EvaluationInput = {
          asOf: s.asOf,
          tasks,
          leads: allLeads,
          records,
          extensions,
          statements: [],
          agencyNames: new Map(),
        };
        const cutoff = endOfBusinessDay(s.asOf).getTime();
        const latest = <T>(items: T[], when: (t: T) => Date) =>
          items.reduce<T | null>(
            (a, b) => (when(b).getTime() <= cutoff && (!a || when(b).getTime() >= when(a).getTime()) ? b : a),
            null,
          );
        const reduced: EvaluationInput = {
          ...full,
          records: allLeads.flatMap((l) => {
            const mine = records.filter((r) => r.assignmentId === l.assignmentId);
            const last = latest(mine, (r) => r.recordedAt);
            const inPeriod = latest(
              mine.filter((r) => periodOf(r.recordedAt) === s.asOf.slice(0, 7)),
              (r) => r.recordedAt,
            );
            return [last, inPeriod].filter((r): r is StatusRecordRow => r !== null);
          }),
          extensions: allLeads.flatMap((l) => {
            const last = latest(
              extensions.filter((e) => e.assignmentId === l.assignmentId),
              (e) => e.grantedAt,
            );
            return last ? [last] : [];
          }),
        };
        for (const by of ['agency', 'directive'] as const) {
          expect(summarizeStatus(reduced, { by })).toEqual(summarizeStatus(full, { by }));
        }
      }),
      { numRuns: 300 },
    );
  });
});
