import type { DbOrTx } from '@server/db/client';
import type { AgencyGroupRule } from '@server/db/schema/agencies';
import type { AgencyKind } from '@shared/contracts/agencies';
import { businessDateOf } from '@shared/lib/vn-format';
import { foldText } from '@shared/lib/vn-text';
import { readRegisterSnapshot } from './agencies.repo';
import { agencyKey, cleanAgencyName, prefixStrippedKeys, splitTrailingParenthesis } from './agency-key';
import { buildReferenceSnapshot } from './agency-reference';
import { segmentAgencyCell } from './agency-split';

export type AgencyAliasKind = 'official-name' | 'short-name' | 'spelling' | 'abbreviation' | 'former-name' | 'relative';
export type SuccessionKind = 'merge' | 'split' | 'rename' | 'move';

export type RegisterAlias = { alias: string; folded: string; kind: AgencyAliasKind };

export type RegisterAgency = {
  id: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  parentId: string | null;
  code: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  aliases: RegisterAlias[];
};

export type RegisterSuccession = {
  id: string;
  predecessorId: string;
  successorId: string;
  effectiveOn: string;
  kind: SuccessionKind;
  legalBasis: string | null;
  note: string | null;
};

export type RegisterGroup = { id: string; name: string; rule: AgencyGroupRule; aliases: string[]; position: number };

/** The whole agency register as plain data: what the resolver works on, with no database behind it. */
export type AgencyRegisterSnapshot = {
  agencies: RegisterAgency[];
  successions: RegisterSuccession[];
  groups: RegisterGroup[];
};

export type AgencyRef = { id: string; name: string; kind: AgencyKind };

/**
 * agency: one agency; group: a collective expression with members; open-group: a known collective expression
 * without computable members ("Các bộ, ngành liên quan"); ambiguous: several agencies carry the name (two communes
 * called "Xã Tân Phú"); unknown: nothing matches. Only agency and group are resolved.
 */
export type ResolutionStatus = 'agency' | 'group' | 'open-group' | 'ambiguous' | 'unknown';

export type AgencyResolution = {
  input: string;
  agency: AgencyRef | null;
  group: { id: string; name: string; members: AgencyRef[] } | null;
  status: ResolutionStatus;
  /** The collective expression recognised when status is open-group. */
  openGroup?: { id: string; name: string };
  /** The agencies that share the name when status is ambiguous. */
  candidates?: AgencyRef[];
};

export type ResolveOptions = {
  /**
   * The province (or other agency) the document is about. Names that are only meaningful inside it
   * ("Sở Tài chính", "Công an Thành phố", "các sở, ban, ngành") resolve within it.
   */
  withinId?: string;
};

export type AgencyResolver = {
  /**
   * The agency or collective group a name denotes, as constituted on `asOf` (default: today in Asia/Ho_Chi_Minh).
   * The agency is the one NAMED (historical identity): "Bắc Kạn" is the former province even after 1/7/2025;
   * use {@link AgencyResolver.rollUp} for today's successor. A date only chooses between agencies that share a
   * name ("Bắc Ninh" before and after the merger). Unknown names give `agency: null`; nothing is invented.
   */
  resolve: (name: string, asOf?: string, options?: ResolveOptions) => AgencyResolution;
  /**
   * Splits a lead/coordinator cell into agency names without breaking names that contain commas or "và"
   * ("Bộ Văn hóa, Thể thao và Du lịch", "Các bộ, ngành, địa phương"): greedy longest match against known names
   * and group expressions; "Các Bộ: Tài chính, Xây dựng" expands to "Bộ Tài chính", "Bộ Xây dựng". Unknown
   * pieces ("các doanh nghiệp lớn liên quan") are kept as written.
   */
  splitAgencyList: (cellText: string) => string[];
  /** The agencies that carry on `agencyId`'s work on `toDate` (itself if nothing happened to it). */
  rollUp: (agencyId: string, toDate?: string) => AgencyRef[];
  /** The members of a group on `asOf`. */
  groupMembers: (groupId: string, asOf?: string, options?: ResolveOptions) => AgencyRef[];
  /** Agencies valid on `asOf`, optionally of one kind. */
  list: (asOf?: string, kind?: AgencyKind) => RegisterAgency[];
  getAgency: (id: string) => RegisterAgency | undefined;
};

