import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgencyKind } from '@shared/contracts/agencies';
import { cleanText, foldText } from '@shared/lib/vn-text';

/**
 * The agencies a generated dataset is drawn from: the real 2025 register shipped in `reference/`
 * (ministries, provinces, communes) plus the standard provincial departments of Nghị định 45/2025 and
 * 150/2025. Names are real; ids are generated.
 */

export type CatalogAgency = {
  /** Unique key inside the catalog, the input of the generated id. */
  key: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  parentKey: string | null;
  code: string | null;
  validFrom: string | null;
  /** The province this agency belongs to (provinces, their departments and communes). */
  provinceCode: string | null;
  aliases: { alias: string; kind: 'abbreviation' | 'short-name' | 'spelling' }[];
};

const REFERENCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../reference');

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
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
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

function readCsvRecords(fileName: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(REFERENCE_DIR, fileName), 'utf8'));
  if (!header) {
    throw new Error(`reference/${fileName} is empty`);
  }
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name.trim(), cleanText(cells[i] ?? '')])));
}

const CENTRAL_KINDS: Record<string, AgencyKind> = {
  bo: 'ministry',
  co_quan_ngang_bo: 'ministerial-agency',
  co_quan_thuoc_chinh_phu: 'government-agency',
};

/** Bodies that assign or carry out tasks besides the Government's 22 (named in the seeds). */
const OTHER_CENTRAL: { short: string; name: string; kind: AgencyKind }[] = [
  { short: 'VPTW', name: 'Văn phòng Trung ương Đảng', kind: 'party-body' },
  { short: 'BTGDVTW', name: 'Ban Tuyên giáo và Dân vận Trung ương', kind: 'party-body' },
  { short: 'BTCTW', name: 'Ban Tổ chức Trung ương', kind: 'party-body' },
  { short: 'BCSCLTW', name: 'Ban Chính sách, chiến lược Trung ương', kind: 'party-body' },
  { short: 'ĐUCP', name: 'Đảng ủy Chính phủ', kind: 'party-body' },
  { short: 'TANDTC', name: 'Tòa án nhân dân tối cao', kind: 'other' },
  { short: 'VKSNDTC', name: 'Viện kiểm sát nhân dân tối cao', kind: 'other' },
  { short: 'KTNN', name: 'Kiểm toán nhà nước', kind: 'other' },
  { short: 'BHXH', name: 'Bảo hiểm xã hội Việt Nam', kind: 'other' },
  { short: 'Viettel', name: 'Tập đoàn Công nghiệp - Viễn thông Quân đội', kind: 'enterprise' },
  { short: 'VNPT', name: 'Tập đoàn Bưu chính Viễn thông Việt Nam', kind: 'enterprise' },
  { short: 'EVN', name: 'Tập đoàn Điện lực Việt Nam', kind: 'enterprise' },
  { short: 'MobiFone', name: 'Tổng công ty Viễn thông MobiFone', kind: 'enterprise' },
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

/** Provincial bodies used only when more agencies are asked for than the register has. */
const EXTRA_PROVINCIAL_BODIES = [
  'Công an',
  'Bộ Chỉ huy Quân sự',
  'Trung tâm Chuyển đổi số',
  'Trung tâm Phục vụ hành chính công',
  'Ban Quản lý các khu công nghiệp',
  'Đài Phát thanh và Truyền hình',
];

type Province = { code: string; name: string; place: string; shortPlace: string };

/** "Tỉnh Cao Bằng" → place "tỉnh Cao Bằng", short "Cao Bằng"; "Thành phố Huế" keeps its capital (as written). */
function provinceFromName(code: string, name: string): Province {
  const match = /^(Tỉnh|Thành phố)\s+(.+)$/u.exec(name);
  const shortPlace = match?.[2] ?? name;
  return { code, name, place: match?.[1] === 'Tỉnh' ? `tỉnh ${shortPlace}` : name, shortPlace };
}

function dedupeAliases(name: string, aliases: CatalogAgency['aliases']): CatalogAgency['aliases'] {
  const seen = new Set([foldText(name)]);
  return aliases.filter((a) => {
    const folded = foldText(a.alias);
    if (!folded || seen.has(folded)) {
      return false;
    }
    seen.add(folded);
    return true;
  });
}

export type AgencyCatalog = {
  central: CatalogAgency[];
  provinces: CatalogAgency[];
  /** Departments grouped by province code, in decree order. */
  departmentsByProvince: Map<string, CatalogAgency[]>;
  /** Communes in the order of Công văn 1027/CTK-CSCL. */
  communes: CatalogAgency[];
  extrasByProvince: Map<string, CatalogAgency[]>;
};

let cached: AgencyCatalog | undefined;

/** Reads the reference files once per process. */
export function loadAgencyCatalog(): AgencyCatalog {
  if (cached) {
    return cached;
  }
  const central: CatalogAgency[] = readCsvRecords('central_agencies_2025.csv').map((r) => {
    const name = r.name ?? '';
    const short = r.short ?? '';
    const aliases: CatalogAgency['aliases'] = [{ alias: short, kind: 'abbreviation' }];
    if (name.includes(' và ')) {
      aliases.push({ alias: name.replace(' và ', ' '), kind: 'spelling' });
    }
    return {
      key: `central:${short}`,
      name,
      shortName: short,
      kind: CENTRAL_KINDS[r.kind ?? ''] ?? 'other',
      parentKey: null,
      code: short,
      validFrom: r.operating_from || null,
      provinceCode: null,
      aliases: dedupeAliases(name, aliases),
    };
  });
  for (const other of OTHER_CENTRAL) {
    central.push({
      key: `central:${other.short}`,
      name: other.name,
      shortName: other.short,
      kind: other.kind,
      parentKey: null,
      code: other.short,
      validFrom: null,
      provinceCode: null,
      aliases: dedupeAliases(other.name, [{ alias: other.short, kind: 'abbreviation' }]),
    });
  }

  const provinceList = readCsvRecords('provinces_2025.csv').map((r) => provinceFromName(r.code ?? '', r.name ?? ''));
  const provinces: CatalogAgency[] = provinceList.map((p) => ({
    key: `province:${p.code}`,
    name: p.name,
    shortName: p.shortPlace,
    kind: 'province',
    parentKey: null,
    code: p.code,
    validFrom: '2025-07-01',
    provinceCode: p.code,
    aliases: dedupeAliases(p.name, [
      { alias: p.shortPlace, kind: 'short-name' },
      { alias: `UBND ${p.place}`, kind: 'abbreviation' },
      { alias: `Ủy ban nhân dân ${p.place}`, kind: 'spelling' },
    ]),
  }));

  const departmentsByProvince = new Map<string, CatalogAgency[]>();
  const extrasByProvince = new Map<string, CatalogAgency[]>();
  for (const p of provinceList) {
    departmentsByProvince.set(
      p.code,
      PROVINCIAL_DEPARTMENTS.map((d) => {
        const name = `${d.base} ${p.place}`;
        return {
          key: `department:${p.code}:${d.short}`,
          name,
          shortName: `${d.base} ${p.shortPlace}`,
          kind: 'provincial-department' as const,
          parentKey: `province:${p.code}`,
          code: null,
          validFrom: '2025-07-01',
          provinceCode: p.code,
          aliases: dedupeAliases(name, [{ alias: `${d.base} ${p.shortPlace}`, kind: 'short-name' }]),
        };
      }),
    );
    extrasByProvince.set(
      p.code,
      EXTRA_PROVINCIAL_BODIES.map((base, i) => ({
        key: `extra:${p.code}:${i}`,
        name: `${base} ${p.place}`,
        shortName: null,
        kind: 'provincial-department' as const,
        parentKey: `province:${p.code}`,
        code: null,
        validFrom: '2025-07-01',
        provinceCode: p.code,
        aliases: [],
      })),
    );
  }

  const communes: CatalogAgency[] = readCsvRecords('communes_2025_gso1027.csv').map((r) => {
    const name = r.name ?? '';
    const lower = name.replace(/^(Xã|Phường|Đặc khu)\s/u, (m) => m.toLocaleLowerCase('vi'));
    return {
      key: `commune:${r.code}`,
      name,
      shortName: null,
      kind: 'commune',
      parentKey: `province:${r.province_code}`,
      code: r.code ?? null,
      validFrom: '2025-07-01',
      provinceCode: r.province_code ?? null,
      aliases: dedupeAliases(name, [{ alias: `UBND ${lower}`, kind: 'abbreviation' }]),
    };
  });

  cached = { central, provinces, departmentsByProvince, communes, extrasByProvince };
  return cached;
}

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
    extras.push({
      key: `unit:${i}`,
      name: `Đơn vị sự nghiệp công lập số ${i}${province ? ` ${province.name.replace(/^Tỉnh/u, 'tỉnh').replace(/^Thành phố/u, 'thành phố')}` : ''}`,
      shortName: null,
      kind: 'other',
      parentKey: province?.key ?? null,
      code: null,
      validFrom: null,
      provinceCode: province?.provinceCode ?? null,
      aliases: [],
    });
  }
  return [...central, ...provinces, ...departments, ...communes, ...extras];
}
