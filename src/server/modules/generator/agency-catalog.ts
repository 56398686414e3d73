import { stableId } from '@server/lib/ids';
import { buildReferenceSnapshot } from '@server/modules/agencies/agency-reference';
import type { AgencyAliasKind, RegisterAgency } from '@server/modules/agencies/agency-resolver';
import type { AgencyKind } from '@shared/contracts/agencies';
import { foldText } from '@shared/lib/vn-text';

/**
 * The agencies a generated dataset is drawn from: the product's own reference register (the 2025 ministries,
 * 34 provinces, 3,321 communes and the hand-written catalogue, with their deterministic ids and aliases), plus the
 * standard provincial departments of Nghị định 45/2025 and 150/2025 for every province the register does not
 * detail. Because real agencies keep their register ids, `tiendo agencies load-reference` on a generated database
 * completes the register instead of duplicating it.
 */

export type CatalogAlias = { alias: string; folded: string; kind: AgencyAliasKind };

export type CatalogAgency = {
  id: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  parentId: string | null;
  code: string | null;
  validFrom: string | null;
  note: string | null;
  /** The code of the province this agency sits in (provinces, their departments and communes); null if central. */
  provinceCode: string | null;
  aliases: CatalogAlias[];
};

const GENERATED_NOTE = 'Sinh tự động (tiendo generate): cơ quan chuẩn theo Nghị định 45/2025/NĐ-CP, 150/2025/NĐ-CP';

/** The order central bodies are taken in when fewer agencies are asked for than exist. */
const CENTRAL_ORDER: AgencyKind[] = [
  'ministry',
  'ministerial-agency',
  'government-agency',
  'party-body',
  'other',
  'enterprise',
  'provincial-department',
  'commune',
  'province',
];

/** The departments every province has (NĐ 45/2025, NĐ 150/2025), in the decree's order. */
const PROVINCIAL_DEPARTMENTS: { base: string; short: string }[] = [
  { base: 'Sở Nội vụ', short: 'SNV' },
  { base: 'Sở Tư pháp', short: 'STP' },
  { base: 'Sở Tài chính', short: 'STC' },
  { base: 'Sở Công Thương', short: 'SCT' },
  { base: 'Sở Nông nghiệp và Môi trường', short: 'SNNMT' },
  { base: 'Sở Xây dựng', short: 'SXD' },
  { base: 'Sở Khoa học và Công nghệ', short: 'SKHCN' },
  { base: 'Sở Văn hóa, Thể thao và Du lịch', short: 'SVHTTDL' },
  { base: 'Sở Giáo dục và Đào tạo', short: 'SGDĐT' },
  { base: 'Sở Y tế', short: 'SYT' },
  { base: 'Thanh tra', short: 'TT' },
  { base: 'Văn phòng Ủy ban nhân dân', short: 'VPUBND' },
];

/** Provincial bodies used only when more agencies are asked for than the register and departments give. */
const EXTRA_PROVINCIAL_BODIES = [
  'Công an',
  'Bộ Chỉ huy Quân sự',
  'Trung tâm Chuyển đổi số',
  'Trung tâm Phục vụ hành chính công',
  'Ban Quản lý các khu công nghiệp',
  'Đài Phát thanh và Truyền hình',
];

/** "Tỉnh Cao Bằng" → "tỉnh Cao Bằng" (as it follows a department's name); cities keep "Thành phố". */
export function placeOf(provinceName: string): string {
  return provinceName.replace(/^Tỉnh\s/u, 'tỉnh ');
}

function generatedAgency(
  key: string,
  name: string,
  kind: AgencyKind,
  province: CatalogAgency,
  shortName: string | null,
): CatalogAgency {
  const id = stableId('tiendo-generate', `agency:${key}`);
  const aliases: CatalogAlias[] = shortName
    ? [{ alias: shortName, folded: foldText(shortName), kind: 'short-name' }]
    : [];
  return {
    id,
    name,
    shortName,
    kind,
    parentId: province.id,
    code: null,
    validFrom: province.validFrom,
    note: GENERATED_NOTE,
    provinceCode: province.provinceCode,
    aliases,
  };
}

export type AgencyCatalog = {
  central: CatalogAgency[];
  provinces: CatalogAgency[];
  /** Departments and other provincial bodies by province code: the standard ones first. */
  departmentsByProvince: Map<string, CatalogAgency[]>;
  /** Communes in the order of Công văn 1027/CTK-CSCL. */
  communes: CatalogAgency[];
  extrasByProvince: Map<string, CatalogAgency[]>;
};

let cached: AgencyCatalog | undefined;

