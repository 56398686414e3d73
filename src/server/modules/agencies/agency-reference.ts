import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableId } from '@server/lib/ids';
import type { AgencyKind } from '@shared/contracts/agencies';
import { cleanText, foldText } from '@shared/lib/vn-text';
import {
  AGENCY_CATALOGUE,
  type CatalogueEntry,
  CENTRAL_AGENCY_ALIASES,
  FORMER_CENTRAL_AGENCIES,
  PROVINCE_ALIASES,
} from './agency-catalogue';
import { AGENCY_GROUPS } from './agency-groups';
import { modernToneMarks } from './agency-key';
import type {
  AgencyAliasKind,
  AgencyRegisterSnapshot,
  RegisterAgency,
  RegisterGroup,
  RegisterSuccession,
  SuccessionKind,
} from './agency-resolver';

/** The reference data shipped with the product (see reference/README.md for sources and confidence). */
export const REFERENCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../reference');

/** The day the 34 provincial units and the 3,321 communes start (NQ 202/2025/QH15; NQ 1654–1687/NQ-UBTVQH15). */
export const PROVINCES_2025_FROM = '2025-07-01';
const PROVINCES_2025_LAST_OLD_DAY = '2025-06-30';
const PROVINCE_MERGE_BASIS =
  'Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh; Nghị quyết 60-NQ/TW ngày 12/4/2025';
const COMMUNE_BASIS = 'Công văn 1027/CTK-CSCL ngày 25/6/2025 của Cục Thống kê; Nghị quyết 1654–1687/NQ-UBTVQH15';
const CENTRAL_BASIS = 'Nghị quyết 176/2025/QH15 ngày 18/02/2025 về cơ cấu tổ chức của Chính phủ';

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') {
        i++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '');
  if (!header) {
    return [];
  }
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cleanText(cells[i] ?? '')])));
}

function readCsv(name: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(path.join(REFERENCE_DIR, name), 'utf8'));
}

function field(row: Record<string, string>, name: string): string {
  const value = row[name];
  if (value === undefined) {
    throw new Error(`reference: column ${name} missing`);
  }
  return value;
}

const CENTRAL_KINDS: Record<string, AgencyKind> = {
  bo: 'ministry',
  co_quan_ngang_bo: 'ministerial-agency',
  co_quan_thuoc_chinh_phu: 'government-agency',
};

/** Short name of a province: "Tỉnh Hà Tĩnh" → "Hà Tĩnh", "Thành phố Huế" → "Huế". */
function provinceBareName(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố)\s+/u, '');
}

function isValidOn(agency: { validFrom: string | null; validTo: string | null }, day: string): boolean {
  return (agency.validFrom === null || agency.validFrom <= day) && (agency.validTo === null || agency.validTo >= day);
}

type AliasInput = { alias: string; kind: AgencyAliasKind };

class RegisterBuilder {
  readonly agencies: RegisterAgency[] = [];
  readonly successions: RegisterSuccession[] = [];
  private readonly byName = new Map<string, RegisterAgency[]>();

  add(input: {
    key: string;
    name: string;
    kind: AgencyKind;
    shortName?: string | null | undefined;
    parentId?: string | null | undefined;
    code?: string | null | undefined;
    validFrom?: string | null | undefined;
    validTo?: string | null | undefined;
    note?: string | null | undefined;
    aliases?: AliasInput[];
    /** The short name only identifies the agency inside its province ("Sở Tài chính"). */
    shortNameIsRelative?: boolean;
  }): RegisterAgency {
    const name = cleanText(input.name);
    const shortName = input.shortName ? cleanText(input.shortName) : null;
    const shortKind: AgencyAliasKind = input.shortNameIsRelative ? 'relative' : 'short-name';
    const candidates: AliasInput[] = [
      { alias: name, kind: 'official-name' },
      ...(shortName ? [{ alias: shortName, kind: shortKind }] : []),
      ...(input.aliases ?? []),
    ];
    const seen = new Set<string>();
    const aliases: RegisterAgency['aliases'] = [];
    for (const a of candidates) {
      const alias = cleanText(a.alias);
      const folded = foldText(alias);
      if (folded && !seen.has(folded)) {
        seen.add(folded);
        aliases.push({ alias, folded, kind: a.kind });
      }
    }
    const agency: RegisterAgency = {
      id: stableId('agency', input.key),
      name,
      shortName,
      kind: input.kind,
      parentId: input.parentId ?? null,
      code: input.code ?? null,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      note: input.note ?? null,
      aliases,
    };
    if (this.agencies.some((a) => a.id === agency.id)) {
      throw new Error(`reference: duplicate agency key ${input.key}`);
    }
    this.agencies.push(agency);
    const folded = foldText(name);
    this.byName.set(folded, [...(this.byName.get(folded) ?? []), agency]);
    return agency;
  }

