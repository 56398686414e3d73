import type { DatabaseHandle } from '@server/db/client';
import { queryRows } from '@server/db/client';
import { loadReferenceAgencies } from '@server/modules/agencies/agencies.service';
import { createTestDatabase, shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintDataset, GenerateTargetNotEmptyError, generateDataset } from './generate-dataset';

const SMALL = { agencies: 50, tasks: 200, seed: 7 };

describe.skipIf(shouldSkipDbTests())('generateDataset', () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let other: DatabaseHandle;
  beforeAll(async () => {
    [first, second, other] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close(), other?.close()]);
  });

  it('writes the requested sizes and reports its speed', async () => {
    const result = await generateDataset(first.db, SMALL);
    expect(result.counts.agencies).toBe(50);
    expect(result.counts.tasks).toBe(200);
    expect(result.counts.directives).toBe(5);
    expect(result.counts.taskKeys).toBe(200);
    expect(result.rows).toBe(Object.values(result.counts).reduce((a, b) => a + b, 0));
    expect(result.rowsPerSecond).toBeGreaterThan(0);
    const [counted] = await queryRows<{ tasks: number; assignments: number }>(
      first.db,
      sql`select (select count(*) from tasks)::int as tasks, (select count(*) from assignments)::int as assignments`,
    );
    expect(counted).toEqual({ tasks: 200, assignments: result.counts.assignments });
  });

  it('gives identical rows for the same seed and different rows for another seed', async () => {
    await generateDataset(second.db, SMALL);
    await generateDataset(other.db, { ...SMALL, seed: 8 });
    const a = await fingerprintDataset(first.db);
    const b = await fingerprintDataset(second.db);
    const c = await fingerprintDataset(other.db);
    expect(b).toEqual(a);
    expect(c.tasks).not.toBe(a.tasks);
    expect(c.assignments).not.toBe(a.assignments);
    // Agencies come from the reference register and do not depend on the seed.
    expect(c.agencies).toBe(a.agencies);
  });

  it('gives every task a lead and a normalized deadline consistent with its kind', async () => {
    const tasksWithoutLead = await queryRows<{ id: string }>(
      first.db,
      sql`select t.id from tasks t where not exists (select 1 from assignments a where a.task_id = t.id and a.role = 'lead')`,
    );
    expect(tasksWithoutLead).toEqual([]);
    const kinds = await queryRows<{ kind: string; n: number; with_due: number; with_raw: number }>(
      first.db,
      sql`select deadline_kind as kind, count(*)::int as n, count(deadline_due)::int as with_due,
            count(deadline_raw)::int as with_raw
          from tasks group by deadline_kind order by deadline_kind`,
    );
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k]));
    for (const kind of ['date', 'month', 'quarter', 'year', 'recurring', 'none']) {
      expect(byKind[kind]?.n, kind).toBeGreaterThan(0);
    }
    for (const kind of ['date', 'month', 'quarter', 'year']) {
      expect(byKind[kind]?.with_due).toBe(byKind[kind]?.n);
    }
    expect(byKind.recurring?.with_due).toBe(0);
    expect(byKind.none).toMatchObject({ with_due: 0, with_raw: 0 });
  });

  it('writes Vietnamese text in NFC with a folded search key', async () => {
    const rows = await queryRows<{ text: string; text_folded: string; lead_text: string }>(
      first.db,
      sql`select text, text_folded, lead_text from tasks order by position, id limit 50`,
    );
    expect(rows.length).toBe(50);
    for (const row of rows) {
      expect(row.text.normalize('NFC')).toBe(row.text);
      expect(row.text_folded).toMatch(/^[a-z0-9 ]+$/);
    }
    expect(rows.some((r) => /[ăâđêôơư]/u.test(r.text))).toBe(true);
  });

  it('refuses a database that already has tasks', async () => {
    await expect(generateDataset(first.db, SMALL)).rejects.toBeInstanceOf(GenerateTargetNotEmptyError);
  });

  it('shares ids with the reference register, so loading it afterwards adds no duplicate', async () => {
    const [before] = await queryRows<{ n: number }>(other.db, sql`select count(*)::int as n from agencies`);
    const loaded = await loadReferenceAgencies(other.db);
    expect(loaded.unchanged + loaded.updated).toBeGreaterThanOrEqual(40);
    const [after] = await queryRows<{ n: number; most: number }>(
      other.db,
      sql`select count(*)::int as n, count(*) filter (where name = 'Bộ Khoa học và Công nghệ')::int as most from agencies`,
    );
    expect(after?.most).toBe(1);
    expect(after?.n).toBe((before?.n ?? 0) + loaded.created);
  });
});
