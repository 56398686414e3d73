import type { DbOrTx } from '@server/db/client';
import type { AgencyKind } from '@shared/contracts/agencies';
import { businessDateOf } from '@shared/lib/vn-format';
import { selectAgenciesByIds, selectAllSuccessions } from './agencies.repo';
import {
  type AgencyGroupingMode,
  type AgencyView,
  buildAgencyGraph,
  displayAgencyOf,
  type ViewAgency,
} from './agency-view';
import { selectAssignmentsHeldOn } from './restructuring.repo';

export type { AgencyGroupingMode, AgencyView } from './agency-view';

export type AgencyGroupingOptions = {
  mode: AgencyGroupingMode;
  /** The day the figures speak for (default: today). In `as-constituted` mode agencies are shown as on this day. */
  asOf?: string | undefined;
  /** Today in Asia/Ho_Chi_Minh (tests and services with a clock pass it); `rolled-up` shows today's agencies. */
  today?: string | undefined;
};

async function loadGraph(db: DbOrTx, ids: string[]) {
  const successions = await selectAllSuccessions(db);
  const nodeIds = new Set(ids);
  for (const s of successions) {
    nodeIds.add(s.predecessorId);
    nodeIds.add(s.successorId);
  }
  const rows = await selectAgenciesByIds(db, [...nodeIds]);
  const agencies: ViewAgency[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as AgencyKind,
    validFrom: r.validFrom,
    validTo: r.validTo,
  }));
  return buildAgencyGraph(agencies, successions);
}

function dayOf(options: AgencyGroupingOptions): string {
  const today = options.today ?? businessDateOf(new Date());
  return options.mode === 'rolled-up' ? today : (options.asOf ?? today);
}

/**
 * The agency to show each id's figures under, in one of two modes (issue #4: "a report for June 2025 lists Hà Tĩnh;
 * the same figures rolled up today land on the province that absorbed it"):
 * - `as-constituted` on `asOf`: the agency as it existed that day (an agency that had already ended rolls forward
 *   to that day, one that did not exist yet shows under its single predecessor);
 * - `rolled-up`: today's successor; a merge (many → one) sums up under the successor. Split rule: a split
 *   predecessor has no single successor, so its figures stay listed under it with state `dissolved` and the label
 *   "… (đã giải thể/chia tách)"; the open assignments a successor took over were moved to that successor's rows when
 *   the event was applied, so they count there.
 * Unknown ids come back with state `unknown`.
 */
export async function groupAgencyIds(
  db: DbOrTx,
  ids: string[],
  options: AgencyGroupingOptions,
): Promise<Map<string, AgencyView>> {
  const unique = [...new Set(ids)];
  const graph = await loadGraph(db, unique);
  const day = dayOf(options);
  return new Map(unique.map((id) => [id, displayAgencyOf(graph, id, options.mode, day)]));
}

/** One agency seen as of a date (`rollUp: false`) or rolled up to today's successor (`rollUp: true`). */
export async function agencyViewOf(
  db: DbOrTx,
  agencyId: string,
  options: { asOf?: string | undefined; rollUp: boolean; today?: string | undefined },
): Promise<AgencyView> {
  const views = await groupAgencyIds(db, [agencyId], {
    mode: options.rollUp ? 'rolled-up' : 'as-constituted',
    asOf: options.asOf,
    today: options.today,
  });
  return views.get(agencyId) as AgencyView;
}

export type AgencyFigure = { agency: AgencyView; assignments: number; tasks: number };

/**
 * Assignments held on `asOf` (before a restructuring's effective date the predecessor's, from it the successor's)
 * grouped by display agency (see {@link groupAgencyIds}): per agency the number of assignments and of distinct
 * tasks, sorted by name. Figures of merged agencies sum up; a task held by two merged agencies counts once.
 */
export async function countAssignmentsByAgency(
  db: DbOrTx,
  options: AgencyGroupingOptions & { role?: 'lead' | 'coordinator' | undefined; agencyIds?: string[] | undefined },
): Promise<AgencyFigure[]> {
  const asOf = options.asOf ?? options.today ?? businessDateOf(new Date());
  const held = await selectAssignmentsHeldOn(db, asOf, { role: options.role, agencyIds: options.agencyIds });
  const views = await groupAgencyIds(
    db,
    held.map((h) => h.agencyId),
    { ...options, asOf },
  );
  const byAgency = new Map<string, { agency: AgencyView; assignments: number; tasks: Set<string> }>();
  for (const h of held) {
    const view = views.get(h.agencyId);
    if (!view) {
      continue;
    }
    const entry = byAgency.get(view.id) ?? { agency: view, assignments: 0, tasks: new Set<string>() };
    entry.assignments++;
    entry.tasks.add(h.taskId);
    byAgency.set(view.id, entry);
  }
  return [...byAgency.values()]
    .map((e) => ({ agency: { ...e.agency, sourceId: e.agency.id }, assignments: e.assignments, tasks: e.tasks.size }))
    .sort((a, b) => a.agency.label.localeCompare(b.agency.label, 'vi') || (a.agency.id < b.agency.id ? -1 : 1));
}
