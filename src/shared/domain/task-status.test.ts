import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AssignmentStatusInput,
  computeAssignmentStatus,
  computeTaskStatus,
  endOfBusinessDay,
  type StatusReport,
} from './task-status';

const at = (iso: string) => new Date(iso);
const completed = (recordedAt: string, completedOn: string | null): StatusReport => ({
  recordedAt: at(recordedAt),
  state: 'completed',
  completedOn,
});
const dated = (due: string | null): AssignmentStatusInput['deadline'] => ({ due, recurring: false });

describe('computeAssignmentStatus', () => {
  it('is in progress up to and including the due day, overdue the day after', () => {
    const input = { deadline: dated('2025-06-30'), reports: [] };
    expect(computeAssignmentStatus(input, '2025-06-30').category).toBe('inProgress');
    expect(computeAssignmentStatus(input, '2025-07-01').category).toBe('overdue');
  });

  it('judges completion on the due day as on time and the next day as late', () => {
    const onTime = { deadline: dated('2025-06-30'), reports: [completed('2025-07-01T01:00:00Z', '2025-06-30')] };
    const late = { deadline: dated('2025-06-30'), reports: [completed('2025-07-01T01:00:00Z', '2025-07-01')] };
    expect(computeAssignmentStatus(onTime, '2025-07-18').category).toBe('completedOnTime');
    expect(computeAssignmentStatus(late, '2025-07-18').category).toBe('completedLate');
  });

  it('counts a report recorded at 23:59:59 Hanoi time on D, not one at 00:00 the next day', () => {
    // 23:59:59 on 30/6 in Asia/Ho_Chi_Minh is 16:59:59Z; midnight is 17:00:00Z.
    const justInTime = { deadline: dated('2025-06-30'), reports: [completed('2025-06-30T16:59:59Z', '2025-06-30')] };
    const nextDay = { deadline: dated('2025-06-30'), reports: [completed('2025-06-30T17:00:00Z', '2025-06-30')] };
    expect(computeAssignmentStatus(justInTime, '2025-06-30').category).toBe('completedOnTime');
    expect(computeAssignmentStatus(nextDay, '2025-06-30').category).toBe('inProgress');
    expect(endOfBusinessDay('2025-06-30').toISOString()).toBe('2025-06-30T16:59:59.999Z');
  });

  it('keeps "completed late against the original" visible after an extension', () => {
    const input: AssignmentStatusInput = {
      deadline: dated('2025-09-30'),
      extensions: [{ grantedAt: at('2025-09-20T03:00:00Z'), newDue: '2025-11-15' }],
      reports: [completed('2025-11-10T03:00:00Z', '2025-11-10')],
    };
    const status = computeAssignmentStatus(input, '2025-11-20');
    expect(status.category).toBe('completedOnTime');
    expect(status.categoryAgainstOriginal).toBe('completedLate');
    expect(status.effectiveDue).toBe('2025-11-15');
  });

  it('ignores an extension granted after the cut-off', () => {
    const input: AssignmentStatusInput = {
      deadline: dated('2025-09-30'),
      extensions: [{ grantedAt: at('2025-10-05T03:00:00Z'), newDue: '2025-11-15' }],
      reports: [],
    };
    expect(computeAssignmentStatus(input, '2025-10-01').category).toBe('overdue');
    expect(computeAssignmentStatus(input, '2025-10-06').category).toBe('inProgress');
  });

  it('handles recurring, undated and no-deadline cases', () => {
    expect(
      computeAssignmentStatus({ deadline: { due: null, recurring: true }, reports: [] }, '2025-07-01').category,
    ).toBe('recurring');
    expect(computeAssignmentStatus({ deadline: dated(null), reports: [] }, '2025-07-01').category).toBe('noDeadline');
    expect(
      computeAssignmentStatus(
        { deadline: dated('2025-06-30'), reports: [completed('2025-06-01T00:00:00Z', null)] },
        '2025-07-01',
      ).category,
    ).toBe('completedUndated');
  });

  it('leap-year due dates: 29/2/2028 is a real day', () => {
    const input = { deadline: dated('2028-02-29'), reports: [] };
    expect(computeAssignmentStatus(input, '2028-02-29').category).toBe('inProgress');
    expect(computeAssignmentStatus(input, '2028-03-01').category).toBe('overdue');
  });
});

