import type { DbOrTx } from '@server/db/client';
import { agencies, agencyAliases, agencyGroups, agencySuccessions } from '@server/db/schema/agencies';
import { assignments } from '@server/db/schema/tasks';
import type { AgencyKind } from '@shared/contracts/agencies';
import { and, asc, count, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type {
  AgencyAliasKind,
  AgencyRegisterSnapshot,
  RegisterAgency,
  RegisterGroup,
  RegisterSuccession,
  SuccessionKind,
} from './agency-resolver';

export type AgencyRow = typeof agencies.$inferSelect;
export type AgencyAliasRow = typeof agencyAliases.$inferSelect;
export type AgencyInsert = typeof agencies.$inferInsert;
export type AgencyAliasInsert = typeof agencyAliases.$inferInsert;
export type AgencySuccessionRow = typeof agencySuccessions.$inferSelect;
export type AgencyGroupRow = typeof agencyGroups.$inferSelect;

const BATCH = 500;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await write(rows.slice(i, i + BATCH));
  }
}

export async function selectAllAgencies(db: DbOrTx): Promise<AgencyRow[]> {
  return db.select().from(agencies);
}

export async function selectAllAliases(db: DbOrTx): Promise<AgencyAliasRow[]> {
  return db.select().from(agencyAliases);
}

export async function selectAllSuccessions(db: DbOrTx): Promise<AgencySuccessionRow[]> {
  return db.select().from(agencySuccessions);
}

export async function selectAllGroups(db: DbOrTx): Promise<AgencyGroupRow[]> {
  return db.select().from(agencyGroups).orderBy(asc(agencyGroups.position));
}

export async function insertAgencies(db: DbOrTx, rows: AgencyInsert[]): Promise<void> {
  await inBatches(rows, (batch) => db.insert(agencies).values(batch));
}

export async function updateAgency(db: DbOrTx, id: string, values: Partial<AgencyInsert>): Promise<void> {
  await db.update(agencies).set(values).where(eq(agencies.id, id));
}

export async function insertAliases(db: DbOrTx, rows: AgencyAliasInsert[]): Promise<void> {
  await inBatches(rows, (batch) => db.insert(agencyAliases).values(batch));
}

export async function updateAlias(db: DbOrTx, id: string, values: Partial<AgencyAliasInsert>): Promise<void> {
  await db.update(agencyAliases).set(values).where(eq(agencyAliases.id, id));
}

export async function upsertSuccessions(db: DbOrTx, rows: (typeof agencySuccessions.$inferInsert)[]): Promise<void> {
  await inBatches(rows, (batch) =>
    db
      .insert(agencySuccessions)
      .values(batch)
      .onConflictDoUpdate({
        target: agencySuccessions.id,
        set: {
          kind: sql`excluded.kind`,
          legalBasis: sql`excluded.legal_basis`,
          note: sql`excluded.note`,
          effectiveOn: sql`excluded.effective_on`,
        },
      }),
  );
}

export async function upsertGroups(db: DbOrTx, rows: (typeof agencyGroups.$inferInsert)[]): Promise<void> {
  await inBatches(rows, (batch) =>
    db
      .insert(agencyGroups)
      .values(batch)
      .onConflictDoUpdate({
        target: agencyGroups.id,
        set: {
          name: sql`excluded.name`,
          rule: sql`excluded.rule`,
          aliases: sql`excluded.aliases`,
          position: sql`excluded.position`,
        },
      }),
  );
}

/** The whole register as a resolver snapshot. */
export async function readRegisterSnapshot(db: DbOrTx): Promise<AgencyRegisterSnapshot> {
  const [agencyRows, aliasRows, successionRows, groupRows] = [
    await selectAllAgencies(db),
    await selectAllAliases(db),
    await selectAllSuccessions(db),
    await selectAllGroups(db),
  ];
  const aliasesByAgency = new Map<string, RegisterAgency['aliases']>();
  for (const a of aliasRows) {
    const list = aliasesByAgency.get(a.agencyId) ?? [];
    list.push({ alias: a.alias, folded: a.aliasFolded, kind: a.kind as AgencyAliasKind });
    aliasesByAgency.set(a.agencyId, list);
  }
  const registerAgencies: RegisterAgency[] = agencyRows.map((r) => ({
    id: r.id,
    name: r.name,
    shortName: r.shortName,
    kind: r.kind as AgencyKind,
    parentId: r.parentId,
    code: r.code,
    validFrom: r.validFrom,
    validTo: r.validTo,
    note: r.note,
    aliases: aliasesByAgency.get(r.id) ?? [],
  }));
  const successions: RegisterSuccession[] = successionRows.map((s) => ({
    id: s.id,
    predecessorId: s.predecessorId,
    successorId: s.successorId,
    effectiveOn: s.effectiveOn,
    kind: s.kind as SuccessionKind,
    legalBasis: s.legalBasis,
    note: s.note,
  }));
  const groups: RegisterGroup[] = groupRows.map((g) => ({
    id: g.id,
    name: g.name,
    rule: g.rule,
    aliases: g.aliases,
    position: g.position,
  }));
  return { agencies: registerAgencies, successions, groups };
}

