import { type DbOrTx, queryRows } from '@server/db/client';
import {
  agencies,
  type indicatorLinks,
  indicatorNationalTargets,
  indicatorRegistrationWindows,
  indicatorReportedAggregates,
  indicators,
  indicatorTargets,
  indicatorValues,
} from '@server/db/schema/index';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';

export type IndicatorRow = typeof indicators.$inferSelect;
export type IndicatorInsert = typeof indicators.$inferInsert;
export type TargetInsert = typeof indicatorTargets.$inferInsert;
export type ValueInsert = typeof indicatorValues.$inferInsert;
export type WindowRow = typeof indicatorRegistrationWindows.$inferSelect;

const CHUNK = 500;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) {
    out.push(rows.slice(i, i + size));
  }
  return out;
}

/** numeric columns arrive as strings; null stays null. */
function num(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}

export async function listIndicatorRows(db: DbOrTx): Promise<IndicatorRow[]> {
  return db.select().from(indicators).orderBy(asc(indicators.code));
}

export async function findIndicatorRowByCode(db: DbOrTx, code: string): Promise<IndicatorRow | null> {
  const [row] = await db.select().from(indicators).where(eq(indicators.code, code));
  return row ?? null;
}

export async function findIndicatorRowById(db: DbOrTx, id: string): Promise<IndicatorRow | null> {
  const [row] = await db.select().from(indicators).where(eq(indicators.id, id));
  return row ?? null;
}

/** Inserts the row unless its code exists; returns whether it was inserted. */
export async function insertIndicatorIfAbsent(db: DbOrTx, row: IndicatorInsert): Promise<boolean> {
  const inserted = await db
    .insert(indicators)
    .values(row)
    .onConflictDoNothing({ target: indicators.code })
    .returning({ id: indicators.id });
  return inserted.length > 0;
}

export async function updateIndicatorRow(db: DbOrTx, id: string, patch: Partial<IndicatorInsert>): Promise<void> {
  await db
    .update(indicators)
    .set({ ...patch, rowVersion: sql`${indicators.rowVersion} + 1` })
    .where(eq(indicators.id, id));
}

export type NationalTargetRow = {
  indicatorId: string;
  year: number;
  value: number;
  valueMax: number | null;
  status: 'adopted' | 'proposed';
  basis: string | null;
  version: number;
};

export async function listNationalTargetRows(db: DbOrTx, indicatorIds: string[]): Promise<NationalTargetRow[]> {
  if (indicatorIds.length === 0) {
    return [];
  }
  const rows = await db
    .select()
    .from(indicatorNationalTargets)
    .where(
      and(inArray(indicatorNationalTargets.indicatorId, indicatorIds), eq(indicatorNationalTargets.isCurrent, true)),
    )
    .orderBy(asc(indicatorNationalTargets.year));
  return rows.map((r) => ({
    indicatorId: r.indicatorId,
    year: r.year,
    value: Number(r.value),
    valueMax: num(r.valueMax),
    status: r.status === 'proposed' ? 'proposed' : 'adopted',
    basis: r.basis,
    version: r.version,
  }));
}

/** The version numbers of an indicator-year's national targets, newest first. */
export async function listNationalTargetVersions(db: DbOrTx, indicatorId: string, year: number): Promise<number[]> {
  const rows = await db
    .select({ version: indicatorNationalTargets.version })
    .from(indicatorNationalTargets)
    .where(and(eq(indicatorNationalTargets.indicatorId, indicatorId), eq(indicatorNationalTargets.year, year)))
    .orderBy(desc(indicatorNationalTargets.version));
  return rows.map((r) => r.version);
}

export async function retireNationalTarget(db: DbOrTx, indicatorId: string, year: number): Promise<void> {
  await db
    .update(indicatorNationalTargets)
    .set({ isCurrent: false, updatedAt: sql`now()` })
    .where(
      and(
        eq(indicatorNationalTargets.indicatorId, indicatorId),
        eq(indicatorNationalTargets.year, year),
        eq(indicatorNationalTargets.isCurrent, true),
      ),
    );
}

export async function insertNationalTarget(db: DbOrTx, row: typeof indicatorNationalTargets.$inferInsert) {
  await db.insert(indicatorNationalTargets).values(row);
}

export type LinkRow = {
  id: string;
  indicatorId: string;
  directiveKey: string | null;
  directiveId: string | null;
  directiveTitle: string | null;
  taskId: string | null;
  taskText: string | null;
  note: string | null;
};

