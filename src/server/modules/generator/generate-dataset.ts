import type { Db, DbOrTx } from '@server/db/client';
import { queryRows } from '@server/db/client';
import {
  agencies,
  agencyAliases,
  agencyGroups,
  assignments,
  directiveSections,
  directives,
  sourceFiles,
  sourceLists,
  taskKeys,
  tasks,
} from '@server/db/schema/index';
import { sha256Hex, stableId } from '@server/lib/ids';
import { buildReferenceSnapshot } from '@server/modules/agencies/agency-reference';
import type { AgencyKind } from '@shared/contracts/agencies';
import { cleanText, foldText } from '@shared/lib/vn-text';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type CatalogAgency, loadAgencyCatalog, selectAgencies } from './agency-catalog';
import { createPrng, type Prng } from './prng';
import { generateDeadline, generateTaskText, pickField, pickLaw } from './task-text';

export type GenerateOptions = {
  agencies: number;
  tasks: number;
  seed: number;
};

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = { agencies: 3400, tasks: 20000, seed: 1 };

/** Every generated row carries this instant, so that the same seed gives byte-identical rows. */
export const GENERATED_AT = new Date('2025-07-18T00:00:00.000Z');

/** Average tasks per directive; sizes vary from a handful to about four times this. */
const TASKS_PER_DIRECTIVE = 40;
const BATCH_ROWS = 1000;

export type Dataset = {
  agencies: (typeof agencies.$inferInsert)[];
  agencyAliases: (typeof agencyAliases.$inferInsert)[];
  agencyGroups: (typeof agencyGroups.$inferInsert)[];
  sourceFiles: (typeof sourceFiles.$inferInsert)[];
  directives: (typeof directives.$inferInsert)[];
  directiveSections: (typeof directiveSections.$inferInsert)[];
  sourceLists: (typeof sourceLists.$inferInsert)[];
  tasks: (typeof tasks.$inferInsert)[];
  taskKeys: (typeof taskKeys.$inferInsert)[];
  assignments: (typeof assignments.$inferInsert)[];
};

export type DatasetCounts = { [K in keyof Dataset]: number };

export type GenerateResult = {
  options: GenerateOptions;
  counts: DatasetCounts;
  rows: number;
  /** Time to build the rows in memory, then to write them. */
  buildMs: number;
  writeMs: number;
  rowsPerSecond: number;
};

export class GenerateTargetNotEmptyError extends Error {
  readonly code = 'GENERATE_TARGET_NOT_EMPTY';
  constructor(readonly existingTasks: number) {
    super(
      `Cơ sở dữ liệu đã có ${existingTasks} nhiệm vụ/văn bản; hãy sinh dữ liệu vào một thư mục dữ liệu (--data-dir) ` +
        'hoặc cơ sở dữ liệu trống. (The target database is not empty.)',
    );
  }
}

type DirectiveKind =
  | 'nghi-quyet'
  | 'ke-hoach'
  | 'thong-bao-ket-luan'
  | 'quyet-dinh'
  | 'chi-thi'
  | 'cong-van'
  | 'chuong-trinh'
  | 'de-an';

const CENTRAL_DIRECTIVE_KINDS: readonly (readonly [DirectiveKind, number])[] = [
  ['nghi-quyet', 15],
  ['ke-hoach', 22],
  ['thong-bao-ket-luan', 15],
  ['quyet-dinh', 15],
  ['chi-thi', 8],
  ['cong-van', 12],
  ['chuong-trinh', 6],
  ['de-an', 7],
];

const KIND_NAMES: Record<DirectiveKind, string> = {
  'nghi-quyet': 'Nghị quyết',
  'ke-hoach': 'Kế hoạch',
  'thong-bao-ket-luan': 'Thông báo kết luận',
  'quyet-dinh': 'Quyết định',
  'chi-thi': 'Chỉ thị',
  'cong-van': 'Công văn',
  'chuong-trinh': 'Chương trình',
  'de-an': 'Đề án',
};

