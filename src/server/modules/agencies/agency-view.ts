import type { AgencyKind } from '@shared/contracts/agencies';
import { DISSOLVED_LABEL } from '@shared/contracts/restructuring';

/**
 * How figures are grouped by agency:
 * - `as-constituted`: by the agency as it existed on the date the figures speak for (a June 2025 report lists
 *   "Hà Tĩnh" and "Bắc Kạn");
 * - `rolled-up`: by today's agency that carries on the work (the same figures land on "Thái Nguyên").
 */
export type AgencyGroupingMode = 'as-constituted' | 'rolled-up';

/**
 * - `current`: the agency itself (it exists on the day);
 * - `successor`: its single successor on the day (merge, rename, move);
 * - `predecessor`: the agency did not exist yet on the day and had a single predecessor then;
 * - `dissolved`: split or dissolved without a single successor; figures stay listed under it, marked
 *   "đã giải thể/chia tách" (assignments that a successor took over are that successor's);
 * - `not-established`: it did not exist on the day and no single predecessor stands for it;
 * - `unknown`: no such agency.
 */
export type AgencyViewState = 'current' | 'successor' | 'predecessor' | 'dissolved' | 'not-established' | 'unknown';

export type AgencyView = {
  /** The agency asked about. */
  sourceId: string;
  /** The agency to show the figures under. */
  id: string;
  name: string;
  kind: AgencyKind | null;
  state: AgencyViewState;
  /** The name to print: with "(đã giải thể/chia tách)" or "(chưa thành lập)" when the state says so. */
  label: string;
};

export type ViewAgency = {
  id: string;
  name: string;
  kind: AgencyKind;
  validFrom: string | null;
  validTo: string | null;
};

export type ViewSuccession = { predecessorId: string; successorId: string; effectiveOn: string };

export type AgencyGraph = {
  agencies: Map<string, ViewAgency>;
  successorsOf: Map<string, ViewSuccession[]>;
  predecessorsOf: Map<string, ViewSuccession[]>;
};

export function buildAgencyGraph(agencies: ViewAgency[], successions: ViewSuccession[]): AgencyGraph {
  const successorsOf = new Map<string, ViewSuccession[]>();
  const predecessorsOf = new Map<string, ViewSuccession[]>();
  for (const s of successions) {
    successorsOf.set(s.predecessorId, [...(successorsOf.get(s.predecessorId) ?? []), s]);
    predecessorsOf.set(s.successorId, [...(predecessorsOf.get(s.successorId) ?? []), s]);
  }
  return { agencies: new Map(agencies.map((a) => [a.id, a])), successorsOf, predecessorsOf };
}

function isValidOn(agency: ViewAgency, day: string): boolean {
  return (agency.validFrom === null || agency.validFrom <= day) && (agency.validTo === null || agency.validTo >= day);
}

/** The agencies that carry on `id`'s work on `day`: successors of successors, following links effective by then. */
function terminalsOn(graph: AgencyGraph, id: string, day: string): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (current: string): void => {
    if (seen.has(current)) {
      return;
    }
    seen.add(current);
    const next = (graph.successorsOf.get(current) ?? []).filter((s) => s.effectiveOn <= day);
    if (next.length === 0) {
      out.add(current);
      return;
    }
    for (const s of next) {
      visit(s.successorId);
    }
  };
  visit(id);
  return [...out].sort();
}

/** The agencies that stood for `id` on `day`, when `id` itself did not exist yet. */
function originsOn(graph: AgencyGraph, id: string, day: string): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (current: string): void => {
    if (seen.has(current)) {
      return;
    }
    seen.add(current);
    const agency = graph.agencies.get(current);
    if (agency && current !== id && isValidOn(agency, day)) {
      out.add(current);
      return;
    }
    for (const s of (graph.predecessorsOf.get(current) ?? []).filter((p) => p.effectiveOn > day)) {
      visit(s.predecessorId);
    }
  };
  visit(id);
  return [...out].sort();
}

function view(source: string, agency: ViewAgency, state: AgencyViewState): AgencyView {
  const suffix =
    state === 'dissolved' ? ` (${DISSOLVED_LABEL})` : state === 'not-established' ? ' (chưa thành lập)' : '';
  return { sourceId: source, id: agency.id, name: agency.name, kind: agency.kind, state, label: agency.name + suffix };
}

function rollForward(graph: AgencyGraph, agency: ViewAgency, day: string): AgencyView {
  const terminals = terminalsOn(graph, agency.id, day);
  if (terminals.length === 1 && terminals[0] !== agency.id) {
    const successor = graph.agencies.get(terminals[0] as string);
    if (successor) {
      return view(agency.id, successor, 'successor');
    }
  }
  if (terminals.length > 1 || (agency.validTo !== null && agency.validTo < day)) {
    return view(agency.id, agency, 'dissolved');
  }
  return view(agency.id, agency, 'current');
}

/**
 * The agency to show `agencyId`'s figures under.
 * - `rolled-up` to `day` (today): follow the successions effective by then. Merges (many → one) sum up under the
 *   successor. A split predecessor has several successors: its own figures stay listed under it, marked
 *   "đã giải thể/chia tách" (open assignments a successor took over are already that successor's rows).
 * - `as-constituted` on `day`: an agency that existed that day is itself; one that had already ended rolls forward
 *   to that day; one that did not exist yet shows under its single predecessor of that day, if there is one.
 */
export function displayAgencyOf(
  graph: AgencyGraph,
  agencyId: string,
  mode: AgencyGroupingMode,
  day: string,
): AgencyView {
  const agency = graph.agencies.get(agencyId);
  if (!agency) {
    return { sourceId: agencyId, id: agencyId, name: '', kind: null, state: 'unknown', label: '' };
  }
  if (mode === 'rolled-up') {
    return rollForward(graph, agency, day);
  }
  if (isValidOn(agency, day)) {
    return view(agencyId, agency, 'current');
  }
  if (agency.validTo !== null && agency.validTo < day) {
    return rollForward(graph, agency, day);
  }
  const origins = originsOn(graph, agencyId, day);
  const origin = origins.length === 1 ? graph.agencies.get(origins[0] as string) : undefined;
  return origin ? view(agencyId, origin, 'predecessor') : view(agencyId, agency, 'not-established');
}