export type AgencyListFilter = {
  qFolded?: string | undefined;
  kind?: AgencyKind | undefined;
  asOf?: string | undefined;
  parentId?: string | undefined;
  assignedOnly?: boolean | undefined;
  limit: number;
  offset: number;
};

function listConditions(filter: AgencyListFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.kind) {
    conditions.push(eq(agencies.kind, filter.kind));
  }
  if (filter.parentId) {
    conditions.push(eq(agencies.parentId, filter.parentId));
  }
  if (filter.asOf) {
    conditions.push(or(isNull(agencies.validFrom), lte(agencies.validFrom, filter.asOf)));
    conditions.push(or(isNull(agencies.validTo), gte(agencies.validTo, filter.asOf)));
  }
  if (filter.qFolded) {
    const pattern = `%${filter.qFolded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        sql`${agencies.nameFolded} like ${pattern}`,
        sql`exists (select 1 from ${agencyAliases} where ${agencyAliases.agencyId} = ${agencies.id} and ${agencyAliases.aliasFolded} like ${pattern})`,
      ),
    );
  }
  if (filter.assignedOnly) {
    conditions.push(sql`exists (select 1 from ${assignments} where ${assignments.agencyId} = ${agencies.id})`);
  }
  return and(...conditions);
}

/** One page of agencies matching the filter, ordered by kind then name, and the total count. */
export async function selectAgencyPage(
  db: DbOrTx,
  filter: AgencyListFilter,
): Promise<{ rows: AgencyRow[]; total: number }> {
  const where = listConditions(filter);
  const kindOrder = sql`case ${agencies.kind}
    when 'ministry' then 0 when 'ministerial-agency' then 1 when 'government-agency' then 2 when 'province' then 3
    when 'party-body' then 4 when 'provincial-department' then 5 when 'commune' then 6 when 'enterprise' then 7
    else 8 end`;
  const rows = await db
    .select()
    .from(agencies)
    .where(where)
    .orderBy(kindOrder, asc(agencies.code), asc(agencies.name), asc(agencies.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [totalRow] = await db.select({ n: count() }).from(agencies).where(where);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export async function selectAgencyById(db: DbOrTx, id: string): Promise<AgencyRow | undefined> {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  return row;
}

export async function selectAgenciesByIds(db: DbOrTx, ids: string[]): Promise<AgencyRow[]> {
  if (ids.length === 0) {
    return [];
  }
  return db.select().from(agencies).where(inArray(agencies.id, ids));
}

export async function selectAliasesOf(db: DbOrTx, agencyId: string): Promise<AgencyAliasRow[]> {
  return db.select().from(agencyAliases).where(eq(agencyAliases.agencyId, agencyId)).orderBy(asc(agencyAliases.alias));
}

export async function selectSuccessionsTouching(
  db: DbOrTx,
  agencyId: string,
): Promise<{ asSuccessor: AgencySuccessionRow[]; asPredecessor: AgencySuccessionRow[] }> {
  const asSuccessor = await db
    .select()
    .from(agencySuccessions)
    .where(eq(agencySuccessions.successorId, agencyId))
    .orderBy(asc(agencySuccessions.effectiveOn));
  const asPredecessor = await db
    .select()
    .from(agencySuccessions)
    .where(eq(agencySuccessions.predecessorId, agencyId))
    .orderBy(asc(agencySuccessions.effectiveOn));
  return { asSuccessor, asPredecessor };
}

export async function countChildren(db: DbOrTx, agencyId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(agencies).where(eq(agencies.parentId, agencyId));
  return Number(row?.n ?? 0);
}