const SECTION_TITLES = [
  'HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH',
  'PHÁT TRIỂN HẠ TẦNG SỐ',
  'PHÁT TRIỂN NGUỒN NHÂN LỰC CHẤT LƯỢNG CAO',
  'CHUYỂN ĐỔI SỐ TRONG CƠ QUAN NHÀ NƯỚC',
  'PHÁT TRIỂN DỮ LIỆU SỐ',
  'THÚC ĐẨY ĐỔI MỚI SÁNG TẠO',
  'BẢO ĐẢM AN TOÀN, AN NINH MẠNG',
  'NÂNG CAO NHẬN THỨC, TẠO ĐỘT PHÁ VỀ ĐỔI MỚI TƯ DUY',
  'TĂNG CƯỜNG HỢP TÁC QUỐC TẾ',
  'TỔ CHỨC THỰC HIỆN',
  'CẮT GIẢM, ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH',
  'BỐ TRÍ NGUỒN LỰC',
] as const;

const SUBSECTION_TITLES = [
  'Về thể chế',
  'Về dữ liệu',
  'Về hạ tầng',
  'Về nhân lực',
  'Về dịch vụ công trực tuyến',
  'Về kinh phí',
  'Về kiểm tra, giám sát',
] as const;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** Collective expressions a directive uses instead of listing members, and how they expand. */
const GROUP_ALL = 'Các bộ, ngành, địa phương';
const GROUP_PROVINCES = 'Các địa phương';
const GROUP_MINISTRIES = 'Các bộ, ngành';
const GROUP_COMMUNES = 'UBND cấp xã';

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y}`;
}

/** Splits `total` into `parts` positive sizes with a long tail (most directives are short, a few long). */
function directiveSizes(rng: Prng, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.25 + rng.next() ** 2 * 3);
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - parts;
  const sizes = weights.map((w) => 1 + Math.floor((spare * w) / sum));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts, left--) {
    sizes[i] = (sizes[i] as number) + 1;
  }
  return sizes;
}

type AgencyPools = {
  all: CatalogAgency[];
  centralLeads: CatalogAgency[];
  centralBodies: CatalogAgency[];
  provinces: CatalogAgency[];
  departmentsByProvince: Map<string, CatalogAgency[]>;
  communesByProvince: Map<string, CatalogAgency[]>;
};

function buildPools(selected: CatalogAgency[]): AgencyPools {
  const byKind = (kinds: AgencyKind[]) => selected.filter((a) => kinds.includes(a.kind));
  const departmentsByProvince = new Map<string, CatalogAgency[]>();
  const communesByProvince = new Map<string, CatalogAgency[]>();
  for (const a of selected) {
    if (!a.provinceCode || a.kind === 'province') {
      continue;
    }
    const map = a.kind === 'commune' ? communesByProvince : departmentsByProvince;
    map.set(a.provinceCode, [...(map.get(a.provinceCode) ?? []), a]);
  }
  const centralLeads = byKind(['ministry', 'ministerial-agency', 'government-agency']);
  return {
    all: selected,
    centralLeads: centralLeads.length > 0 ? centralLeads : selected.slice(0, 1),
    centralBodies: byKind(['ministry', 'ministerial-agency', 'government-agency', 'party-body', 'other', 'enterprise']),
    provinces: byKind(['province']),
    departmentsByProvince,
    communesByProvince,
  };
}

/**
 * Builds a national-scale dataset in memory: agencies (real 2025 names), directives with sections,
 * tasks with Vietnamese text and every kind of deadline, and multi-agency assignments (1–3 leads,
 * 0–5 coordinators, some expanded from collective expressions). Pure: the same options always give
 * the same rows, ids included.
 */
export function buildDataset(options: GenerateOptions): Dataset {
  const rng = createPrng(options.seed);
  const ns = `tiendo-generate:${options.seed}`;
  const idOf = (kind: string, key: string) => stableId(ns, `${kind}:${key}`);
  const timestamps = { createdAt: GENERATED_AT, updatedAt: GENERATED_AT };

  const selected = selectAgencies(loadAgencyCatalog(), options.agencies);
  const selectedIds = new Set(selected.map((a) => a.id));
  const data: Dataset = {
    agencies: [],
    agencyAliases: [],
    // The register's collective expressions, so that imports into a generated database expand them as usual.
    agencyGroups: buildReferenceSnapshot().groups.map((g) => ({ ...g })),
    sourceFiles: [],
    directives: [],
    directiveSections: [],
    sourceLists: [],
    tasks: [],
    taskKeys: [],
    assignments: [],
  };
  for (const a of selected) {
    data.agencies.push({
      id: a.id,
      name: a.name,
      shortName: a.shortName,
      kind: a.kind,
      parentId: a.parentId && selectedIds.has(a.parentId) ? a.parentId : null,
      code: a.code,
      validFrom: a.validFrom,
      validTo: null,
      nameFolded: foldText(a.name),
      note: a.note,
      ...timestamps,
    });
    for (const alias of a.aliases) {
      // The same alias id as the reference loader's, so that loading the register later updates, never duplicates.
      data.agencyAliases.push({
        id: stableId('agency-alias', `${a.id}|${alias.folded}`),
        agencyId: a.id,
        alias: alias.alias,
        aliasFolded: alias.folded,
        kind: alias.kind,
      });
    }
  }

  const pools = buildPools(selected);
  const provincesWithDepartments = pools.provinces.filter(
    (p) => (pools.departmentsByProvince.get(p.provinceCode ?? '')?.length ?? 0) > 0,
  );
  const directiveCount = Math.max(1, Math.round(options.tasks / TASKS_PER_DIRECTIVE));
  const sizes = options.tasks > 0 ? directiveSizes(rng, options.tasks, Math.min(directiveCount, options.tasks)) : [];
  const issueStart = Date.UTC(2024, 9, 1);
  const issueSpanDays = 456; // 1/10/2024 … 31/12/2025

  sizes.forEach((size, d) => {
    const province = provincesWithDepartments.length > 0 && rng.chance(0.3) ? rng.pick(provincesWithDepartments) : null;
    const kind: DirectiveKind = province
      ? rng.pick(['ke-hoach', 'quyet-dinh', 'cong-van', 'chi-thi'] as const)
      : rng.weighted(CENTRAL_DIRECTIVE_KINDS);
    const issuedOn = isoDate(new Date(issueStart + rng.int(0, issueSpanDays) * 86_400_000));
    const year = Number(issuedOn.slice(0, 4));
    const { number, issuer } = directiveNumber(rng, kind, d, province);
    const title = cleanText(directiveTitle(rng, kind, year, province));
    const directiveId = idOf('directive', number);
    const fileId = idOf('file', number);
    const fileName = `${number.replace(/[/\\]/g, '-')}.docx`;
    data.sourceFiles.push({
      id: fileId,
      sha256: sha256Hex(`${ns}:file:${number}`),
      fileName,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      sizeBytes: 20_000 + size * rng.int(600, 1400),
      storageKey: `generated/${options.seed}/${fileName}`,
      createdAt: GENERATED_AT,
    });
    data.directives.push({
      id: directiveId,
      stableKey: number,
      kind,
      number,
      issuedOn,
      issuer,
      title,
      status: 'issued',
      sourceFileId: fileId,
      titleFolded: foldText(title),
      version: 1,
      ...timestamps,
    });
    const listId = idOf('list', number);
    const listTitle = `Phụ lục: Danh mục nhiệm vụ kèm theo ${KIND_NAMES[kind]} số ${number}`;
    data.sourceLists.push({
      id: listId,
      sourceFileId: fileId,
      position: 0,
      kind: 'task-list',
      title: listTitle,
      line: null,
      reportedOn: null,
    });

    // Sections: short notices have none; others have roman sections, some split into numbered ones.
    const leafSections: { id: string; path: string }[] = [];
    if (size >= 4 && (kind !== 'cong-van' || rng.chance(0.3))) {
      const sectionCount = Math.min(ROMAN.length, Math.max(1, Math.ceil(size / rng.int(8, 16))));
      const titles = rng.sample(SECTION_TITLES, sectionCount);
      let position = 0;
      titles.forEach((sectionTitle, s) => {
        const label = ROMAN[s] as string;
        const sectionId = idOf('section', `${number}:${label}`);
        data.directiveSections.push({
          id: sectionId,
          directiveId,
          parentId: null,
          label,
          title: sectionTitle,
          position,
        });
        position++;
        if (rng.chance(0.3)) {
          rng.sample(SUBSECTION_TITLES, rng.int(2, 3)).forEach((subTitle, k) => {
            const subLabel = `${k + 1}.`;
            const subId = idOf('section', `${number}:${label}:${k + 1}`);
            data.directiveSections.push({
              id: subId,
              directiveId,
              parentId: sectionId,
              label: subLabel,
              title: subTitle,
              position,
            });
            position++;
            leafSections.push({ id: subId, path: `${label}. ${sectionTitle} › ${subLabel} ${subTitle}` });
          });
        } else {
          leafSections.push({ id: sectionId, path: `${label}. ${sectionTitle}` });
        }
      });
    }

    const place = province ? (province.name.startsWith('Tỉnh') ? `tỉnh ${province.shortName}` : province.name) : null;
    const texts = new Set<string>();
    let previousSection = -1;
    let labelInSection = 0;
    for (let t = 0; t < size; t++) {
      let generated = generateTaskText(rng, place);
      let folded = foldText(generated.text);
      // Two tasks of one directive never share a text: the identity key (directive + text) must be unique.
      for (let attempt = 2; texts.has(folded); attempt++) {
        generated = {
          ...generated,
          text: generated.text.replace(/\.$/u, attempt % 2 === 0 ? ` (đợt ${attempt}).` : ` (giai đoạn ${attempt}).`),
        };
        folded = foldText(generated.text);
      }
      texts.add(folded);
      const sectionIndex = leafSections.length > 0 ? Math.floor((t * leafSections.length) / size) : -1;
      if (sectionIndex !== previousSection) {
        previousSection = sectionIndex;
        labelInSection = 0;
      }
      labelInSection++;
      const section = sectionIndex >= 0 ? leafSections[sectionIndex] : undefined;
      const deadline = generateDeadline(rng, issuedOn);
      const taskId = idOf('task', `${number}:${t + 1}`);
      const identityKey = `${number}|${folded}`;
      const assigned = pickAssignments(rng, pools, province);
      const notes =
        deadline.due && rng.chance(0.04)
          ? `Hạn được giao: ${formatDate(deadline.due)}`
          : rng.chance(0.03)
            ? 'Nhiệm vụ chuyển tiếp từ năm trước'
            : null;
      data.tasks.push({
        id: taskId,
        identityKey,
        directiveId,
        sectionId: section?.id ?? null,
        position: t + 1,
        label: `${labelInSection}.`,
        text: generated.text,
        textFolded: folded,
        product: generated.product,
        notes,
        leadText: assigned.leadText,
        coordinatorsText: assigned.coordinatorsText,
        deadlineRaw: deadline.raw,
        deadlineKind: deadline.kind,
        deadlineDue: deadline.due,
        deadlineStart: deadline.start,
        deadlineRule: deadline.rule,
        status: rng.chance(0.02) ? 'proposed' : 'confirmed',
        provenance: { file: fileName, sourceFileId: fileId, row: t + 1, list: listTitle },
        version: 1,
        ...timestamps,
      });
      data.taskKeys.push({ key: identityKey, taskId });
      for (const a of assigned.rows) {
        data.assignments.push({
          id: idOf('assignment', `${number}:${t + 1}:${a.role}:${a.agency.id}`),
          taskId,
          agencyId: a.agency.id,
          role: a.role,
          viaGroup: a.viaGroup,
          isActive: true,
          createdAt: GENERATED_AT,
        });
      }
    }
  });
  return data;
}

function directiveNumber(
  rng: Prng,
  kind: DirectiveKind,
  index: number,
  province: CatalogAgency | null,
): { number: string; issuer: string } {
  // (index + 1) * step + offset (offset < step) keeps every number unique for its symbol.
  const step = {
    'nghi-quyet': 1,
    'ke-hoach': 2,
    'thong-bao-ket-luan': 3,
    'quyet-dinh': 7,
    'chi-thi': 1,
    'cong-van': 11,
    'chuong-trinh': 1,
    'de-an': 1,
  }[kind];
  const n = (index + 1) * step + rng.int(0, step - 1);
  if (province) {
    const issuer = `Ủy ban nhân dân ${province.name.startsWith('Tỉnh') ? `tỉnh ${province.shortName}` : province.name}`;
    const symbols: Partial<Record<DirectiveKind, string>> = {
      'ke-hoach': 'KH-UBND',
      'quyet-dinh': 'QĐ-UBND',
      'cong-van': 'UBND-KGVX',
      'chi-thi': 'CT-UBND',
    };
    return { number: `${n}/${symbols[kind] ?? 'KH-UBND'}`, issuer };
  }
  switch (kind) {
    case 'nghi-quyet':
      return { number: `${n}/NQ-CP`, issuer: 'Chính phủ' };
    case 'ke-hoach':
      return { number: `${n}/KH-BCĐ`, issuer: 'Ban Chỉ đạo của Chính phủ' };
    case 'thong-bao-ket-luan':
      return { number: `${n}/TB-VPCP`, issuer: 'Văn phòng Chính phủ' };
    case 'quyet-dinh':
      return { number: `${n}/QĐ-TTg`, issuer: 'Thủ tướng Chính phủ' };
    case 'chi-thi':
      return { number: `${n}/CT-TTg`, issuer: 'Thủ tướng Chính phủ' };
    case 'cong-van':
      return { number: `${n}/VPCP-KGVX`, issuer: 'Văn phòng Chính phủ' };
    case 'chuong-trinh':
      return { number: `${n}/CTr-CP`, issuer: 'Chính phủ' };
    default:
      return { number: `${n}/ĐA-TTg`, issuer: 'Thủ tướng Chính phủ' };
  }
}

function directiveTitle(rng: Prng, kind: DirectiveKind, year: number, province: CatalogAgency | null): string {
  const field = pickField(rng);
  const where = province
    ? ` trên địa bàn ${province.name.startsWith('Tỉnh') ? `tỉnh ${province.shortName}` : province.name}`
    : '';
  switch (kind) {
    case 'nghi-quyet':
      return `Nghị quyết ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW về ${field}`;
    case 'ke-hoach':
      return `Kế hoạch triển khai ${field} năm ${year}${where}`;
    case 'thong-bao-ket-luan':
      return `Thông báo kết luận của Thủ tướng Chính phủ tại Phiên họp thứ ${rng.int(1, 9)} của Ban Chỉ đạo về ${field}`;
    case 'quyet-dinh':
      return `Quyết định phê duyệt Đề án phát triển ${field} đến năm 2030${where}`;
    case 'chi-thi':
      return `Chỉ thị về việc đẩy mạnh ${field}${where}`;
    case 'cong-van':
      return `Công văn về việc triển khai thi hành ${pickLaw(rng)}${where}`;
    case 'chuong-trinh':
      return `Chương trình quốc gia về ${field} giai đoạn ${year} - 2030`;
    default:
      return `Đề án ${field} đến năm 2030, tầm nhìn đến năm 2045`;
  }
}

type PickedAssignment = { agency: CatalogAgency; role: 'lead' | 'coordinator'; viaGroup: string | null };

/** Leads and coordinators for one task, with the cell texts a document would show. */
function pickAssignments(
  rng: Prng,
  pools: AgencyPools,
  province: CatalogAgency | null,
): { rows: PickedAssignment[]; leadText: string; coordinatorsText: string | null } {
  const leadCount = rng.weighted([
    [1, 70],
    [2, 22],
    [3, 8],
  ] as const);
  const coordinatorCount = rng.weighted([
    [0, 20],
    [1, 20],
    [2, 22],
    [3, 18],
    [4, 12],
    [5, 8],
  ] as const);
  const rows: PickedAssignment[] = [];
  const used = new Set<string>();
  const add = (agency: CatalogAgency, role: PickedAssignment['role'], viaGroup: string | null) => {
    if (!used.has(agency.id)) {
      used.add(agency.id);
      rows.push({ agency, role, viaGroup });
    }
  };

  let leadGroup: { name: string; members: CatalogAgency[] } | null = null;
  let coordinatorGroup: { name: string; members: CatalogAgency[] } | null = null;
  let leadPool: CatalogAgency[];
  let coordinatorPool: CatalogAgency[];
  if (province) {
    const departments = pools.departmentsByProvince.get(province.provinceCode ?? '') ?? [province];
    const communes = pools.communesByProvince.get(province.provinceCode ?? '') ?? [];
    leadPool = rng.chance(0.1) && communes.length > 0 ? communes : departments;
    coordinatorPool = [...departments, ...communes.slice(0, 40), province];
    if (communes.length > 0 && rng.chance(0.03)) {
      coordinatorGroup = { name: GROUP_COMMUNES, members: communes };
    }
  } else {
    leadPool = rng.chance(0.06) ? pools.centralBodies : pools.centralLeads;
    coordinatorPool = [...pools.centralBodies, ...pools.provinces];
    const roll = rng.next();
    if (roll < 0.01 && pools.provinces.length > 0) {
      leadGroup = { name: GROUP_PROVINCES, members: pools.provinces };
    } else if (roll < 0.03) {
      coordinatorGroup = { name: GROUP_ALL, members: [...pools.centralLeads, ...pools.provinces] };
    } else if (roll < 0.06) {
      coordinatorGroup = { name: GROUP_MINISTRIES, members: pools.centralLeads };
    }
  }

  const leads = leadGroup ? [] : rng.sample(leadPool, leadCount);
  for (const agency of leads) {
    add(agency, 'lead', null);
  }
  for (const agency of leadGroup?.members ?? []) {
    add(agency, 'lead', leadGroup?.name ?? null);
  }
  const coordinators = rng.sample(coordinatorPool, coordinatorCount).filter((a) => !used.has(a.id));
  for (const agency of coordinators) {
    add(agency, 'coordinator', null);
  }
  for (const agency of coordinatorGroup?.members ?? []) {
    add(agency, 'coordinator', coordinatorGroup?.name ?? null);
  }
  const leadText = leadGroup ? leadGroup.name : leads.map((a) => a.name).join(', ');
  const coordinatorNames = coordinators.map((a) => a.name);
  if (coordinatorGroup) {
    coordinatorNames.push(coordinatorGroup.name.charAt(0).toLocaleLowerCase('vi') + coordinatorGroup.name.slice(1));
  }
  return { rows, leadText, coordinatorsText: coordinatorNames.length > 0 ? coordinatorNames.join(', ') : null };
}

export function countDataset(data: Dataset): DatasetCounts {
  return Object.fromEntries(Object.entries(data).map(([k, rows]) => [k, rows.length])) as DatasetCounts;
}

async function insertBatches(
  tx: DbOrTx,
  table: PgTable,
  rows: Record<string, unknown>[],
  options: { skipExisting?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const insert = tx.insert(table).values(rows.slice(i, i + BATCH_ROWS));
    await (options.skipExisting ? insert.onConflictDoNothing() : insert);
  }
}

/**
 * Writes a built dataset in one transaction, 1000 rows per statement, parents before children. Refuses a database
 * that already holds directives or tasks.
 */
export async function writeDataset(db: Db, data: Dataset): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`select ((select count(*) from ${tasks}) + (select count(*) from ${directives}))::int as n`,
    );
    if ((row?.n ?? 0) > 0) {
      throw new GenerateTargetNotEmptyError(row?.n ?? 0);
    }
    // Agencies, aliases and groups from the reference register may already be there (`serve` loads it into an
    // empty database): the rows are the same, so existing ones are kept.
    await insertBatches(tx, agencies, data.agencies, { skipExisting: true });
    await insertBatches(tx, agencyAliases, data.agencyAliases, { skipExisting: true });
    await insertBatches(tx, agencyGroups, data.agencyGroups, { skipExisting: true });
    await insertBatches(tx, sourceFiles, data.sourceFiles);
    await insertBatches(tx, directives, data.directives);
    await insertBatches(tx, directiveSections, data.directiveSections);
    await insertBatches(tx, sourceLists, data.sourceLists);
    await insertBatches(tx, tasks, data.tasks);
    await insertBatches(tx, taskKeys, data.taskKeys);
    await insertBatches(tx, assignments, data.assignments);
  });
}

/**
 * Generates the dataset for `options` into `db` (which must hold no directives or tasks) and reports
 * how fast it went. Same seed and sizes → identical rows.
 */
export async function generateDataset(db: Db, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const data = buildDataset(options);
  const built = performance.now();
  await writeDataset(db, data);
  const written = performance.now();
  const counts = countDataset(data);
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  const totalSeconds = (written - started) / 1000;
  return {
    options,
    counts,
    rows,
    buildMs: Math.round(built - started),
    writeMs: Math.round(written - built),
    rowsPerSecond: Math.round(rows / Math.max(totalSeconds, 0.001)),
  };
}

/** Generated tables, for fingerprints: each name with the column that orders its rows. */
export const GENERATED_TABLES = [
  'agencies',
  'agency_aliases',
  'agency_groups',
  'source_files',
  'directives',
  'directive_sections',
  'source_lists',
  'tasks',
  'task_keys',
  'assignments',
] as const;

/**
 * An md5 of every row of each generated table (rows as JSON, sorted; creation times left out because rows that
 * were already there, such as a preloaded reference register, carry their own): equal fingerprints, equal data.
 */
export async function fingerprintDataset(db: DbOrTx): Promise<Record<(typeof GENERATED_TABLES)[number], string>> {
  const out: Partial<Record<(typeof GENERATED_TABLES)[number], string>> = {};
  for (const table of GENERATED_TABLES) {
    const [row] = await queryRows<{ hash: string; n: number }>(
      db,
      sql.raw(
        `select md5(coalesce(string_agg(r::text, E'\\n' order by r::text), '')) as hash
         from (select to_jsonb(t) - 'created_at' - 'updated_at' as r from ${table} t) x`,
      ),
    );
    out[table] = row?.hash ?? '';
  }
  return out as Record<(typeof GENERATED_TABLES)[number], string>;
}
