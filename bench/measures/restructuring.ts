import fs from 'node:fs';
import path from 'node:path';
import { type Db, migrateDatabase, openDatabase, queryRows } from '@server/db/client';
import { assignments, users } from '@server/db/schema/index';
import { systemClock } from '@server/lib/clock';
import { stableId } from '@server/lib/ids';
import { createRestructuring, previewRestructuring } from '@server/modules/agencies/restructuring.service';
import type { RestructuringInput } from '@shared/contracts/restructuring';
import { sql } from 'drizzle-orm';
import type { BenchMeasure } from '../bench-context';
import { perSecond, round } from '../lib/stats';

const OPEN_ASSIGNMENTS = 5000;
const USERS_PER_PROVINCE = 10;

type Province = { id: string; name: string; n: number };

/** The two provinces (valid today) that hold the most active assignments in the generated dataset. */
async function pickProvinces(db: Db): Promise<[Province, Province]> {
  const rows = await queryRows<Province>(
    db,
    sql`select g.id, g.name, count(a.id)::int as n from agencies g
        left join assignments a on a.agency_id = g.id and a.is_active
        where g.kind = 'province' and g.valid_to is null
        group by g.id, g.name order by n desc, g.id limit 2`,
  );
  const [first, second] = rows;
  if (!first || !second) {
    throw new Error('the generated dataset has fewer than two provinces');
  }
  return [first, second];
}

/**
 * Tops the two provinces up to `OPEN_ASSIGNMENTS` active assignments between them (coordinator rows on tasks
 * neither holds yet), plus a few accounts each, so the merge moves a known amount of work.
 */
async function topUp(db: Db, provinces: [Province, Province]): Promise<number> {
  const missing = OPEN_ASSIGNMENTS - provinces[0].n - provinces[1].n;
  if (missing > 0) {
    const free = await queryRows<{ id: string }>(
      db,
      sql`select t.id from tasks t where not exists (
            select 1 from assignments a where a.task_id = t.id and a.agency_id in (${provinces[0].id}, ${provinces[1].id})
          ) order by t.id limit ${missing}`,
    );
    const rows = free.map((task, i) => {
      const agencyId = (i % 2 === 0 ? provinces[0] : provinces[1]).id;
      return {
        id: stableId('bench-assignment', `${task.id}|${agencyId}`),
        taskId: task.id,
        agencyId,
        role: 'coordinator',
      };
    });
    for (let i = 0; i < rows.length; i += 1000) {
      await db.insert(assignments).values(rows.slice(i, i + 1000));
    }
  }
  const accounts = provinces.flatMap((p, k) =>
    Array.from({ length: USERS_PER_PROVINCE }, (_, i) => ({
      id: stableId('bench-user', `${p.id}|${i}`),
      loginName: `bench.tinh${k}.${i}`,
      displayName: `Cán bộ ${p.name} ${i}`,
      agencyId: p.id,
      roles: ['reporter'],
      passwordHash: 'bench-not-a-hash',
    })),
  );
  await db.insert(users).values(accounts).onConflictDoNothing();
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from assignments where is_active and agency_id in (${provinces[0].id}, ${provinces[1].id})`,
  );
  return row?.n ?? 0;
}

/**
 * Time to apply a merge of two provinces holding 5,000 open assignments (issue #4): the preview, the apply (one
 * transaction: close, open, links, transfer every assignment with its audit rows, move the accounts) and a retry of
 * the same apply (idempotent, changes nothing), on a copy of the generated national-scale dataset (PGlite).
 */
export const restructuringMeasure: BenchMeasure = {
  name: 'restructuring',
  description: `merge two provinces with ${OPEN_ASSIGNMENTS} open assignments: preview, apply, retry (PGlite)`,
  async run(ctx) {
    const generated = await ctx.generatedDataDir();
    const dataDir = path.join(ctx.scratchDir, 'restructuring');
    fs.cpSync(generated.dataDir, dataDir, { recursive: true });
    fs.rmSync(path.join(dataDir, 'tiendo.lock'), { force: true });
    const handle = await openDatabase({ dataDir });
    try {
      await migrateDatabase(handle);
      const db = handle.db;
      const provinces = await pickProvinces(db);
      const open = await topUp(db, provinces);
      const input: RestructuringInput = {
        kind: 'merge',
        effectiveOn: '2026-01-01',
        legalBasis: { number: 'Nghị quyết thử nghiệm 1/2025/QH15' },
        predecessorIds: provinces.map((p) => p.id),
        successors: [{ newAgency: { name: `${provinces[0].name} (hợp nhất thử nghiệm)` } }],
      };
      const deps = { db, clock: systemClock };
      ctx.log(`  restructuring: merging ${provinces.map((p) => p.name).join(' + ')} (${open} active assignments)`);
      const t0 = performance.now();
      const preview = await previewRestructuring(deps, null, input);
      const t1 = performance.now();
      const applied = await createRestructuring(deps, null, { ...input, mode: 'apply' });
      const t2 = performance.now();
      const retried = await createRestructuring(deps, null, { ...input, mode: 'apply' });
      const t3 = performance.now();
      if (retried.alreadyApplied !== true) {
        throw new Error('the retried apply was not recognised as already applied');
      }
      const transferred = applied.event.counts?.transferred ?? 0;
      return {
        database: 'pglite',
        provinces: provinces.map((p) => p.name),
        activeAssignments: open,
        transferred,
        completedStaying: applied.event.counts?.completedStaying ?? 0,
        usersMoved: applied.event.counts?.usersMoved ?? 0,
        previewMs: round(t1 - t0, 1),
        previewTransferred: preview.counts.transferred,
        applyMs: round(t2 - t1, 1),
        assignmentsPerSecond: perSecond(transferred, t2 - t1),
        retryMs: round(t3 - t2, 1),
      };
    } finally {
      await handle.close();
    }
  },
};
