import { type DatabaseHandle, queryRows } from '@server/db/client';
import {
  assignments,
  directives,
  extensionRequests,
  progressReports,
  reclassificationRequests,
  tasks,
} from '@server/db/schema/index';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { STATUS_CATEGORIES } from '@shared/domain/task-status';
import { foldText } from '@shared/lib/vn-text';
import { createTestDatabase, shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusSummary } from './compute-status';
import {
  evaluateScope,
  listLeadStatuses,
  listTasksInCategory,
  summarizeHybrid,
  summarizeInTypeScript,
} from './status.service';

/** A small deterministic PRNG (mulberry32) so that a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}

const day = (offset: number) => new Date(Date.UTC(2025, 3, 1) + offset * 86_400_000).toISOString().slice(0, 10);
/** Instants near Hanoi's midnight are over-represented: the boundary is where SQL and TypeScript could disagree. */
function instant(r: ReturnType<typeof prng>): Date {
  const base = Date.UTC(2025, 3, 1) + r.int(200) * 86_400_000;
  const edges = [16 * 3_600_000 + 59 * 60_000 + 59_999, 17 * 3_600_000, 3 * 3_600_000, r.int(86_400_000)];
  return new Date(base + r.pick(edges));
}

const normalize = (s: StatusSummary) => ({
  ...s,
  groups: s.groups ? [...s.groups].sort((a, b) => a.key.localeCompare(b.key)) : null,
});