  /** The agency with this canonical name that is valid on `day` (or, without a day, the open-ended one). */
  find(name: string, day?: string | null): RegisterAgency {
    const all = this.byName.get(foldText(name)) ?? [];
    const pick = day ? all.find((a) => isValidOn(a, day)) : (all.find((a) => a.validTo === null) ?? all[0]);
    if (!pick) {
      throw new Error(`reference: no agency named "${name}"${day ? ` on ${day}` : ''}`);
    }
    return pick;
  }

  succeed(input: {
    predecessor: RegisterAgency;
    successor: RegisterAgency;
    effectiveOn: string;
    kind: SuccessionKind;
    legalBasis: string;
    note?: string | null;
  }): void {
    this.successions.push({
      id: stableId('agency-succession', `${input.predecessor.id}>${input.successor.id}@${input.effectiveOn}`),
      predecessorId: input.predecessor.id,
      successorId: input.successor.id,
      effectiveOn: input.effectiveOn,
      kind: input.kind,
      legalBasis: input.legalBasis,
      note: input.note ?? null,
    });
  }
}

/** Key of a non-territorial agency: its folded name and first day, so a re-created body gets a new id. */
function bodyKey(name: string, validFrom: string | null | undefined): string {
  return `body:${foldText(name)}@${validFrom ?? 'open'}`;
}

function catalogueAliases(entry: {
  aliases?: readonly string[] | undefined;
  abbreviations?: readonly string[] | undefined;
  relativeAliases?: readonly string[] | undefined;
}): AliasInput[] {
  return [
    ...(entry.aliases ?? []).map((alias) => ({ alias, kind: 'spelling' as const })),
    ...(entry.abbreviations ?? []).map((alias) => ({ alias, kind: 'abbreviation' as const })),
    ...(entry.relativeAliases ?? []).map((alias) => ({ alias, kind: 'relative' as const })),
  ];
}

function addCatalogueEntry(builder: RegisterBuilder, entry: CatalogueEntry): RegisterAgency {
  const parent = entry.parent ? builder.find(entry.parent, entry.validFrom ?? entry.validTo ?? null) : null;
  return builder.add({
    key: bodyKey(entry.name, entry.validFrom),
    name: entry.name,
    shortName: entry.shortName,
    kind: entry.kind,
    parentId: parent?.id ?? null,
    validFrom: entry.validFrom,
    validTo: entry.validTo,
    note: entry.note,
    aliases: catalogueAliases(entry),
    shortNameIsRelative: (entry.relativeAliases?.length ?? 0) > 0,
  });
}

function addCentralAgencies(builder: RegisterBuilder): RegisterAgency[] {
  const out: RegisterAgency[] = [];
  for (const row of readCsv('central_agencies_2025.csv')) {
    const name = field(row, 'name');
    const kind = CENTRAL_KINDS[field(row, 'kind')];
    if (!kind) {
      throw new Error(`reference: unknown central agency kind ${field(row, 'kind')}`);
    }
    const formedFrom = field(row, 'formed_from')
      .split(';')
      .map((s) => foldText(s))
      .filter(Boolean);
    // A body that keeps its name (Bộ Tài chính absorbing Bộ Kế hoạch và Đầu tư) continues; one formed under a
    // new name (Bộ Nông nghiệp và Môi trường) starts on its operating day.
    const isNew = formedFrom.length > 0 && !formedFrom.includes(foldText(name));
    const validFrom = isNew ? field(row, 'operating_from') : null;
    const decree = field(row, 'functions_decree');
    out.push(
      builder.add({
        key: bodyKey(name, validFrom),
        name,
        shortName: field(row, 'short'),
        kind,
        validFrom,
        note: [CENTRAL_BASIS, decree, `độ tin cậy: ${field(row, 'confidence')}`].filter(Boolean).join('; '),
        aliases: catalogueAliases(CENTRAL_AGENCY_ALIASES[name] ?? {}),
      }),
    );
  }
  return out;
}

