import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle, Db } from '@server/db/client';
import {
  agencies,
  assignments,
  auditLog,
  directives,
  reportedFacts,
  taskHistory,
  tasks,
} from '@server/db/schema/index';
import { AppError } from '@server/lib/app-error';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { createRestructuring } from '@server/modules/agencies/restructuring.service';
import { ensureReferenceAgencies } from '@server/modules/demo/reference-data';
import type { ImportResult } from '@shared/contracts/imports';
import { createTestDatabase, shouldSkipDbTests } from '@test/test-db';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportDeps, runImport } from './imports.service';

const SEEDS = path.resolve('fixtures/seeds');
const seed = (name: string) => ({ fileName: name, bytes: fs.readFileSync(path.join(SEEDS, name)) });
const SEED_001 = '001_da84f1939d876bb4.txt';
const SEED_003 = '003_91d23172b64b6307.txt';

async function countRows(db: Db) {
  const [t] = await db.select({ n: count() }).from(tasks);
  const [a] = await db.select({ n: count() }).from(assignments);
  const [d] = await db.select({ n: count() }).from(directives);
  return { tasks: t?.n ?? 0, assignments: a?.n ?? 0, directives: d?.n ?? 0 };
}

describe.skipIf(shouldSkipDbTests())('import pipeline on a real database', () => {
  let handle: DatabaseHandle;
  let deps: ImportDeps;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await ensureReferenceAgencies(handle.db);
    deps = { db: handle.db, storage: createMemoryFileStorage(), clock: fixedClock('2025-07-20T02:00:00Z') };
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('a dry run reports what it would create and leaves the database unchanged', async () => {
    const before = await countRows(handle.db);
    const result = await runImport(deps, [seed(SEED_001)], { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.summary.created).toBeGreaterThan(300);
    expect(result.summary.created).toBe(result.summary.tasks);
    expect(await countRows(handle.db)).toEqual(before);
  });

  it('imports seed 001: PL02 and PL06 §1 give the same 30 tasks, not 60', async () => {
    const result = await runImport(deps, [seed(SEED_001)], { dryRun: false });
    const pl02 = result.lists.find((l) => l.title.includes('QUÁ HẠN TRONG 06 THÁNG'));
    const pl06 = result.lists.find((l) => l.title.includes('ĐANG THỰC HIỆN QUÁ HẠN'));
    expect(pl02?.tasks).toHaveLength(30);
    expect(pl06?.tasks).toHaveLength(30);
    expect(new Set(pl06?.tasks.map((t) => t.id))).toEqual(new Set(pl02?.tasks.map((t) => t.id)));
    const rows = await countRows(handle.db);
    expect(rows.tasks).toBe(result.summary.tasks);
    expect(rows.assignments).toBeGreaterThan(rows.tasks);
    const [audit] = await handle.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'import.apply'));
    expect(audit?.n).toBe(1);
  });

  it('assigns collective leads to the agencies as constituted on the deadline, even where names were reused', async () => {
    // 001 PL02 row 3: "Các bộ, ngành, địa phương", due 31/5/2025 — before the 34-province map took effect.
    const rows = await handle.db
      .select({ validFrom: agencies.validFrom, validTo: agencies.validTo })
      .from(assignments)
      .innerJoin(tasks, eq(tasks.id, assignments.taskId))
      .innerJoin(agencies, eq(agencies.id, assignments.agencyId))
      .where(
        and(
          eq(assignments.role, 'lead'),
          eq(agencies.kind, 'province'),
          eq(tasks.deadlineDue, '2025-05-31'),
          sql`${tasks.text} like 'Nâng cấp, hoàn thiện hạ tầng công nghệ thông tin%'`,
        ),
      );
    expect(rows).toHaveLength(63);
    for (const r of rows) {
      expect(r.validFrom === null || r.validFrom <= '2025-05-31').toBe(true);
      expect(r.validTo === null || r.validTo >= '2025-05-31').toBe(true);
    }
  });

  it('importing the same file twice changes nothing', async () => {
    const before = await countRows(handle.db);
    const again = await runImport(deps, [seed(SEED_001)], { dryRun: false });
    expect(again.summary.created).toBe(0);
    expect(again.summary.updated).toBe(0);
    expect(again.summary.unchanged).toBe(again.summary.tasks);
    expect(await countRows(handle.db)).toEqual(before);
  });

  it('a re-import of an edited file updates the task in place and keeps the old version', async () => {
    const original = fs.readFileSync(path.join(SEEDS, SEED_003), 'utf8');
    const first = await runImport(deps, [{ fileName: SEED_003, bytes: Buffer.from(original) }], { dryRun: false });
    const all = first.lists.flatMap((l) => l.tasks);
    const target = all.find((t) => t.deadline.raw.length > 0 && t.text.length > 40);
    expect(target).toBeDefined();
    if (!target) {
      return;
    }
    const edited = original.replace(target.deadline.raw, 'Tháng 12/2026');
    expect(edited).not.toBe(original);
    const second: ImportResult = await runImport(deps, [{ fileName: SEED_003, bytes: Buffer.from(edited) }], {
      dryRun: false,
    });
    expect(second.summary.created).toBe(0);
    expect(second.summary.updated).toBeGreaterThanOrEqual(1);
    const [row] = await handle.db.select().from(tasks).where(eq(tasks.id, target.id));
    expect(row?.deadlineDue).toBe('2026-12-31');
    expect(row?.version).toBe(2);
    const history = await handle.db.select().from(taskHistory).where(eq(taskHistory.taskId, target.id));
    expect(history).toHaveLength(1);
    expect(history[0]?.before).toMatchObject({ deadlineRaw: target.deadline.raw });
  });

  it('a file that cannot be read fails the whole import and changes nothing', async () => {
    const before = await countRows(handle.db);
    const garbage = { fileName: 'hong.docx', bytes: Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x00, 0x01]) };
    const attempt = runImport(deps, [seed(SEED_003), garbage], { dryRun: false });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'IMPORT_FAILED' });
    expect(await countRows(handle.db)).toEqual(before);
    const preview = await runImport(deps, [garbage], { dryRun: true });
    expect(preview.problems.map((p) => p.code)).toContain('NOT_A_DOCX');
  });

  it('a re-import after a merge keeps the open work with the successor agency', async () => {
    const bytes = fs.readFileSync(path.join(SEEDS, SEED_003));
    await runImport(deps, [{ fileName: SEED_003, bytes }], { dryRun: false });
    const [lead] = await handle.db
      .select({ taskId: assignments.taskId, agencyId: assignments.agencyId })
      .from(assignments)
      .innerJoin(tasks, eq(tasks.id, assignments.taskId))
      .innerJoin(reportedFacts, eq(reportedFacts.taskId, tasks.id))
      // Open work only: completed work stays with the agency that did it.
      .where(
        and(
          eq(assignments.role, 'lead'),
          eq(assignments.isActive, true),
          eq(reportedFacts.kind, 'status'),
          sql`${reportedFacts.value} #>> '{}' = 'Đang thực hiện'`,
        ),
      )
      .limit(1);
    expect(lead).toBeDefined();
    if (!lead) {
      return;
    }
    const [other] = await handle.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, 'Bộ Y tế'));
    const actor = { userId: 'u-test', agencyId: lead.agencyId, roles: ['standing-office' as const], ip: null };
    // Effective after "today" (the resolver's date), so the old name still resolves to the old agency on re-import.
    const merged = await createRestructuring({ db: handle.db, clock: deps.clock }, actor, {
      kind: 'merge',
      effectiveOn: '2099-01-01',
      legalBasis: { number: 'Nghị quyết 999/2025/QH15', date: '2025-08-15' },
      predecessorIds: [lead.agencyId, other?.id ?? ''],
      successors: [{ newAgency: { name: 'Cơ quan hợp nhất thử nghiệm', shortName: 'Hợp nhất' } }],
      mode: 'apply',
    });
    const successorId = merged.event.successors[0]?.id;
    await runImport(deps, [{ fileName: SEED_003, bytes }], { dryRun: false });
    const active = await handle.db
      .select({ agencyId: assignments.agencyId })
      .from(assignments)
      .where(and(eq(assignments.taskId, lead.taskId), eq(assignments.role, 'lead'), eq(assignments.isActive, true)));
    const activeIds = active.map((a) => a.agencyId);
    expect(activeIds).toContain(successorId);
    expect(activeIds).not.toContain(lead.agencyId);
  });
});