describe.skipIf(shouldSkipDbTests())('status in SQL equals status in TypeScript', () => {
  let handle: DatabaseHandle;
  const storage = createMemoryFileStorage();
  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    const r = prng(20250630);
    const agencyIds = (await queryRows<{ id: string }>(db, sql`select id from agencies order by name limit 25`)).map(
      (a) => a.id,
    );
    const directiveIds = ['eq-d1', 'eq-d2', 'eq-d3'];
    await db
      .insert(directives)
      .values(directiveIds.map((id) => ({ id, stableKey: `eq:${id}`, kind: 'ke-hoach', title: id, titleFolded: id })));
    const taskRows: (typeof tasks.$inferInsert)[] = [];
    const assignmentRows: (typeof assignments.$inferInsert)[] = [];
    for (let i = 0; i < 160; i++) {
      const kind = r.pick(['date', 'date', 'date', 'month', 'recurring', 'none'] as const);
      const due = kind === 'recurring' || kind === 'none' ? null : day(r.int(200));
      const text = `Nhiệm vụ thử ${i}`;
      taskRows.push({
        id: `eq-t${i}`,
        identityKey: `eq:${i}`,
        directiveId: r.pick(directiveIds),
        text,
        textFolded: foldText(text),
        deadlineKind: kind,
        deadlineDue: due,
        provenance: { file: 'eq' },
      });
      const chosen = new Set<string>();
      for (let j = r.int(4); j > 0; j--) {
        chosen.add(r.pick(agencyIds));
      }
      for (const agencyId of chosen) {
        assignmentRows.push({
          id: `eq-a${i}-${agencyId}`,
          taskId: `eq-t${i}`,
          agencyId,
          role: 'lead',
          isActive: r.next() > 0.05,
        });
      }
      if (r.next() < 0.3) {
        const agencyId = r.pick(agencyIds);
        if (!chosen.has(agencyId)) {
          assignmentRows.push({ id: `eq-c${i}-${agencyId}`, taskId: `eq-t${i}`, agencyId, role: 'coordinator' });
        }
      }
    }
    await db.insert(tasks).values(taskRows);
    await db.insert(assignments).values(assignmentRows);
    const dueOf = new Map(taskRows.map((t) => [t.id, t.deadlineDue ?? null]));
    // Completion on the due day itself is on time: make that case common enough to be tested.
    const completionDay = (taskId: string) =>
      r.next() < 0.3 ? (dueOf.get(taskId) ?? day(r.int(200))) : day(r.int(200));
    const reports: (typeof progressReports.$inferInsert)[] = [];
    const extensions: (typeof extensionRequests.$inferInsert)[] = [];
    const reclassifications: (typeof reclassificationRequests.$inferInsert)[] = [];
    for (const a of assignmentRows) {
      const n = r.int(4);
      let previous: Date | null = null;
      for (let v = 1; v <= n; v++) {
        const state = r.pick(['completed', 'completed', 'in-progress', 'not-started', 'cannot-complete'] as const);
        // Some versions share the instant of the previous one: ties are resolved by version in both paths.
        const acceptedAt: Date = previous && r.next() < 0.15 ? previous : instant(r);
        previous = acceptedAt;
        const status = r.pick(['accepted', 'accepted', 'accepted', 'returned'] as const);
        reports.push({
          id: `${a.id}-r${v}`,
          assignmentId: a.id as string,
          taskId: a.taskId as string,
          agencyId: a.agencyId as string,
          role: a.role as string,
          period: acceptedAt.toISOString().slice(0, 7),
          version: v,
          state,
          completedOn: state === 'completed' && r.next() > 0.2 ? completionDay(a.taskId as string) : null,
          workflowStatus: status,
          acceptedAt: status === 'accepted' ? acceptedAt : null,
        });
      }
      if (r.next() < 0.15) {
        const granted = r.next() > 0.3;
        extensions.push({
          id: `${a.id}-e`,
          assignmentId: a.id as string,
          taskId: a.taskId as string,
          agencyId: a.agencyId as string,
          requestedDue: day(r.int(220)),
          grantedDue: granted ? day(r.int(220)) : null,
          reasons: 'thử',
          status: granted ? 'granted' : 'refused',
          decidedAt: instant(r),
        });
      }
      if (r.next() < 0.1) {
        const toCompleted = r.next() > 0.5;
        const sameAsReport = reports.find((x) => x.assignmentId === a.id && x.acceptedAt);
        reclassifications.push({
          id: `${a.id}-c`,
          assignmentId: a.id as string,
          taskId: a.taskId as string,
          agencyId: a.agencyId as string,
          fromCategory: 'overdue',
          toCategory: toCompleted ? 'completed' : 'inProgress',
          reasons: 'thử',
          completedOn: toCompleted ? completionDay(a.taskId as string) : null,
          proposedDue: toCompleted ? null : day(r.int(220)),
          status: r.next() > 0.3 ? 'granted' : 'refused',
          // Now and then exactly when a report was accepted: a tie both paths must break the same way.
          decidedAt: sameAsReport && r.next() < 0.3 ? (sameAsReport.acceptedAt as Date) : instant(r),
        });
      }
    }
    await db.insert(progressReports).values(reports);
    if (extensions.length > 0) {
      await db.insert(extensionRequests).values(extensions);
    }
    if (reclassifications.length > 0) {
      await db.insert(reclassificationRequests).values(reclassifications);
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  const dates = ['2025-04-01', '2025-05-31', '2025-06-30', '2025-07-01', '2025-08-15', '2025-10-31', '2026-01-01'];

  it('counts, groups by agency and by directive, against original deadlines and per period', async () => {
    const deps = { db: handle.db, storage };
    let nonZero = 0;
    for (const asOf of dates) {
      for (const by of [null, 'agency', 'directive'] as const) {
        for (const scope of [{}, { directiveId: 'eq-d2' }]) {
          const reference = await summarizeInTypeScript(deps, scope, asOf, by);
          const hybrid = await summarizeHybrid(deps, scope, asOf, by);
          expect(normalize(hybrid.summary)).toEqual(normalize(reference.summary));
          nonZero += STATUS_CATEGORIES.filter((c) => reference.summary.counts[c] > 0).length;
        }
      }
    }
    // The data exercise every category somewhere.
    expect(nonZero).toBeGreaterThan(dates.length * 6);
  });

  it('lead statuses (closed, open in a window) and category lists agree', async () => {
    const deps = { db: handle.db, storage };
    for (const asOf of ['2025-06-30', '2025-09-15']) {
      const evaluations = await evaluateScope(deps, {}, asOf);
      const leads = evaluations.flatMap((e) => e.leads.map((l) => ({ ...l, taskId: e.taskId })));
      const closed = await listLeadStatuses(deps, {}, asOf, 'closed');
      expect(closed.map((c) => c.assignmentId).sort()).toEqual(
        leads
          .filter((l) => l.status.state === 'completed')
          .map((l) => l.assignmentId)
          .sort(),
      );
      const window = { from: '2025-06-01', to: '2025-09-30' };
      const open = await listLeadStatuses(deps, {}, asOf, 'open-with-due-between', window);
      const expected = leads.filter(
        (l) =>
          l.status.state !== 'completed' &&
          l.status.effectiveDue !== null &&
          l.status.effectiveDue >= window.from &&
          l.status.effectiveDue <= window.to,
      );
      expect(open.map((o) => `${o.assignmentId}:${o.category}`).sort()).toEqual(
        expected.map((l) => `${l.assignmentId}:${l.status.category}`).sort(),
      );
      for (const category of ['overdue', 'completedLate', 'inProgress'] as const) {
        const listed = await listTasksInCategory(deps, { asOf, category, page: 1, pageSize: 1000 });
        expect(listed.items.map((i) => i.taskId).sort()).toEqual(
          evaluations
            .filter((e) => e.status.category === category)
            .map((e) => e.taskId)
            .sort(),
        );
      }
    }
  });
});