/** Builds the catalog once per process from the reference register (agencies in force, not the ones that ended). */
export function loadAgencyCatalog(): AgencyCatalog {
  if (cached) {
    return cached;
  }
  const register = buildReferenceSnapshot().agencies.filter((a) => !a.validTo);
  const byId = new Map(register.map((a) => [a.id, a]));
  const provinceOf = (agency: RegisterAgency): RegisterAgency | null => {
    let current: RegisterAgency | undefined = agency;
    for (let depth = 0; current && depth < 10; depth++) {
      if (current.kind === 'province') {
        return current;
      }
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return null;
  };
  const toCatalog = (a: RegisterAgency): CatalogAgency => ({
    id: a.id,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    parentId: a.parentId,
    code: a.code,
    validFrom: a.validFrom,
    note: a.note,
    provinceCode: provinceOf(a)?.code ?? null,
    aliases: a.aliases.map((x) => ({ alias: x.alias, folded: x.folded, kind: x.kind })),
  });
  const all = register.map(toCatalog);
  const rank = (kind: AgencyKind) => CENTRAL_ORDER.indexOf(kind);
  const central = all
    .filter((a) => a.provinceCode === null)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a.kind) - rank(y.a.kind) || x.i - y.i)
    .map((x) => x.a);
  const provinces = all.filter((a) => a.kind === 'province');
  const communes = all.filter((a) => a.kind === 'commune');

  const departmentsByProvince = new Map<string, CatalogAgency[]>();
  const extrasByProvince = new Map<string, CatalogAgency[]>();
  for (const province of provinces) {
    const code = province.provinceCode ?? '';
    const own = all.filter((a) => a.provinceCode === code && a.kind !== 'province' && a.kind !== 'commune');
    const ownByName = new Map(own.map((a) => [foldText(a.name), a]));
    const place = placeOf(province.name);
    const standard = PROVINCIAL_DEPARTMENTS.map((d) => {
      const name = `${d.base} ${place}`;
      return (
        ownByName.get(foldText(name)) ??
        generatedAgency(
          `department:${code}:${d.short}`,
          name,
          'provincial-department',
          province,
          `${d.base} ${province.shortName ?? ''}`.trim(),
        )
      );
    });
    const standardIds = new Set(standard.map((a) => a.id));
    departmentsByProvince.set(code, [...standard, ...own.filter((a) => !standardIds.has(a.id))]);
    extrasByProvince.set(
      code,
      EXTRA_PROVINCIAL_BODIES.filter((base) => !ownByName.has(foldText(`${base} ${place}`))).map((base, i) =>
        generatedAgency(`extra:${code}:${i}`, `${base} ${place}`, 'provincial-department', province, null),
      ),
    );
  }
  cached = { central, provinces, departmentsByProvince, communes, extrasByProvince };
  return cached;
}

const PLACEHOLDER_PARENT: CatalogAgency = {
  id: '',
  name: '',
  shortName: null,
  kind: 'other',
  parentId: null,
  code: null,
  validFrom: null,
  note: null,
  provinceCode: null,
  aliases: [],
};

/** Evenly spaced picks, so that a partial selection still covers the whole list (every province). */
function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) {
    return [...items];
  }
  const out: T[] = [];
  for (let i = 0; i < count; i++) {
    out.push(items[Math.floor((i * items.length) / count)] as T);
  }
  return out;
}

/**
 * Chooses `total` agencies: central bodies first, then provinces, their departments, communes, and
 * (only past the real register's size) extra provincial bodies. Small totals keep a share of each level
 * so that provincial directives still have departments and communes to assign.
 */
export function selectAgencies(catalog: AgencyCatalog, total: number): CatalogAgency[] {
  let remaining = total;
  const take = (wanted: number): number => {
    const n = Math.max(0, Math.min(wanted, remaining));
    remaining -= n;
    return n;
  };
  const central = catalog.central.slice(0, take(Math.min(catalog.central.length, Math.ceil(total * 0.3))));
  const provinces = spread(catalog.provinces, take(Math.min(catalog.provinces.length, Math.ceil(total * 0.2))));
  const chosenProvinceCodes = new Set(provinces.map((p) => p.provinceCode));

  // Round-robin over provinces so that a partial selection gives every chosen province its first departments.
  const departmentPool: CatalogAgency[] = [];
  const departmentLists = provinces.map((p) => catalog.departmentsByProvince.get(p.provinceCode ?? '') ?? []);
  const maxDepartments = Math.max(0, ...departmentLists.map((l) => l.length));
  for (let j = 0; j < maxDepartments; j++) {
    for (const list of departmentLists) {
      const d = list[j];
      if (d) {
        departmentPool.push(d);
      }
    }
  }
  const departments = departmentPool.slice(0, take(Math.min(departmentPool.length, Math.ceil(total * 0.25))));

  const communePool = catalog.communes.filter((c) => chosenProvinceCodes.has(c.provinceCode));
  const communes = spread(communePool, take(communePool.length));

  const extras: CatalogAgency[] = [];
  const extraLists = provinces.map((p) => catalog.extrasByProvince.get(p.provinceCode ?? '') ?? []);
  for (let j = 0; remaining > 0 && j < EXTRA_PROVINCIAL_BODIES.length; j++) {
    for (const list of extraLists) {
      const e = list[j];
      if (e && remaining > 0) {
        extras.push(e);
        remaining--;
      }
    }
  }
  // Past every real and standard body: numbered public service units, so that any size can be asked for.
  for (let i = 1; remaining > 0; i++, remaining--) {
    const province = provinces[i % Math.max(1, provinces.length)];
    const name = `Đơn vị sự nghiệp công lập số ${i}${province ? ` ${placeOf(province.name)}` : ''}`;
    const unit = province
      ? generatedAgency(`unit:${i}`, name, 'other', province, null)
      : {
          ...generatedAgency(`unit:${i}`, name, 'other', PLACEHOLDER_PARENT, null),
          parentId: null,
          provinceCode: null,
        };
    extras.push(unit);
  }
  return [...central, ...provinces, ...departments, ...communes, ...extras];
}