const isoDay = fc
  .integer({ min: 0, max: 365 * 4 })
  .map((offset) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 0, 1) }).map((ms) => new Date(ms));
const report = fc.record({
  recordedAt: instant,
  state: fc.constantFrom('not-started', 'in-progress', 'completed', 'cannot-complete') as fc.Arbitrary<
    StatusReport['state']
  >,
  completedOn: fc.option(isoDay, { nil: null }),
});
const statusInput = fc.record({
  deadline: fc.record({ due: fc.option(isoDay, { nil: null }), recurring: fc.boolean() }),
  reports: fc.array(report, { maxLength: 5 }),
  extensions: fc.array(fc.record({ grantedAt: instant, newDue: isoDay }), { maxLength: 2 }),
});

describe('status rules (properties)', () => {
  it('a report recorded after D never changes the status as of D', () => {
    fc.assert(
      fc.property(statusInput, isoDay, report, (input, asOf, later) => {
        const after = {
          ...later,
          recordedAt: new Date(endOfBusinessDay(asOf).getTime() + 1 + (later.recordedAt.getTime() % 1e9)),
        };
        const before = computeAssignmentStatus(input, asOf);
        const withLater = computeAssignmentStatus({ ...input, reports: [...input.reports, after] }, asOf);
        expect(withLater).toEqual(before);
      }),
    );
  });

  it('granting an extension never turns "completed late against the original" into anything else', () => {
    fc.assert(
      fc.property(statusInput, isoDay, fc.record({ grantedAt: instant, newDue: isoDay }), (input, asOf, ext) => {
        const before = computeAssignmentStatus(input, asOf);
        const after = computeAssignmentStatus({ ...input, extensions: [...(input.extensions ?? []), ext] }, asOf);
        if (before.categoryAgainstOriginal === 'completedLate') {
          expect(after.categoryAgainstOriginal).toBe('completedLate');
        }
      }),
    );
  });

  it('without reports, a dated non-recurring assignment is in progress or overdue, and overdue stays overdue later', () => {
    fc.assert(
      fc.property(isoDay, isoDay, isoDay, (due, d1, d2) => {
        const input = { deadline: dated(due), reports: [] };
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const first = computeAssignmentStatus(input, early).category;
        expect(['inProgress', 'overdue']).toContain(first);
        if (first === 'overdue') {
          expect(computeAssignmentStatus(input, late).category).toBe('overdue');
        }
      }),
    );
  });
});

describe('computeTaskStatus', () => {
  const deadline = dated('2025-05-31');
  it('a shared task is complete only when every lead is, and lists the units not completed', () => {
    const leads = [
      { key: 'Bộ Tài chính', input: { deadline, reports: [completed('2025-05-20T03:00:00Z', '2025-05-20')] } },
      { key: 'Hà Tĩnh', input: { deadline, reports: [] } },
      {
        key: 'Đồng Nai',
        input: { deadline, reports: [{ recordedAt: at('2025-05-10T03:00:00Z'), state: 'in-progress' as const }] },
      },
    ];
    const status = computeTaskStatus(leads, { deadline }, '2025-06-30');
    expect(status.category).toBe('overdue');
    expect(status.notCompleted).toEqual(['Hà Tĩnh', 'Đồng Nai']);
  });

  it('takes the latest lead completion date when all are complete', () => {
    const leads = [
      { key: 'A', input: { deadline, reports: [completed('2025-05-20T03:00:00Z', '2025-05-20')] } },
      { key: 'B', input: { deadline, reports: [completed('2025-06-03T03:00:00Z', '2025-06-02')] } },
    ];
    const status = computeTaskStatus(leads, { deadline }, '2025-06-30');
    expect(status.category).toBe('completedLate');
    expect(status.completedOn).toBe('2025-06-02');
    expect(status.notCompleted).toEqual([]);
  });
});