function addCentralSuccessions(builder: RegisterBuilder): void {
  for (const row of readCsv('central_agency_succession_2025.csv')) {
    const oldName = field(row, 'old_agency').replace(/\s*\(.*\)\s*$/u, '');
    const lastDay = field(row, 'old_last_day');
    const from = field(row, 'successor_from');
    const relation = field(row, 'relation');
    const predecessor = builder.find(oldName, lastDay);
    const successorNames = field(row, 'successor')
      .split(';')
      .map((s) => s.replace(/\s*\(.*\)\s*$/u, '').trim())
      .filter(Boolean);
    const note = `${relation}; độ tin cậy: ${field(row, 'confidence')}`;
    if (relation.startsWith('moved_under')) {
      // The body itself continues under a new parent: its successor is the same-named row from `from`.
      builder.succeed({
        predecessor,
        successor: builder.find(oldName, from),
        effectiveOn: from,
        kind: 'move',
        legalBasis: CENTRAL_BASIS,
        note,
      });
      continue;
    }
    const kind: SuccessionKind = relation.startsWith('dissolved')
      ? 'split'
      : relation.startsWith('renamed')
        ? 'rename'
        : 'merge';
    for (const successorName of successorNames) {
      builder.succeed({
        predecessor,
        successor: builder.find(successorName, from),
        effectiveOn: from,
        kind,
        legalBasis: CENTRAL_BASIS,
        note,
      });
    }
  }
}

function provinceAliases(name: string): AliasInput[] {
  const bare = provinceBareName(name);
  const out: AliasInput[] = [];
  if (name.startsWith('Thành phố ')) {
    out.push({ alias: `TP ${bare}`, kind: 'spelling' });
  } else {
    out.push({ alias: `Tỉnh ${bare}`, kind: 'spelling' });
  }
  for (const extra of PROVINCE_ALIASES[name] ?? []) {
    out.push({ alias: extra, kind: 'spelling' });
  }
  return out;
}

function addProvinces(builder: RegisterBuilder): Map<string, RegisterAgency> {
  const provinces = readCsv('provinces_2025.csv');
  const mergeMap = readCsv('province_merge_map_63_to_34.csv');
  const unchangedNewCodes = new Set(provinces.filter((p) => field(p, 'merged') === 'no').map((p) => field(p, 'code')));
  const oldByCode = new Map<string, RegisterAgency>();
  const newByCode = new Map<string, RegisterAgency>();
  const communeCount = new Map(provinces.map((p) => [field(p, 'code'), field(p, 'commune_level_units')]));

  // The 63 units as they were until 30/6/2025; the 11 that were not merged simply continue.
  for (const row of mergeMap) {
    const code = field(row, 'old_code');
    const name = modernToneMarks(field(row, 'old_name'));
    const newCode = field(row, 'new_code');
    const unchanged = unchangedNewCodes.has(newCode) && newCode === code;
    const agency = builder.add({
      key: `province:63:${code}`,
      name,
      shortName: provinceBareName(name),
      kind: 'province',
      code,
      validTo: unchanged ? null : PROVINCES_2025_LAST_OLD_DAY,
      note: unchanged
        ? `Không sắp xếp năm 2025; ${communeCount.get(code) ?? '?'} đơn vị hành chính cấp xã từ 01/7/2025.`
        : `Sắp xếp vào ${modernToneMarks(field(row, 'new_name'))} từ 01/7/2025 (${PROVINCE_MERGE_BASIS}).`,
      aliases: provinceAliases(name),
    });
    oldByCode.set(code, agency);
    if (unchanged) {
      newByCode.set(code, agency);
    }
  }

  // The 23 units formed by merging, from 1/7/2025. Each keeps one predecessor's code (not always the one whose
  // name it keeps: new Bắc Ninh is 24, old Bắc Giang's code), so identity is the era and the code together.
  for (const row of provinces) {
    if (field(row, 'merged') !== 'yes') {
      continue;
    }
    const code = field(row, 'code');
    const name = modernToneMarks(field(row, 'name'));
    const centre = field(row, 'political_admin_center_per_60NQTW');
    const agency = builder.add({
      key: `province:34:${code}`,
      name,
      shortName: provinceBareName(name),
      kind: 'province',
      code,
      validFrom: PROVINCES_2025_FROM,
      note: [
        `Hợp nhất từ ${modernToneMarks(field(row, 'former_units')).replace(/;/g, ',')}`,
        centre ? `trung tâm chính trị - hành chính: ${centre}` : '',
        `${field(row, 'commune_level_units')} đơn vị hành chính cấp xã`,
        PROVINCE_MERGE_BASIS,
      ]
        .filter(Boolean)
        .join('; '),
      aliases: provinceAliases(name),
    });
    newByCode.set(code, agency);
    for (const formerCode of field(row, 'former_codes')
      .split(';')
      .map((s) => s.trim())) {
      const predecessor = oldByCode.get(formerCode);
      if (!predecessor) {
        throw new Error(`reference: former province code ${formerCode} not in the merge map`);
      }
      builder.succeed({
        predecessor,
        successor: agency,
        effectiveOn: PROVINCES_2025_FROM,
        kind: 'merge',
        legalBasis: PROVINCE_MERGE_BASIS,
      });
    }
  }
  if (oldByCode.size !== 63 || newByCode.size !== 34) {
    throw new Error(`reference: expected 63 and 34 provinces, got ${oldByCode.size} and ${newByCode.size}`);
  }
  return newByCode;
}

