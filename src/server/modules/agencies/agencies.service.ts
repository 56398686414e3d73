import type { Db, DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import { stableId } from '@server/lib/ids';
import type {
  AgencyDetail,
  AgencyKind,
  AgencyListQueryWithPage,
  AgencyListResponse,
  AgencySuccessionKind,
  AgencySuccessionLink,
  AgencySummary,
} from '@shared/contracts/agencies';
import { foldText } from '@shared/lib/vn-text';
import {
  type AgencyAliasInsert,
  type AgencyInsert,
  type AgencyRow,
  countChildren,
  insertAgencies,
  insertAliases,
  selectAgenciesByIds,
  selectAgencyById,
  selectAgencyPage,
  selectAliasesOf,
  selectAllAgencies,
  selectAllAliases,
  selectAllGroups,
  selectAllSuccessions,
  selectSuccessionsTouching,
  updateAgency,
  updateAlias,
  upsertGroups,
  upsertSuccessions,
} from './agencies.repo';
import { buildReferenceSnapshot } from './agency-reference';
import type { AgencyRegisterSnapshot, RegisterAgency } from './agency-resolver';
import { selectAgencyIdsShapedByEvents } from './restructuring.repo';

/** What a reference load did (or, in a dry run, would do). A second run reports 0 created and 0 updated. */
export type LoadReferenceResult = {
  dryRun: boolean;
  /** Agencies inserted. */
  created: number;
  /** Agencies whose name, kind, parent, code, interval or note changed. */
  updated: number;
  unchanged: number;
  /** Alias rows inserted or changed. */
  aliases: number;
  /** Group rows inserted or changed. */
  groups: number;
  /** Succession rows inserted or changed. */
  successions: number;
  /** Rows in the reference data, for the record. */
  total: { agencies: number; aliases: number; groups: number; successions: number };
};

function agencyRowOf(a: RegisterAgency): AgencyInsert {
  return {
    id: a.id,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    parentId: a.parentId,
    code: a.code,
    validFrom: a.validFrom,
    validTo: a.validTo,
    nameFolded: foldText(a.name),
    note: a.note,
  };
}

const COMPARED_FIELDS = [
  'name',
  'shortName',
  'kind',
  'parentId',
  'code',
  'validFrom',
  'validTo',
  'nameFolded',
  'note',
] as const;

function agencyChanged(row: AgencyRow, next: AgencyInsert): boolean {
  return COMPARED_FIELDS.some((f) => (row[f] ?? null) !== (next[f] ?? null));
}

/** JSON with sorted keys, so that a jsonb value read back compares equal to the one written. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

async function applyReference(
  db: DbOrTx,
  snapshot: AgencyRegisterSnapshot,
  options: { dryRun: boolean; now: Date },
): Promise<LoadReferenceResult> {
  const existingAgencies = new Map((await selectAllAgencies(db)).map((r) => [r.id, r]));
  const existingAliases = new Map((await selectAllAliases(db)).map((r) => [`${r.agencyId}|${r.aliasFolded}`, r]));
  const existingGroups = new Map((await selectAllGroups(db)).map((r) => [r.id, r]));
  const existingSuccessions = new Map((await selectAllSuccessions(db)).map((r) => [r.id, r]));

  const toInsert: AgencyInsert[] = [];
  const toUpdate: AgencyInsert[] = [];
  let unchanged = 0;
  const aliasInserts: AgencyAliasInsert[] = [];
  const aliasUpdates: { id: string; alias: string; kind: string }[] = [];
  // A restructuring applied in the app has the last word on the interval of the agencies it closed or opened.
  const shaped = await selectAgencyIdsShapedByEvents(db);
  for (const agency of snapshot.agencies) {
    const row = existingAgencies.get(agency.id);
    const next =
      row && shaped.has(agency.id)
        ? { ...agencyRowOf(agency), validFrom: row.validFrom, validTo: row.validTo }
        : agencyRowOf(agency);
    if (!row) {
      toInsert.push(next);
    } else if (agencyChanged(row, next)) {
      toUpdate.push(next);
    } else {
      unchanged++;
    }
    for (const alias of agency.aliases) {
      const current = existingAliases.get(`${agency.id}|${alias.folded}`);
      if (!current) {
        aliasInserts.push({
          id: stableId('agency-alias', `${agency.id}|${alias.folded}`),
          agencyId: agency.id,
          alias: alias.alias,
          aliasFolded: alias.folded,
          kind: alias.kind,
        });
      } else if (current.alias !== alias.alias || current.kind !== alias.kind) {
        aliasUpdates.push({ id: current.id, alias: alias.alias, kind: alias.kind });
      }
    }
  }
  const groupWrites = snapshot.groups.filter((g) => {
    const row = existingGroups.get(g.id);
    return (
      !row ||
      row.name !== g.name ||
      row.position !== g.position ||
      canonicalJson(row.rule) !== canonicalJson(g.rule) ||
      canonicalJson(row.aliases) !== canonicalJson(g.aliases)
    );
  });
  const successionWrites = snapshot.successions.filter((s) => {
    const row = existingSuccessions.get(s.id);
    return (
      !row ||
      row.kind !== s.kind ||
      row.effectiveOn !== s.effectiveOn ||
      row.legalBasis !== s.legalBasis ||
      row.note !== s.note
    );
  });

  if (!options.dryRun) {
    await insertAgencies(
      db,
      toInsert.map((r) => ({ ...r, createdAt: options.now, updatedAt: options.now })),
    );
    for (const r of toUpdate) {
      const { id, ...values } = r;
      await updateAgency(db, id, { ...values, updatedAt: options.now });
    }
    await insertAliases(db, aliasInserts);
    for (const a of aliasUpdates) {
      await updateAlias(db, a.id, { alias: a.alias, kind: a.kind });
    }
    await upsertGroups(db, groupWrites);
    await upsertSuccessions(db, successionWrites);
  }
  return {
    dryRun: options.dryRun,
    created: toInsert.length,
    updated: toUpdate.length,
    unchanged,
    aliases: aliasInserts.length + aliasUpdates.length,
    groups: groupWrites.length,
    successions: successionWrites.length,
    total: {
      agencies: snapshot.agencies.length,
      aliases: snapshot.agencies.reduce((n, a) => n + a.aliases.length, 0),
      groups: snapshot.groups.length,
      successions: snapshot.successions.length,
    },
  };
}

/**
 * Loads the reference register (34/63 provinces, 3,321 communes, central agencies and their 2025 successions,
 * the hand-written catalogue, the collective groups) into the database. Upserts by deterministic id, all in one
 * transaction; never deletes (agencies added by imports or by hand stay). With `dryRun` nothing is written and
 * the counts say what would change.
 */
export async function loadReferenceAgencies(
  db: Db,
  options: { dryRun?: boolean; now?: Date } = {},
): Promise<LoadReferenceResult> {
  const snapshot = buildReferenceSnapshot();
  const settings = { dryRun: options.dryRun ?? false, now: options.now ?? new Date() };
  if (settings.dryRun) {
    return applyReference(db, snapshot, settings);
  }
  return db.transaction((tx) => applyReference(tx, snapshot, settings));
}

export function toAgencySummary(row: AgencyRow): AgencySummary {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind as AgencyKind,
    parentId: row.parentId,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

/**
 * Agencies matching a search: `q` matches any alias without diacritics ("bo khcn", "ha tinh"), `asOf` keeps the
 * agencies that exist on that day, `assignedOnly` those with at least one assignment.
 */
export async function listAgencies(db: DbOrTx, query: AgencyListQueryWithPage): Promise<AgencyListResponse> {
  const qFolded = query.q ? foldText(query.q) : undefined;
  const { rows, total } = await selectAgencyPage(db, {
    qFolded: qFolded || undefined,
    kind: query.kind,
    asOf: query.asOf,
    parentId: query.parentId,
    assignedOnly: query.assignedOnly,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(toAgencySummary), total, page: query.page, pageSize: query.pageSize };
}

/** One agency with its aliases, parent and restructuring history (predecessors and successors). */
export async function getAgencyDetail(db: DbOrTx, id: string): Promise<AgencyDetail> {
  const row = await selectAgencyById(db, id);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy cơ quan.');
  }
  const [aliases, links, childCount] = [
    await selectAliasesOf(db, id),
    await selectSuccessionsTouching(db, id),
    await countChildren(db, id),
  ];
  const relatedIds = [
    ...(row.parentId ? [row.parentId] : []),
    ...links.asSuccessor.map((s) => s.predecessorId),
    ...links.asPredecessor.map((s) => s.successorId),
  ];
  const related = new Map((await selectAgenciesByIds(db, [...new Set(relatedIds)])).map((r) => [r.id, r]));
  const link = (otherId: string, s: (typeof links.asSuccessor)[number]): AgencySuccessionLink[] => {
    const other = related.get(otherId);
    return other
      ? [
          {
            agency: toAgencySummary(other),
            effectiveOn: s.effectiveOn,
            kind: s.kind as AgencySuccessionKind,
            legalBasis: s.legalBasis,
            note: s.note,
          },
        ]
      : [];
  };
  const parent = row.parentId ? related.get(row.parentId) : undefined;
  return {
    ...toAgencySummary(row),
    code: row.code,
    note: row.note,
    aliases: aliases.map((a) => ({ alias: a.alias, kind: a.kind })),
    parent: parent ? toAgencySummary(parent) : null,
    childCount,
    predecessors: links.asSuccessor.flatMap((s) => link(s.predecessorId, s)),
    successors: links.asPredecessor.flatMap((s) => link(s.successorId, s)),
  };
}