export async function listLinkRows(db: DbOrTx, indicatorIds: string[]): Promise<LinkRow[]> {
  if (indicatorIds.length === 0) {
    return [];
  }
  return queryRows<LinkRow>(
    db,
    sql`select l.id, l.indicator_id as "indicatorId", l.directive_key as "directiveKey", d.id as "directiveId",
          d.title as "directiveTitle", l.task_id as "taskId", t.text as "taskText", l.note
        from indicator_links l
        left join directives d on d.stable_key = l.directive_key
        left join tasks t on t.id = l.task_id
        where l.indicator_id in (${sql.join(
          indicatorIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by l.directive_key nulls last, t.text`,
  );
}

/** Adds links that do not exist yet; returns how many were added. */
export async function insertLinks(db: DbOrTx, rows: (typeof indicatorLinks.$inferInsert)[]): Promise<number> {
  let added = 0;
  for (const row of rows) {
    const target = row.taskId
      ? sql`(indicator_id, task_id) where task_id is not null`
      : sql`(indicator_id, directive_key) where directive_key is not null`;
    const inserted = await queryRows(
      db,
      sql`insert into indicator_links (id, indicator_id, directive_key, task_id, note)
          values (${row.id}, ${row.indicatorId}, ${row.directiveKey ?? null}, ${row.taskId ?? null}, ${row.note ?? null})
          on conflict ${target} do nothing returning id`,
    );
    added += inserted.length;
  }
  return added;
}

/** Links every task whose folded text contains `phrase` (links that exist are kept). */
export async function linkTasksByPhrase(db: DbOrTx, indicatorId: string, phrase: string, note: string): Promise<void> {
  await db.execute(
    sql`insert into indicator_links (id, indicator_id, task_id, note)
        select md5(${indicatorId} || ':' || t.id)::uuid::text, ${indicatorId}, t.id, ${note}
        from tasks t where t.text_folded like ${`%${phrase}%`}
        on conflict (indicator_id, task_id) where task_id is not null do nothing`,
  );
}

export async function findWindow(db: DbOrTx, indicatorId: string, year: number): Promise<WindowRow | null> {
  const [row] = await db
    .select()
    .from(indicatorRegistrationWindows)
    .where(and(eq(indicatorRegistrationWindows.indicatorId, indicatorId), eq(indicatorRegistrationWindows.year, year)));
  return row ?? null;
}

export async function upsertWindow(db: DbOrTx, row: typeof indicatorRegistrationWindows.$inferInsert): Promise<void> {
  await db
    .insert(indicatorRegistrationWindows)
    .values(row)
    .onConflictDoUpdate({
      target: [indicatorRegistrationWindows.indicatorId, indicatorRegistrationWindows.year],
      set: {
        opensOn: row.opensOn,
        closesOn: row.closesOn,
        lockedAt: null,
        lockedByUserId: null,
        updatedAt: sql`now()`,
      },
    });
}

export async function lockWindowRow(db: DbOrTx, id: string, at: Date, userId: string | null): Promise<void> {
  await db
    .update(indicatorRegistrationWindows)
    .set({ lockedAt: at, lockedByUserId: userId, updatedAt: sql`now()` })
    .where(eq(indicatorRegistrationWindows.id, id));
}

export type TargetRow = {
  id: string;
  indicatorId: string;
  indicatorCode: string;
  agencyId: string;
  agencyName: string;
  period: string;
  year: number;
  value: number;
  version: number;
  state: 'active' | 'superseded' | 'pending' | 'rejected';
  source: 'agency' | 'standing-office' | 'import' | 'api';
  reason: string | null;
  sourceRef: string | null;
  supersedesId: string | null;
  requestedAt: Date;
  requestedByUserId: string | null;
  decidedAt: Date | null;
  decidedByUserId: string | null;
  decisionNote: string | null;
};

const targetColumns = {
  id: indicatorTargets.id,
  indicatorId: indicatorTargets.indicatorId,
  indicatorCode: indicators.code,
  agencyId: indicatorTargets.agencyId,
  agencyName: agencies.name,
  period: indicatorTargets.period,
  year: indicatorTargets.year,
  value: indicatorTargets.value,
  version: indicatorTargets.version,
  state: indicatorTargets.state,
  source: indicatorTargets.source,
  reason: indicatorTargets.reason,
  sourceRef: indicatorTargets.sourceRef,
  supersedesId: indicatorTargets.supersedesId,
  requestedAt: indicatorTargets.requestedAt,
  requestedByUserId: indicatorTargets.requestedByUserId,
  decidedAt: indicatorTargets.decidedAt,
  decidedByUserId: indicatorTargets.decidedByUserId,
  decisionNote: indicatorTargets.decisionNote,
};