function addCommunes(builder: RegisterBuilder, provincesByNewCode: Map<string, RegisterAgency>): void {
  for (const row of readCsv('communes_2025_gso1027.csv')) {
    const province = provincesByNewCode.get(field(row, 'province_code'));
    if (!province) {
      throw new Error(`reference: commune ${field(row, 'code')} has unknown province ${field(row, 'province_code')}`);
    }
    builder.add({
      key: `commune:2025:${field(row, 'code')}`,
      name: field(row, 'name'),
      kind: 'commune',
      parentId: province.id,
      code: field(row, 'code'),
      validFrom: PROVINCES_2025_FROM,
      note: COMMUNE_BASIS,
    });
  }
}

function buildGroups(builder: RegisterBuilder): RegisterGroup[] {
  return AGENCY_GROUPS.map((g, position) => {
    const rule: RegisterGroup['rule'] = { kinds: [...g.kinds] };
    if (g.parent) {
      rule.parentId = builder.find(g.parent, PROVINCES_2025_FROM).id;
    } else if (g.topLevelOnly) {
      rule.parentId = null;
    }
    if (g.relativeTo) {
      rule.relativeTo = g.relativeTo;
    }
    if (g.open) {
      rule.open = true;
    }
    return { id: stableId('agency-group', g.key), name: g.name, rule, aliases: [...g.aliases], position };
  });
}

let cached: AgencyRegisterSnapshot | undefined;

/**
 * Builds the whole register from `reference/` and the hand-written catalogue, in memory and deterministically
 * (the same ids on every machine). The result is cached and must be treated as read-only.
 */
export function buildReferenceSnapshot(): AgencyRegisterSnapshot {
  if (cached) {
    return cached;
  }
  const builder = new RegisterBuilder();
  const central = addCentralAgencies(builder);
  for (const entry of FORMER_CENTRAL_AGENCIES) {
    addCatalogueEntry(builder, entry);
  }
  const provincesByNewCode = addProvinces(builder);
  addCommunes(builder, provincesByNewCode);
  for (const entry of AGENCY_CATALOGUE) {
    addCatalogueEntry(builder, entry);
  }
  // The Party committee of each ministry leads some tasks itself (seed 001 PL02: "Đảng ủy Bộ Tài chính").
  for (const ministry of central.filter((a) => a.kind === 'ministry' || a.kind === 'ministerial-agency')) {
    const name = `Đảng ủy ${ministry.name}`;
    builder.add({
      key: bodyKey(name, ministry.validFrom),
      name,
      kind: 'party-body',
      parentId: ministry.id,
      validFrom: ministry.validFrom,
      aliases: ministry.shortName ? [{ alias: `Đảng ủy ${ministry.shortName}`, kind: 'abbreviation' }] : [],
    });
  }
  addCentralSuccessions(builder);
  cached = { agencies: builder.agencies, successions: builder.successions, groups: buildGroups(builder) };
  return cached;
}
