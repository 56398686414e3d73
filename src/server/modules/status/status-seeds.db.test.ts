import fs from 'node:fs';
import path from 'node:path';
import { type DatabaseHandle, queryRows } from '@server/db/client';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage, type FileStorage } from '@server/lib/file-storage';
import { runImport } from '@server/modules/imports/imports.service';
import { createTestDatabase, shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskEvaluation } from './compute-status';
import { evaluateScope, getStatusSummary, getTaskStatus } from './status.service';

const SEEDS = path.resolve('fixtures/seeds');

async function listTasks(handle: DatabaseHandle, titleLike: string) {
  return queryRows<{ task_id: string; row: number; facts: Record<string, unknown> }>(
    handle.db,
    sql`select o.task_id, o.row,
          coalesce((select jsonb_object_agg(rf.kind, rf.value) from reported_facts rf
                    where rf.task_id = o.task_id and rf.list_id = o.list_id), '{}'::jsonb) as facts
        from task_occurrences o join source_lists l on l.id = o.list_id
        where l.title like ${titleLike} order by o.row`,
  );
}

describe.skipIf(shouldSkipDbTests())('status engine on the seed documents', () => {
  let handle: DatabaseHandle;
  let storage: FileStorage;
  let byTask: (asOf: string) => Promise<Map<string, TaskEvaluation>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    storage = createMemoryFileStorage();
    const files = fs
      .readdirSync(SEEDS)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => ({ fileName: f, bytes: fs.readFileSync(path.join(SEEDS, f)) }));
    await runImport({ db: handle.db, storage, clock: fixedClock('2025-07-20T02:00:00Z') }, files, { dryRun: false });
    byTask = async (asOf) =>
      new Map((await evaluateScope({ db: handle.db, storage }, {}, asOf)).map((e) => [e.taskId, e]));
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('as of 30/6/2025 every task of 001 PL01 ("ĐÃ HOÀN THÀNH TRONG 06 THÁNG ĐẦU NĂM 2025") is completed', async () => {
    const pl01 = await listTasks(handle, 'PHỤ LỤC 01:%');
    expect(pl01).toHaveLength(76);
    const status = await byTask('2025-06-30');
    const categories = pl01.map((t) => status.get(t.task_id)?.status.category);
    expect(categories.every((c) => c === 'completedOnTime' || c === 'completedLate' || c === 'completedUndated')).toBe(
      true,
    );
    // Row 1: due Tháng 4/2025, done by "Quyết định số 1169/QĐ-TTg ngày 16/6/2025" → late; row 21: due Tháng 9/2025,
    // "Nghị định số 97/2025/NĐ-CP ngày 5/5/2025" → on time (seed notes §4.2).
    const row = (n: number) => status.get(pl01.find((t) => t.row === n)?.task_id ?? '')?.status;
    expect(row(1)?.category).toBe('completedLate');
    expect(row(1)?.completedOn).toBe('2025-06-16');
    expect(row(21)?.category).toBe('completedOnTime');
    // The day before the period's statements count, none of them is completed by PL01.
    const before = await byTask('2025-05-23');
    expect(pl01.filter((t) => before.get(t.task_id)?.status.state === 'completed').length).toBeLessThan(76);
  });

  it('001 PL02: 143 (task, unit) pairs not completed; overdue where the deadline had passed, discrepancy where not', async () => {
    const pl02 = await listTasks(handle, 'PHỤ LỤC 02:%');
    expect(pl02).toHaveLength(30);
    const status = await byTask('2025-06-30');
    const evaluations = pl02.map((t) => status.get(t.task_id) as TaskEvaluation);
    // Fact 9: rows 1–29 list 143 units; row 30 lists none, so its not-completed lead is named instead.
    expect(evaluations.slice(0, 29).reduce((n, e) => n + e.unitsNotCompleted.length, 0)).toBe(143);
    expect(Math.max(...evaluations.map((e) => e.unitsNotCompleted.length))).toBe(17);
    expect(evaluations[29]?.unitsNotCompleted.map((u) => u.name)).toEqual(['Bộ Công an']);
    // Row 3 (Nghị định 107/2021, 31/5/2025): exactly the ten units the document names.
    const row3 = evaluations[2] as TaskEvaluation;
    expect(row3.unitsNotCompleted.map((u) => u.name).sort()).toEqual(
      [
        'Bộ Dân tộc và Tôn giáo',
        'Bộ Giáo dục và Đào tạo',
        'Bộ Nông nghiệp và Môi trường',
        'Bộ Tài chính',
        'Bộ Y tế',
        'Tỉnh Bắc Ninh',
        'Tỉnh Hà Tĩnh',
        'Tỉnh Ninh Bình',
        'Tỉnh Thanh Hóa',
        'Tỉnh Đồng Nai',
      ].sort(),
    );
    // Fact 7: 14 deadlines before 30/6 are overdue; 15 due 30/6 and one due 1/7 were still within the deadline on
    // 30/6 (23:59:59 on the due day is on time) — the list's "quá hạn" is shown as a discrepancy for each of them.
    const overdue = evaluations.filter((e) => e.status.category === 'overdue');
    const inTime = evaluations.filter((e) => e.status.category === 'inProgress');
    expect(overdue).toHaveLength(14);
    expect(inTime).toHaveLength(16);
    for (const e of inTime) {
      expect(e.discrepancies.map((d) => d.kind)).toContain('claimed-overdue-not-due');
    }
    for (const e of overdue) {
      expect(e.discrepancies.map((d) => d.kind)).not.toContain('claimed-overdue-not-due');
    }
    // As of the report's own date (18/7/2025) all 30 are overdue, as the document says.
    const later = await byTask('2025-07-18');
    expect(pl02.every((t) => later.get(t.task_id)?.status.category === 'overdue')).toBe(true);
  });

  it('001 PL02 row 3 vs 003 Phụ lục 1 row 24: the contradiction is shown, not hidden', async () => {
    const pl02 = await listTasks(handle, 'PHỤ LỤC 02:%');
    const p1 = await listTasks(handle, 'Phụ lục 1:%');
    const taskId = pl02[2]?.task_id as string;
    expect(p1.find((t) => t.row === 24)?.task_id).toBe(taskId);
    const at0524 = await getTaskStatus({ db: handle.db, storage }, taskId, '2025-05-24');
    expect(at0524.category).toBe('completedOnTime');
    expect(at0524.discrepancies.filter((d) => d.kind === 'completion-contradicted')).toHaveLength(0);
    const at0630 = await getTaskStatus({ db: handle.db, storage }, taskId, '2025-06-30');
    expect(at0630.category).toBe('overdue');
    const contradiction = at0630.discrepancies.find((d) => d.kind === 'completion-contradicted');
    expect(contradiction?.units).toHaveLength(10);
    expect(contradiction?.sources[0]).toContain('Phụ lục 1 · hàng 24');
    expect(contradiction?.sources[1]).toContain('PHỤ LỤC 02 · hàng 3');
    expect(at0630.statements.map((s) => [s.statedOn, s.claim])).toContainEqual(['2025-05-24', 'completed']);
  });

  it('cut-off rule reproduces 003 Phụ lục 1 as of 24/5/2025 (fact 19) and shows its 22/13/02 vs 21/14/2', async () => {
    const p1 = await listTasks(handle, 'Phụ lục 1:%');
    expect(p1).toHaveLength(37);
    const status = await byTask('2025-05-24');
    const byWord = (word: string) =>
      p1.filter((t) => t.facts.status === word).map((t) => status.get(t.task_id)?.status.category);
    expect(byWord('Đang thực hiện')).toEqual(Array(14).fill('inProgress'));
    expect(byWord('Quá hạn')).toEqual(['overdue', 'overdue']);
    const done = byWord('Hoàn thành');
    expect(done).toHaveLength(21);
    expect(done.every((c) => c?.startsWith('completed'))).toBe(true);
    const summary = await getStatusSummary({ db: handle.db, storage }, { asOf: '2025-05-24' });
    const mismatch = summary.discrepancies.filter((d) => d.kind === 'stated-totals-mismatch');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]?.message).toContain('22 hoàn thành / 13 đang thực hiện trong hạn / 2 quá hạn');
    expect(mismatch[0]?.message).toContain('21 / 14 / 2');
  });

  it('the summary groups by directive and by agency and keeps its counts consistent', async () => {
    const total = await getStatusSummary({ db: handle.db, storage }, { asOf: '2025-06-30' });
    const byDirective = await getStatusSummary({ db: handle.db, storage }, { asOf: '2025-06-30', by: 'directive' });
    const byAgency = await getStatusSummary(
      { db: handle.db, storage },
      { asOf: '2025-06-30', by: 'agency', directive: '71/NQ-CP' },
    );
    const sum = (groups: { total: number }[] = []) => groups.reduce((n, g) => n + g.total, 0);
    expect(sum(byDirective.groups)).toBe(total.tasks);
    expect(byDirective.overdue).toBe(total.overdue);
    expect(byAgency.directive?.key).toBe('71/NQ-CP');
    expect(byAgency.groupUnit).toBe('assignment');
    const most = byAgency.groups?.[0];
    expect(most?.name).toBe('Bộ Khoa học và Công nghệ');
    expect(total.discrepancies.some((d) => d.kind === 'completion-contradicted')).toBe(true);
    expect(
      total.completedOnTime + total.completedLate + total.completedUndated + total.inProgress + total.overdue,
    ).toBe(total.tasks - total.recurring - total.noDeadline);
  });
});