export type TargetFilter = {
  indicatorId?: string;
  agencyId?: string;
  period?: string;
  year?: number;
  states?: TargetRow['state'][];
  id?: string;
};

export async function listTargetRows(db: DbOrTx, filter: TargetFilter): Promise<TargetRow[]> {
  const conds: SQL[] = [];
  if (filter.id) {
    conds.push(eq(indicatorTargets.id, filter.id));
  }
  if (filter.indicatorId) {
    conds.push(eq(indicatorTargets.indicatorId, filter.indicatorId));
  }
  if (filter.agencyId) {
    conds.push(eq(indicatorTargets.agencyId, filter.agencyId));
  }
  if (filter.period) {
    conds.push(eq(indicatorTargets.period, filter.period));
  }
  if (filter.year !== undefined) {
    conds.push(eq(indicatorTargets.year, filter.year));
  }
  if (filter.states) {
    conds.push(inArray(indicatorTargets.state, filter.states));
  }
  const rows = await db
    .select(targetColumns)
    .from(indicatorTargets)
    .innerJoin(indicators, eq(indicators.id, indicatorTargets.indicatorId))
    .innerJoin(agencies, eq(agencies.id, indicatorTargets.agencyId))
    .where(conds.length > 0 ? and(...conds) : undefined)
    .orderBy(asc(indicators.code), asc(agencies.name), asc(indicatorTargets.period), asc(indicatorTargets.version));
  return rows.map((r) => ({
    ...r,
    value: Number(r.value),
    state: r.state as TargetRow['state'],
    source: r.source as TargetRow['source'],
  }));
}

export async function insertTargets(db: DbOrTx, rows: TargetInsert[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db.insert(indicatorTargets).values(part);
  }
}

export async function setTargetStates(
  db: DbOrTx,
  ids: string[],
  patch: Partial<Pick<TargetInsert, 'state' | 'decidedAt' | 'decidedByUserId' | 'decisionNote'>>,
): Promise<void> {
  for (const part of chunks(ids)) {
    await db
      .update(indicatorTargets)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(inArray(indicatorTargets.id, part));
  }
}

export type ValueRow = {
  id: string;
  indicatorId: string;
  indicatorCode: string;
  agencyId: string;
  agencyName: string;
  period: string;
  year: number;
  version: number;
  isCurrent: boolean;
  value: number;
  numerator: number | null;
  denominator: number | null;
  asOf: string | null;
  source: 'agency' | 'import' | 'api';
  sourceRef: string | null;
  note: string | null;
  shortfallReason: string | null;
  remedialAction: string | null;
  correctionReason: string | null;
  enteredAt: Date;
  enteredByUserId: string | null;
};

export type ValueFilter = {
  id?: string;
  indicatorId?: string;
  agencyId?: string;
  period?: string;
  year?: number;
  currentOnly?: boolean;
};

export async function listValueRows(db: DbOrTx, filter: ValueFilter): Promise<ValueRow[]> {
  const conds: SQL[] = [];
  if (filter.id) {
    conds.push(eq(indicatorValues.id, filter.id));
  }
  if (filter.indicatorId) {
    conds.push(eq(indicatorValues.indicatorId, filter.indicatorId));
  }
  if (filter.agencyId) {
    conds.push(eq(indicatorValues.agencyId, filter.agencyId));
  }
  if (filter.period) {
    conds.push(eq(indicatorValues.period, filter.period));
  }
  if (filter.year !== undefined) {
    conds.push(eq(indicatorValues.year, filter.year));
  }
  if (filter.currentOnly) {
    conds.push(eq(indicatorValues.isCurrent, true));
  }
  const rows = await db
    .select({
      id: indicatorValues.id,
      indicatorId: indicatorValues.indicatorId,
      indicatorCode: indicators.code,
      agencyId: indicatorValues.agencyId,
      agencyName: agencies.name,
      period: indicatorValues.period,
      year: indicatorValues.year,
      version: indicatorValues.version,
      isCurrent: indicatorValues.isCurrent,
      value: indicatorValues.value,
      numerator: indicatorValues.numerator,
      denominator: indicatorValues.denominator,
      asOf: indicatorValues.asOf,
      source: indicatorValues.source,
      sourceRef: indicatorValues.sourceRef,
      note: indicatorValues.note,
      shortfallReason: indicatorValues.shortfallReason,
      remedialAction: indicatorValues.remedialAction,
      correctionReason: indicatorValues.correctionReason,
      enteredAt: indicatorValues.enteredAt,
      enteredByUserId: indicatorValues.enteredByUserId,
    })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .innerJoin(agencies, eq(agencies.id, indicatorValues.agencyId))
    .where(conds.length > 0 ? and(...conds) : undefined)
    .orderBy(asc(indicators.code), asc(agencies.name), asc(indicatorValues.period), asc(indicatorValues.version));
  return rows.map((r) => ({
    ...r,
    value: Number(r.value),
    numerator: num(r.numerator),
    denominator: num(r.denominator),
    source: r.source as ValueRow['source'],
  }));
}