describe('completion bounds, per-lead extensions and recurring periods', () => {
  it('a completion known only to be "by" a date is on time when that date is within the deadline', () => {
    const by = (completedBy: string): StatusReport => ({
      recordedAt: at('2025-06-30T16:00:00Z'),
      state: 'completed',
      completedOn: null,
      completedBy,
    });
    expect(
      computeAssignmentStatus({ deadline: dated('2025-12-31'), reports: [by('2025-06-30')] }, '2025-07-01').category,
    ).toBe('completedOnTime');
    expect(
      computeAssignmentStatus({ deadline: dated('2025-04-30'), reports: [by('2025-06-30')] }, '2025-07-01').category,
    ).toBe('completedUndated');
  });

  it('judges open leads against their own extensions: overdue while any open lead is past its deadline', () => {
    const deadline = dated('2025-06-30');
    const extended = { grantedAt: at('2025-06-20T03:00:00Z'), newDue: '2025-08-31' };
    const a = { key: 'A', input: { deadline, reports: [], extensions: [extended] } };
    const b = { key: 'B', input: { deadline, reports: [] as StatusReport[] } };
    expect(computeTaskStatus([a, b], { deadline }, '2025-07-10').category).toBe('overdue');
    const bDone = { ...b, input: { ...b.input, reports: [completed('2025-07-05T03:00:00Z', '2025-07-05')] } };
    const status = computeTaskStatus([a, bDone], { deadline }, '2025-07-10');
    expect(status.category).toBe('inProgress');
    expect(status.categoryAgainstOriginal).toBe('overdue');
    expect(status.notCompleted).toEqual(['A']);
  });

  it("a lead's later report (after D) does not hide its completion before D", () => {
    const deadline = dated('2025-06-30');
    const leads = [
      {
        key: 'A',
        input: {
          deadline,
          reports: [
            completed('2025-06-10T03:00:00Z', '2025-06-10'),
            { recordedAt: at('2025-07-10T03:00:00Z'), state: 'in-progress' as const },
          ],
        },
      },
    ];
    expect(computeTaskStatus(leads, { deadline }, '2025-06-30').category).toBe('completedOnTime');
    expect(computeTaskStatus(leads, { deadline }, '2025-07-10').category).toBe('overdue');
  });

  it('recurring assignments say whether the period of D was reported', () => {
    const deadline = { due: null, recurring: true };
    const june = { recordedAt: at('2025-06-24T03:00:00Z'), state: 'in-progress' as const, period: '2025-06' };
    expect(computeAssignmentStatus({ deadline, reports: [june] }, '2025-06-30').periodReported).toBe(true);
    expect(computeAssignmentStatus({ deadline, reports: [june] }, '2025-07-01').periodReported).toBe(false);
    expect(
      computeAssignmentStatus({ deadline: dated('2025-06-30'), reports: [june] }, '2025-06-30').periodReported,
    ).toBeNull();
  });

  it("property: a report recorded after D never changes a task's status as of D", () => {
    fc.assert(
      fc.property(
        fc.array(statusInput, { minLength: 1, maxLength: 4 }),
        isoDay,
        report,
        fc.nat(3),
        (inputs, asOf, later, which) => {
          const deadline = inputs[0]?.deadline ?? dated(null);
          const leads = inputs.map((input, i) => ({ key: `L${i}`, input: { ...input, deadline } }));
          const before = computeTaskStatus(leads, { deadline }, asOf);
          const after = {
            ...later,
            recordedAt: new Date(endOfBusinessDay(asOf).getTime() + 1 + (later.recordedAt.getTime() % 1e9)),
          };
          const index = which % leads.length;
          const changed = leads.map((l, i) =>
            i === index ? { ...l, input: { ...l.input, reports: [...l.input.reports, after] } } : l,
          );
          expect(computeTaskStatus(changed, { deadline }, asOf)).toEqual(before);
        },
      ),
    );
  });
});