/** Builds the register from `reference/` and the catalogue in memory (no database): same ids as a loaded one. */
export function buildAgencyRegisterSnapshotFromReference(): AgencyRegisterSnapshot {
  return buildReferenceSnapshot();
}

/** Reads the register from the database into a snapshot for {@link createAgencyResolver}. */
export async function loadAgencyRegisterSnapshot(db: DbOrTx): Promise<AgencyRegisterSnapshot> {
  return readRegisterSnapshot(db);
}

const KIND_ORDER: AgencyKind[] = [
  'ministry',
  'ministerial-agency',
  'government-agency',
  'province',
  'party-body',
  'provincial-department',
  'commune',
  'enterprise',
  'other',
];

/** Whether an agency exists on a day (ISO dates compare as strings). */
export function isAgencyValidOn(agency: { validFrom: string | null; validTo: string | null }, day: string): boolean {
  return (agency.validFrom === null || agency.validFrom <= day) && (agency.validTo === null || agency.validTo >= day);
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/** How far a day lies outside an agency's interval (0 inside). */
function distanceFromInterval(agency: RegisterAgency, day: string): number {
  if (agency.validFrom !== null && day < agency.validFrom) {
    return daysBetween(day, agency.validFrom);
  }
  if (agency.validTo !== null && day > agency.validTo) {
    return daysBetween(day, agency.validTo);
  }
  return 0;
}

function compareAgencies(a: RegisterAgency, b: RegisterAgency): number {
  const byKind = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (byKind !== 0) {
    return byKind;
  }
  if (a.code !== b.code) {
    if (a.code === null) {
      return 1;
    }
    if (b.code === null) {
      return -1;
    }
    return a.code < b.code ? -1 : 1;
  }
  return a.name.localeCompare(b.name, 'vi') || (a.id < b.id ? -1 : 1);
}

function toRef(agency: RegisterAgency): AgencyRef {
  return { id: agency.id, name: agency.name, kind: agency.kind };
}

type Candidate = { agency: RegisterAgency; relative: boolean };

type Match = { type: 'group'; group: RegisterGroup } | { type: 'agencies'; candidates: Candidate[] } | { type: 'none' };

const MAX_PARENTHESIS_DEPTH = 2;

function displaySeparator(separator: string): string {
  if (separator === '\n') {
    return ' ';
  }
  return separator.length === 1 ? `${separator} ` : separator;
}

/**
 * A pure, synchronous resolver over a register snapshot; build it once and call it thousands of times.
 * `today` supplies the default date (tests fix it).
 */
export function createAgencyResolver(
  snapshot: AgencyRegisterSnapshot,
  options: { today?: () => string } = {},
): AgencyResolver {
  const today = options.today ?? (() => businessDateOf(new Date()));
  const byId = new Map(snapshot.agencies.map((a) => [a.id, a]));
  const aliasIndex = new Map<string, Candidate[]>();
  for (const agency of snapshot.agencies) {
    for (const alias of agency.aliases) {
      const list = aliasIndex.get(alias.folded) ?? [];
      list.push({ agency, relative: alias.kind === 'relative' });
      aliasIndex.set(alias.folded, list);
    }
  }
  const groupIndex = new Map<string, RegisterGroup>();
  const groupsById = new Map(snapshot.groups.map((g) => [g.id, g]));
  for (const group of [...snapshot.groups].sort((a, b) => a.position - b.position)) {
    for (const name of [group.name, ...group.aliases]) {
      const key = agencyKey(name);
      if (key && !groupIndex.has(key)) {
        groupIndex.set(key, group);
      }
    }
  }
  const successorsOf = new Map<string, RegisterSuccession[]>();
  for (const s of snapshot.successions) {
    successorsOf.set(s.predecessorId, [...(successorsOf.get(s.predecessorId) ?? []), s]);
  }

  function isWithin(agency: RegisterAgency, ancestorId: string): boolean {
    let current: RegisterAgency | undefined = agency;
    for (let depth = 0; current && depth < 16; depth++) {
      if (current.id === ancestorId) {
        return true;
      }
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return false;
  }

  function hasProvinceAncestor(agency: RegisterAgency): boolean {
    let current = agency.parentId ? byId.get(agency.parentId) : undefined;
    for (let depth = 0; current && depth < 16; depth++) {
      if (current.kind === 'province') {
        return true;
      }
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return false;
  }

  function lookupKey(key: string, kinds?: readonly string[]): Candidate[] {
    const found = aliasIndex.get(key) ?? [];
    return kinds ? found.filter((c) => kinds.includes(c.agency.kind)) : found;
  }

  /**
   * Matches a name against groups and aliases, then without a trailing parenthesis, then without an
   * administrative prefix. In `span` mode (several cell segments glued together) the name must match as a whole:
   * a parenthesis may only describe the head ("Sở Xây dựng (CSDL …)"); it may not name the agency, or
   * "Bộ Công an, Bộ Quốc phòng (Ban Cơ yếu Chính phủ)" would swallow "Bộ Công an".
   */
  function matchName(name: string, mode: 'full' | 'span' = 'full', depth = 0): Match {
    const key = agencyKey(name);
    if (!key) {
      return { type: 'none' };
    }
    const group = groupIndex.get(key);
    if (group) {
      return { type: 'group', group };
    }
    const direct = lookupKey(key);
    if (direct.length > 0) {
      return { type: 'agencies', candidates: direct };
    }
    const paren = depth < MAX_PARENTHESIS_DEPTH ? splitTrailingParenthesis(name) : null;
    if (paren) {
      // "Bộ Quốc phòng (Ban Cơ yếu Chính phủ)" names the unit in brackets; "Văn phòng Thành ủy (CSDL tổ chức
      // Đảng…)" only describes the work, so the head names the agency.
      if (mode === 'full') {
        const inner = matchName(paren.inner, mode, depth + 1);
        if (inner.type === 'agencies') {
          return inner;
        }
      }
      const head = matchName(paren.head, mode, depth + 1);
      if (head.type !== 'none') {
        return head;
      }
    }
    for (const stripped of prefixStrippedKeys(key)) {
      const found = lookupKey(stripped.key, stripped.kinds);
      if (found.length > 0) {
        return { type: 'agencies', candidates: found };
      }
    }
    return { type: 'none' };
  }

  function choose(
    candidates: Candidate[],
    asOf: string,
    withinId: string | undefined,
  ): { agency: RegisterAgency } | { ambiguous: RegisterAgency[] } | null {
    let pool = candidates;
    if (withinId) {
      pool = pool.filter((c) => !c.relative || isWithin(c.agency, withinId));
      const inside = pool.filter((c) => isWithin(c.agency, withinId));
      if (inside.length > 0) {
        pool = inside;
      }
    }
    if (pool.some((c) => !c.relative)) {
      pool = pool.filter((c) => !c.relative);
    }
    let agencies = [...new Map(pool.map((c) => [c.agency.id, c.agency])).values()];
    if (agencies.length === 0) {
      return null;
    }
    const valid = agencies.filter((a) => isAgencyValidOn(a, asOf));
    if (valid.length > 0) {
      agencies = valid;
    } else {
      const nearest = Math.min(...agencies.map((a) => distanceFromInterval(a, asOf)));
      agencies = agencies.filter((a) => distanceFromInterval(a, asOf) === nearest);
    }
    if (agencies.length === 1) {
      return { agency: agencies[0] as RegisterAgency };
    }
    return { ambiguous: agencies.sort(compareAgencies) };
  }

  const memberCache = new Map<string, AgencyRef[]>();

  function membersOf(group: RegisterGroup, asOf: string, withinId: string | undefined): AgencyRef[] {
    if (group.rule.open) {
      return [];
    }
    const scope = group.rule.relativeTo ? withinId : undefined;
    const cacheKey = `${group.id}|${asOf}|${scope ?? ''}`;
    const cached = memberCache.get(cacheKey);
    if (cached) {
      return cached;
    }
    const kinds = new Set(group.rule.kinds);
    const parentId = group.rule.parentId;
    // Without a province given, "các sở, ban, ngành" means every province's departments, never central bodies.
    const inAnyProvince = group.rule.relativeTo === 'province' && !scope;
    const members = snapshot.agencies
      .filter(
        (a) =>
          kinds.has(a.kind) &&
          isAgencyValidOn(a, asOf) &&
          (parentId === undefined || a.parentId === parentId) &&
          (!scope || (a.id !== scope && isWithin(a, scope))) &&
          (!inAnyProvince || hasProvinceAncestor(a)),
      )
      .sort(compareAgencies)
      .map(toRef);
    memberCache.set(cacheKey, members);
    return members;
  }

  function resolve(name: string, asOf?: string, resolveOptions: ResolveOptions = {}): AgencyResolution {
    const day = asOf ?? today();
    const match = matchName(name);
    if (match.type === 'group') {
      const { group } = match;
      if (group.rule.open) {
        return {
          input: name,
          agency: null,
          group: null,
          status: 'open-group',
          openGroup: { id: group.id, name: group.name },
        };
      }
      return {
        input: name,
        agency: null,
        group: { id: group.id, name: group.name, members: membersOf(group, day, resolveOptions.withinId) },
        status: 'group',
      };
    }
    if (match.type === 'agencies') {
      const chosen = choose(match.candidates, day, resolveOptions.withinId);
      if (chosen && 'agency' in chosen) {
        return { input: name, agency: toRef(chosen.agency), group: null, status: 'agency' };
      }
      if (chosen) {
        return { input: name, agency: null, group: null, status: 'ambiguous', candidates: chosen.ambiguous.map(toRef) };
      }
    }
    return { input: name, agency: null, group: null, status: 'unknown' };
  }

  /**
   * Whether a span of a cell is one known name (see {@link matchName} for why several segments match strictly).
   */
  function recognises(name: string, singleSegment: boolean): boolean {
    return matchName(name, singleSegment ? 'full' : 'span').type !== 'none';
  }

  function splitAgencyList(cellText: string): string[] {
    const segments = segmentAgencyCell(cellText);
    const out: string[] = [];
    const maxSpan = 12;
    let prefix: string | null = null;
    const join = (from: number, to: number): string => {
      let text = '';
      for (let k = from; k <= to; k++) {
        const seg = segments[k];
        if (!seg) {
          break;
        }
        text += seg.text + (k < to ? displaySeparator(seg.separator) : '');
      }
      return text;
    };
    let i = 0;
    while (i < segments.length) {
      const seg = segments[i] as (typeof segments)[number];
      const folded = foldText(seg.text);
      if (seg.separator === ':' && /^(cac )?(bo|so)$/.test(folded)) {
        prefix = folded.endsWith('bo') ? 'Bộ' : 'Sở';
        i++;
        continue;
      }
      const last = Math.min(segments.length - 1, i + maxSpan - 1);
      let taken: { text: string; end: number } | null = null;
      for (const withPrefix of prefix ? [true, false] : [false]) {
        for (let j = last; j >= i && !taken; j--) {
          const text = withPrefix ? `${prefix} ${join(i, j)}` : join(i, j);
          if (recognises(text, j === i)) {
            taken = { text, end: j };
          }
        }
        if (taken) {
          break;
        }
      }
      if (!taken) {
        taken = { text: prefix ? `${prefix} ${seg.text}` : seg.text, end: i };
      }
      const piece = cleanAgencyName(taken.text);
      if (foldText(piece)) {
        out.push(piece);
      }
      const endSeparator = segments[taken.end]?.separator ?? '';
      if (endSeparator === ';' || endSeparator === '\n') {
        prefix = null;
      }
      i = taken.end + 1;
    }
    return out;
  }

  function rollUp(agencyId: string, toDate?: string): AgencyRef[] {
    const day = toDate ?? today();
    const result = new Map<string, RegisterAgency>();
    const seen = new Set<string>();
    const visit = (id: string): void => {
      if (seen.has(id)) {
        return;
      }
      seen.add(id);
      const next = (successorsOf.get(id) ?? []).filter((s) => s.effectiveOn <= day);
      if (next.length === 0) {
        const agency = byId.get(id);
        if (agency) {
          result.set(id, agency);
        }
        return;
      }
      for (const s of next) {
        visit(s.successorId);
      }
    };
    visit(agencyId);
    return [...result.values()].sort(compareAgencies).map(toRef);
  }

  return {
    resolve,
    splitAgencyList,
    rollUp,
    groupMembers(groupId, asOf, resolveOptions = {}) {
      const group = groupsById.get(groupId);
      return group ? membersOf(group, asOf ?? today(), resolveOptions.withinId) : [];
    },
    list(asOf, kind) {
      const day = asOf ?? today();
      return snapshot.agencies
        .filter((a) => (!kind || a.kind === kind) && isAgencyValidOn(a, day))
        .sort(compareAgencies);
    },
    getAgency: (id) => byId.get(id),
  };
}