export async function insertValues(db: DbOrTx, rows: ValueInsert[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db.insert(indicatorValues).values(part);
  }
}

export async function retireValues(db: DbOrTx, ids: string[]): Promise<void> {
  for (const part of chunks(ids)) {
    await db.update(indicatorValues).set({ isCurrent: false }).where(inArray(indicatorValues.id, part));
  }
}

/** The current value and active target of every (indicator, agency) for a set of indicators and periods. */
export type CurrentFigure = {
  kind: 'value' | 'target';
  id: string;
  indicatorId: string;
  agencyId: string;
  period: string;
  version: number;
  value: number;
  numerator: number | null;
  denominator: number | null;
  asOf: string | null;
  note: string | null;
};

export async function listCurrentFigures(
  db: DbOrTx,
  filter: { indicatorIds: string[]; periods: string[] },
): Promise<CurrentFigure[]> {
  if (filter.indicatorIds.length === 0 || filter.periods.length === 0) {
    return [];
  }
  const ids = sql.join(
    filter.indicatorIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const periods = sql.join(
    filter.periods.map((p) => sql`${p}`),
    sql`, `,
  );
  return queryRows<CurrentFigure>(
    db,
    sql`select 'value' as kind, id, indicator_id as "indicatorId", agency_id as "agencyId", period, version,
          value::float8 as value, numerator::float8 as numerator, denominator::float8 as denominator,
          as_of::text as "asOf", note
        from indicator_values where is_current and indicator_id in (${ids}) and period in (${periods})
        union all
        select 'target', id, indicator_id, agency_id, period, version, value::float8, null, null, null, reason
        from indicator_targets where state = 'active' and indicator_id in (${ids}) and period in (${periods})`,
  );
}

/** One row per (indicator, agency) with a current value or an active target in `period`: what evaluation reads. */
export type EvaluationSourceRow = {
  indicatorId: string;
  agencyId: string;
  agencyName: string;
  agencyKind: string;
  target: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  asOf: string | null;
  note: string | null;
  valueSource: 'agency' | 'import' | 'api' | null;
  valueVersion: number | null;
  shortfallReason: string | null;
  remedialAction: string | null;
};

/** A json/jsonb column arrives parsed on PGlite and as text on node-postgres. */
function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

type ValueTuple = [
  string,
  string,
  number,
  number | null,
  number | null,
  string | null,
  string | null,
  string,
  number,
  string | null,
  string | null,
];
type TargetTuple = [string, string, number];
type AgencyTuple = [string, string, string];

/**
 * Current values and active targets of a period, merged per (indicator, agency), with the agency's name and kind.
 * Each set comes back as one JSON array built by the database: at 68,000 rows this is several times faster than
 * row-by-row results on PGlite, whose per-row decoding dominates otherwise.
 */
export async function listEvaluationSource(
  db: DbOrTx,
  filter: { period: string; indicatorIds: string[]; agencyIds?: string[] },
): Promise<EvaluationSourceRow[]> {
  if (filter.indicatorIds.length === 0) {
    return [];
  }
  const ids = sql.join(
    filter.indicatorIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const agencyCond =
    filter.agencyIds && filter.agencyIds.length > 0
      ? sql` and agency_id in (${sql.join(
          filter.agencyIds.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql``;
  const [values] = await queryRows<{ v: unknown }>(
    db,
    sql`select coalesce(json_agg(json_build_array(indicator_id, agency_id, value::float8, numerator::float8,
          denominator::float8, as_of, note, source, version, shortfall_reason, remedial_action)), '[]'::json) as v
        from indicator_values where is_current and period = ${filter.period} and indicator_id in (${ids})${agencyCond}`,
  );
  const [targets] = await queryRows<{ v: unknown }>(
    db,
    sql`select coalesce(json_agg(json_build_array(indicator_id, agency_id, value::float8)), '[]'::json) as v
        from indicator_targets where state = 'active' and period = ${filter.period} and indicator_id in (${ids})${agencyCond}`,
  );
  const [agencyRows] = await queryRows<{ v: unknown }>(
    db,
    sql`select coalesce(json_agg(json_build_array(a.id, a.name, a.kind)), '[]'::json) as v from agencies a
        where a.id in (
          select agency_id from indicator_values
            where is_current and period = ${filter.period} and indicator_id in (${ids})${agencyCond}
          union
          select agency_id from indicator_targets
            where state = 'active' and period = ${filter.period} and indicator_id in (${ids})${agencyCond})`,
  );
  const agencyById = new Map(parseJson<AgencyTuple[]>(agencyRows?.v).map((a) => [a[0], a]));
  const merged = new Map<string, EvaluationSourceRow>();
  const entry = (indicatorId: string, agencyId: string): EvaluationSourceRow | null => {
    const key = `${indicatorId}|${agencyId}`;
    const found = merged.get(key);
    if (found) {
      return found;
    }
    const agency = agencyById.get(agencyId);
    if (!agency) {
      return null;
    }
    const created: EvaluationSourceRow = {
      indicatorId,
      agencyId,
      agencyName: agency[1],
      agencyKind: agency[2],
      target: null,
      value: null,
      numerator: null,
      denominator: null,
      asOf: null,
      note: null,
      valueSource: null,
      valueVersion: null,
      shortfallReason: null,
      remedialAction: null,
    };
    merged.set(key, created);
    return created;
  };
  for (const [
    indicatorId,
    agencyId,
    value,
    numerator,
    denominator,
    asOf,
    note,
    source,
    version,
    reason,
    action,
  ] of parseJson<ValueTuple[]>(values?.v)) {
    const row = entry(indicatorId, agencyId);
    if (row) {
      row.value = value;
      row.numerator = numerator;
      row.denominator = denominator;
      row.asOf = asOf;
      row.note = note;
      row.valueSource = source as EvaluationSourceRow['valueSource'];
      row.valueVersion = version;
      row.shortfallReason = reason;
      row.remedialAction = action;
    }
  }
  for (const [indicatorId, agencyId, value] of parseJson<TargetTuple[]>(targets?.v)) {
    const row = entry(indicatorId, agencyId);
    if (row) {
      row.target = value;
    }
  }
  return [...merged.values()];
}

export type ReportedAggregateRow = {
  indicatorId: string;
  period: string;
  scope: string;
  value: number;
  quote: string;
};

export async function upsertReportedAggregates(
  db: DbOrTx,
  rows: (typeof indicatorReportedAggregates.$inferInsert)[],
): Promise<number> {
  let written = 0;
  for (const row of rows) {
    const result = await db
      .insert(indicatorReportedAggregates)
      .values(row)
      .onConflictDoUpdate({
        target: [
          indicatorReportedAggregates.indicatorId,
          indicatorReportedAggregates.period,
          indicatorReportedAggregates.scope,
        ],
        set: { value: row.value, quote: row.quote, sourceRef: row.sourceRef, updatedAt: sql`now()` },
        setWhere: sql`indicator_reported_aggregates.value <> excluded.value or indicator_reported_aggregates.quote <> excluded.quote`,
      })
      .returning({ id: indicatorReportedAggregates.id });
    written += result.length;
  }
  return written;
}

export async function listReportedAggregateRows(
  db: DbOrTx,
  indicatorIds: string[],
  period: string,
): Promise<ReportedAggregateRow[]> {
  if (indicatorIds.length === 0) {
    return [];
  }
  const rows = await db
    .select()
    .from(indicatorReportedAggregates)
    .where(
      and(
        inArray(indicatorReportedAggregates.indicatorId, indicatorIds),
        eq(indicatorReportedAggregates.period, period),
      ),
    );
  return rows.map((r) => ({
    indicatorId: r.indicatorId,
    period: r.period,
    scope: r.scope,
    value: Number(r.value),
    quote: r.quote,
  }));
}

export type AgencyBrief = { id: string; name: string; kind: string; validFrom: string | null; validTo: string | null };

export async function findAgencyBriefs(db: DbOrTx, ids: string[]): Promise<Map<string, AgencyBrief>> {
  const out = new Map<string, AgencyBrief>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .select({
        id: agencies.id,
        name: agencies.name,
        kind: agencies.kind,
        validFrom: agencies.validFrom,
        validTo: agencies.validTo,
      })
      .from(agencies)
      .where(inArray(agencies.id, part));
    for (const r of rows) {
      out.set(r.id, r);
    }
  }
  return out;
}
