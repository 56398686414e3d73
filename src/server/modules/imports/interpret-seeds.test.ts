import fs from 'node:fs';
import path from 'node:path';
import {
  buildAgencyRegisterSnapshotFromReference,
  createAgencyResolver,
} from '@server/modules/agencies/agency-resolver';
import type { ImportList, ImportTask } from '@shared/contracts/imports';
import { ImportResultSchema } from '@shared/contracts/imports';
import { normalizeDeadline } from '@shared/domain/deadline';
import { beforeAll, describe, expect, it } from 'vitest';
import { type InterpretedImport, interpretDocuments, taskIdOf } from './build-import-result';
import { readTextDocument } from './read-text';
import type { SourceDocument, SourceTable } from './source-document';

const SEEDS = path.resolve('fixtures/seeds');
const resolver = createAgencyResolver(buildAgencyRegisterSnapshotFromReference(), { today: () => '2025-12-31' });
const deps = { resolver, normalizeDeadline };

function seed(prefix: string): { name: string; text: string } {
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) {
    throw new Error(`seed ${prefix} missing`);
  }
  return { name, text: fs.readFileSync(path.join(SEEDS, name), 'utf8') };
}

function interpretSeed(prefix: string): InterpretedImport {
  const { name, text } = seed(prefix);
  return interpretDocuments([readTextDocument(name, text)], deps);
}

function list(result: InterpretedImport, titleStart: string, nth = 0): ImportList {
  const found = result.lists.filter((l) => l.title.startsWith(titleStart));
  const hit = found[nth];
  if (!hit) {
    throw new Error(`no list ${titleStart} #${nth}; have ${result.lists.map((l) => l.title.slice(0, 40)).join(' | ')}`);
  }
  return hit;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function task(l: ImportList, row: number): ImportTask {
  const t = l.tasks.find((x) => x.row === row);
  if (!t) {
    throw new Error(`no row ${row} in ${l.title}`);
  }
  return t;
}

const sectionsOf = (l: ImportList) => [...new Set(l.tasks.map((t) => t.section))];

describe('seed 001 — appendices of MOST report 18/7/2025', () => {
  let r: InterpretedImport;
  let pl01: ImportList;
  let pl02: ImportList;
  beforeAll(() => {
    r = interpretSeed('001_');
    pl01 = list(r, 'PHỤ LỤC 01');
    pl02 = list(r, 'PHỤ LỤC 02');
  });

  it('matches the import contract and names every list from its caption', () => {
    expect(() => ImportResultSchema.parse({ ...r, dryRun: true, files: [], summary: emptySummary })).not.toThrow();
    expect(pl01.title).toBe(
      'PHỤ LỤC 01: DANH MỤC NHIỆM VỤ ĐÃ HOÀN THÀNH TRONG 06 THÁNG ĐẦU NĂM 2025 › CÁC NHIỆM VỤ ĐÃ HOÀN THÀNH',
    );
    expect(r.lists.map((l) => l.kind)).toEqual([
      'status-report',
      'status-report',
      'indicator-table',
      'indicator-table',
      'indicator-table',
      'task-list',
      'task-list',
      'status-report',
      'task-list',
      'task-list',
      'task-list',
      'task-list',
      'task-list',
      'task-list',
      'task-list',
      ...r.lists.slice(15).map(() => 'proposed-tasks'),
    ]);
    expect(list(r, 'PHỤ LỤC 06', 3).title).toBe(
      'PHỤ LỤC 06: DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 71/NQ-CP 06 THÁNG CUỐI NĂM 2025 › 2. NHIỆM VỤ CÓ THỜI HẠN TRONG 6 THÁNG CUỐI NĂM › c) Nhiệm vụ tháng 9/2025',
    );
  });

  it('fact 4: PL01 has 76 completed tasks (NFD status normalised) and the stated lead counts', () => {
    expect(pl01.tasks).toHaveLength(76);
    expect(pl01.reportedOn).toBe('2025-07-18');
    expect(pl01.tasks.every((t) => t.facts?.status === 'Đã hoàn thành')).toBe(true);
    expect(pl01.tasks.map((t) => t.label)).toEqual(Array.from({ length: 76 }, (_, i) => `${i + 1}.`));
    expect(countBy(pl01.tasks, (t) => t.lead.join(' + '))).toEqual({
      'Bộ Khoa học và Công nghệ': 33,
      'Bộ Tài chính': 13,
      'Bộ Nội vụ': 7,
      'Bộ Nông nghiệp và Môi trường': 5,
      'Bộ Tư pháp': 5,
      'Bộ Công Thương': 3,
      'Bộ Xây dựng': 3,
      'Bộ Công an': 3,
      'Bộ Giáo dục và Đào tạo': 2,
      'Bộ Quốc phòng': 1,
      'Văn phòng Chính phủ': 1,
    });
    // A report is not the directive of its tasks; PL01 names none, so the tasks belong to the file.
    expect(pl01.assignedBy).toBeNull();
    expect(r.problems.some((p) => p.code === 'ASSIGNED_BY_UNKNOWN' && p.line === pl01.line)).toBe(true);
  });

  it('fact 5: PL01 deadlines, with row 76 read from the wrong column and reported', () => {
    expect(countBy(pl01.tasks, (t) => t.deadline.raw)).toEqual({
      'Tháng 12/2025': 21,
      'Tháng 5/2025': 20,
      'Tháng 6/2025': 20,
      'Tháng 3/2025': 4,
      'Tháng 4/2025': 4,
      'Tháng 9/2025': 3,
      'Tháng 8/2025': 1,
      'Tháng 02/2025': 1,
      'Tháng 6/2026': 1,
      '30/6/2025': 1,
    });
    const row76 = task(pl01, 76);
    expect(row76.deadline).toMatchObject({ raw: '30/6/2025', kind: 'date', due: '2025-06-30' });
    expect(row76.product).toBeNull();
    expect(row76.text.startsWith('Bộ Nội vụ - Khẩn trương trong tháng 6/2025')).toBe(true);
    expect(row76.facts?.description).toContain('Nghị định số 173/2025/NĐ-CP của Chính phủ về cơ chế');
    const shifted = r.problems.filter((p) => p.code === 'VALUE_IN_WRONG_COLUMN');
    expect(shifted).toEqual([expect.objectContaining({ row: 76, line: 739, severity: 'warning' })]);
    expect(pl01.tasks.filter((t) => (t.deadline.due ?? '') > '2025-06-30')).toHaveLength(26);
    // A deadline cell split over two lines ("Tháng \n6/2025") reads as one expression.
    expect(task(pl01, 5).deadline).toMatchObject({ raw: 'Tháng 6/2025', kind: 'month', due: '2025-06-30' });
    // Row 70: a blank line inside the task text does not split the row.
    expect(task(pl01, 70).text).toContain('- Trí tuệ nhân tạo;');
    expect(task(pl01, 70).lead).toEqual(['Bộ Khoa học và Công nghệ']);
  });

  it('fact 6: PL01 rows 31–52 are CSDL tasks without coordinator; rows 48–52 have no description', () => {
    const csdl = pl01.tasks.filter((t) => t.product === 'Hoàn thành, khai thác sử dụng');
    expect(csdl.map((t) => t.row)).toEqual(Array.from({ length: 22 }, (_, i) => 31 + i));
    expect(csdl.every((t) => t.coordinators.length === 0 && t.coordinatorsRaw === null)).toBe(true);
    expect(csdl.filter((t) => !t.facts?.description).map((t) => t.row)).toEqual([48, 49, 50, 51, 52]);
  });

  it('fact 7: PL02 lists 30 overdue tasks with their deadlines and assigning documents', () => {
    expect(pl02.tasks).toHaveLength(30);
    expect(pl02.kind).toBe('status-report');
    expect(countBy(pl02.tasks, (t) => t.deadline.due ?? '-')).toEqual({
      '2025-06-30': 15,
      '2025-05-28': 4,
      '2025-03-31': 2,
      '2025-05-31': 2,
      '2025-05-30': 1,
      '2025-06-15': 1,
      '2025-06-25': 1,
      '2025-05-15': 1,
      '2025-04-30': 1,
      '2025-06-20': 1,
      '2025-07-01': 1,
    });
    expect(countBy(pl02.tasks, (t) => t.assignedBy ?? '-')).toEqual({
      '71/NQ-CP': 10,
      '25-TB/TGV': 4,
      '14-TB/TGV': 4,
      '27-TB/TGV': 4,
      '04-TB/BCĐTW': 3,
      '03-TB/BCĐTW': 2,
      '15-TB/TGV': 2,
      '31-TB/TGV': 1,
    });
    const keys = r.directives.map((d) => d.key);
    expect(keys).toEqual(expect.arrayContaining(['71/NQ-CP', '27-TB/TGV', '05-TB/BCĐTW', '02-KH/BCĐTW']));
    expect(r.directives.find((d) => d.key === '27-TB/TGV')).toMatchObject({
      kind: 'thong-bao-ket-luan',
      status: 'reference',
      issuedOn: '2025-06-08',
    });
  });

  it('fact 8: PL02 row 3 — Resolution 71, a collective lead, 31/5/2025 and 10 units not completed', () => {
    const row3 = task(pl02, 3);
    expect(row3.text.startsWith('Nâng cấp, hoàn thiện hạ tầng công nghệ thông tin')).toBe(true);
    expect(row3.assignedBy).toBe('71/NQ-CP');
    expect(row3.leadRaw).toBe('Các bộ, ngành, địa phương');
    expect(row3.leadGroups).toEqual(['Các bộ, ngành, địa phương']);
    // Expanded to the members as constituted on the deadline (63 provinces before 1/7/2025).
    expect(row3.lead).toEqual(expect.arrayContaining(['Bộ Tài chính', 'Bộ Công an', 'Tỉnh Hà Tĩnh', 'Tỉnh Bắc Kạn']));
    expect(row3.lead.length).toBeGreaterThan(70);
    expect(row3.deadline).toMatchObject({ raw: '31/5/2025', kind: 'date', due: '2025-05-31' });
    expect(row3.facts?.unitsNotCompleted).toEqual([
      'Bộ Nông nghiệp và Môi trường',
      'Bộ Tài chính',
      'Bộ Y tế',
      'Bộ Giáo dục và Đào tạo',
      'Bộ Dân tộc và Tôn giáo',
      'Tỉnh Đồng Nai',
      'Tỉnh Hà Tĩnh',
      'Tỉnh Bắc Ninh',
      'Tỉnh Thanh Hóa',
      'Tỉnh Ninh Bình',
    ]);
  });

  it('fact 9: PL02 has 143 (task, unit not completed) pairs over 32 distinct units', () => {
    const units = pl02.tasks.map((t) => t.facts?.unitsNotCompleted ?? []);
    expect(units.flat()).toHaveLength(143);
    expect(units[18]).toHaveLength(17);
    expect(units[28]).toHaveLength(17);
    expect(task(pl02, 30).facts?.unitsNotCompleted).toBeUndefined();
    const counts = countBy(units.flat(), (u) => u);
    expect(Object.keys(counts)).toHaveLength(32);
    expect(counts).toMatchObject({
      'Bộ Tài chính': 10,
      'Bộ Nông nghiệp và Môi trường': 10,
      'Bộ Dân tộc và Tôn giáo': 9,
      'Bộ Ngoại giao': 8,
      'Tỉnh Đồng Nai': 8,
      'Tỉnh Bắc Ninh': 8,
      'Thành phố Hà Nội': 7,
    });
  });

  it('fact 10: PL06 §1 repeats PL02 — 30 tasks, not 60, reported once', () => {
    const pl06a = list(r, 'PHỤ LỤC 06', 0);
    expect(pl06a.tasks).toHaveLength(30);
    const ids = new Set([...pl02.tasks, ...pl06a.tasks].map((t) => t.id));
    expect(ids.size).toBe(30);
    expect(pl06a.tasks.map((t) => t.id)).toEqual(pl02.tasks.map((t) => t.id));
    const dup = r.problems.filter((p) => p.code === 'DUPLICATE_TASK' && p.line === pl06a.line);
    expect(dup).toHaveLength(1);
    expect(dup[0]?.message.startsWith('30 nhiệm vụ')).toBe(true);
    // Every task id is the documented identity.
    expect(task(pl02, 3).id).toBe(taskIdOf('71/NQ-CP', task(pl02, 3).text));
  });

  it('fact 14: PL04 (Thông báo 05-TB/BCĐTW) has 33 tasks in 7 groups and a sub-heading; the last row is cut', () => {
    const pl04 = list(r, 'PHỤ LỤC 04');
    expect(pl04.tasks).toHaveLength(33);
    expect(pl04.assignedBy).toBe('05-TB/BCĐTW');
    expect(pl04.tasks.every((t) => t.assignedBy === '05-TB/BCĐTW' && t.label === null)).toBe(true);
    // Every task of group II sits under its only sub-heading a).
    expect(sectionsOf(pl04).map((s) => s?.split(' ')[0])).toEqual(['I.', 'II.', 'III.', 'IV.', 'V.', 'VI.', 'VII.']);
    expect(sectionsOf(pl04)[1]).toBe(
      'II. Về phát triển khoa học, công nghệ, đổi mới sáng tạo › a) Triển khai Kế hoạch hành động chiến lược (Kế hoạch số 01-KH/BCĐTW, ngày 02/6/2025 của Ban Chỉ đạo Trung ương)',
    );
    const directive = r.directives.find((d) => d.key === '05-TB/BCĐTW');
    expect(directive?.sections).toHaveLength(8);
    expect(directive?.sections[0]).toEqual({ label: 'I.', title: 'Về thể chế', parent: null });
    const last = task(pl04, 33);
    expect(last.deadline.kind).toBe('none');
    expect(last.leadRaw).toBe('Bộ, ngành, địa phương');
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'TRUNCATED_ROW', row: 33, line: 2302 }));
    const deadlines = countBy(pl04.tasks, (t) => t.deadline.raw);
    expect(deadlines).toMatchObject({
      'Tháng 12/2025': 7,
      'Thường xuyên': 5,
      'Tháng 8/2025': 4,
      '': 4,
      'Hằng tháng báo cáo Thường trực Ban Chỉ đạo kết quả thực hiện.': 3,
      'Tháng 7/2025': 2,
    });
    // Nine singletons in the seed notes count the missing cell of the truncated row; here it joins the 3 empty ones.
    expect(Object.values(deadlines).filter((n) => n === 1)).toHaveLength(8);
    expect(deadlines['TNhiệm vụ này cần được hoàn thành và báo cáo Thường trực Ban Chỉ đạo. trong tháng 7/2025']).toBe(
      1,
    );
    expect(pl04.tasks.filter((t) => t.notes)).toHaveLength(1);
  });

  it('fact 15: PL05 (Kế hoạch 02-KH/BCĐTW) has 36 tasks in 7 groups; only the first is numbered', () => {
    const pl05 = list(r, 'PHỤ LỤC 05');
    expect(pl05.tasks).toHaveLength(36);
    expect(pl05.assignedBy).toBe('02-KH/BCĐTW');
    expect(sectionsOf(pl05)).toHaveLength(7);
    expect(pl05.tasks.map((t) => t.label).filter(Boolean)).toEqual(['1.']);
    expect(countBy(pl05.tasks, (t) => t.deadline.raw)).toMatchObject({
      'Tháng 8/2025': 9,
      'Thường xuyên': 6,
      'Tháng 7/2025': 5,
      'Tháng 9/2025': 5,
      'Tháng 12/2025': 3,
      'Trước ngày 20/12/2025': 2,
    });
    expect(pl05.tasks.map((t) => t.notes).filter(Boolean)).toEqual([
      'Danh mục 116 CSDL được nêu tại Nghị quyết số 71/NQ-CP',
    ]);
  });

  it('fact 16: PL06 §2 holds 207 tasks (a–g 2/9/56/3/8/106/23); 105 CSDL tasks with PL01', () => {
    const parts = [1, 2, 3, 4, 5, 6, 7].map((n) => list(r, 'PHỤ LỤC 06', n));
    expect(parts.map((l) => l.tasks.length)).toEqual([2, 9, 56, 3, 8, 106, 23]);
    expect(parts.every((l) => l.assignedBy === '71/NQ-CP' && l.kind === 'task-list')).toBe(true);
    const csdl = [pl01, parts[1], parts[5]].flatMap((l) => l?.tasks ?? []);
    expect(csdl.filter((t) => t.product === 'Hoàn thành, khai thác sử dụng')).toHaveLength(105);
    // "-" as coordinator means none.
    expect(parts[5]?.tasks.find((t) => t.row === 10)?.coordinators).toEqual([]);
  });

  it('a sample of tasks: lead, coordinators, raw and normalised deadline', () => {
    const pl05 = list(r, 'PHỤ LỤC 05');
    expect(task(pl05, 1)).toMatchObject({
      section: 'I. Về thể chế',
      lead: ['Bộ Công an'],
      coordinators: ['Bộ Khoa học và Công nghệ'],
      coordinatorsRaw: 'Bộ Khoa học và Công nghệ và các cơ quan, đơn vị liên quan',
      deadline: { raw: 'Tháng 8/2025', kind: 'month', due: '2025-08-31' },
      assignedBy: '02-KH/BCĐTW',
    });
    const pl06c = list(r, 'PHỤ LỤC 06', 3);
    const row20 = task(pl06c, 20);
    expect(row20.text.startsWith('Hoàn thành số hóa quy trình nghiệp vụ nội bộ')).toBe(true);
    expect(row20).toMatchObject({
      leadGroups: ['Các bộ, ngành, địa phương'],
      coordinators: ['Văn phòng Chính phủ', 'Bộ Công an', 'Bộ Khoa học và Công nghệ'],
      deadline: { raw: 'Tháng 9/2025', kind: 'month', due: '2025-09-30' },
    });
    // As constituted on 30/9/2025: the 34 provinces after the merger, not the 63 before it.
    expect(row20.lead).toContain('Tỉnh Bắc Ninh');
    expect(row20.lead).not.toContain('Tỉnh Bắc Giang');
    const pl06e = list(r, 'PHỤ LỤC 06', 6);
    const lead = task(pl06e, 5).lead;
    expect(lead).toEqual(['Bộ Công an']);
    expect(task(pl06e, 5).coordinators).not.toContain('Bộ Công an');
    expect(task(pl01, 1)).toMatchObject({
      lead: ['Bộ Khoa học và Công nghệ'],
      deadline: { raw: 'Tháng 4/2025', kind: 'month', due: '2025-04-30' },
      facts: { status: 'Đã hoàn thành' },
    });
    expect(task(pl01, 1).coordinators[0]).toBe('Ban Tuyên giáo và Dân vận Trung ương');
  });

  it('keeps PL03 as indicator tables with their rows', () => {
    const indicators = r.lists.filter((l) => l.kind === 'indicator-table');
    expect(indicators.map((l) => l.rows?.length)).toEqual([15, 63, 34]);
    expect(indicators[0]?.rows?.[5]).toMatchObject({
      TT: '6',
      'Tên bộ/ngành': 'Bộ Nội vụ',
      'Tỷ lệ đạt được tháng 6': '67.44',
    });
  });
});

describe('seed 003 — draft report of the Government Party Committee', () => {
  let r: InterpretedImport;
  beforeAll(() => {
    r = interpretSeed('003_');
  });

  it('fact 18: Phụ lục 1 has 37 tasks in 6 groups; TIẾN ĐỘ is a reported status 21/14/2', () => {
    const pl1 = list(r, 'Phụ lục 1');
    expect(pl1.kind).toBe('status-report');
    expect(pl1.assignedBy).toBe('71/NQ-CP');
    expect(pl1.tasks).toHaveLength(37);
    expect(Object.values(countBy(pl1.tasks, (t) => t.section ?? '-'))).toEqual([8, 11, 10, 1, 5, 2]);
    expect(sectionsOf(pl1)[4]).toBe(
      'V. Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ, đổi mới sáng tạo trong hoạt động của các cơ quan trong hệ thống chính trị',
    );
    expect(countBy(pl1.tasks, (t) => t.facts?.status ?? '-')).toEqual({
      'Hoàn thành': 21,
      'Đang thực hiện': 14,
      'Quá hạn': 2,
    });
    const overdue = pl1.tasks.filter((t) => t.facts?.status === 'Quá hạn');
    expect(overdue.map((t) => [t.row, t.lead, t.deadline.raw])).toEqual([
      [25, ['Bộ Công an'], 'Tháng 3/2025'],
      [34, ['Bộ Y tế'], 'Tháng 4/2025'],
    ]);
    expect(countBy(pl1.tasks, (t) => t.deadline.due ?? '-')).toEqual({
      '2025-05-31': 26,
      '2025-03-31': 6,
      '2025-04-30': 5,
    });
  });

  it('reads the two documents of the file: a letter and a draft report (neither is a directive)', () => {
    expect(r.directives.map((d) => [d.key, d.status])).toEqual([['71/NQ-CP', 'reference']]);
    expect(r.directives[0]?.sections.map((s) => s.title)).toEqual([
      'Nhận thức',
      'Thể chế',
      'Hạ tầng',
      'Phát triển, trọng dụng nhân lực chất lượng cao.',
      'Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ, đổi mới sáng tạo trong hoạt động của các cơ quan trong hệ thống chính trị',
      'Thúc đẩy mạnh mẽ hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong doanh nghiệp',
    ]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'DOCUMENT_NUMBER_MISSING', line: 38 }));
  });

  it('the same task in 001 PL02 and 003 Phụ lục 1 gets the same id (Resolution 71, same wording)', () => {
    const both = interpretDocuments(
      ['001_', '003_'].map((p) => {
        const { name, text } = seed(p);
        return readTextDocument(name, text);
      }),
      deps,
    );
    const pl02 = list(both, 'PHỤ LỤC 02');
    const pl1 = list(both, 'Phụ lục 1');
    const shared = pl1.tasks.filter((t) => pl02.tasks.some((u) => u.id === t.id));
    expect(shared.map((t) => t.row)).toContain(25);
  });
});

describe('seed 004 — Ho Chi Minh City bundle', () => {
  let r: InterpretedImport;
  let city: ImportList;
  beforeAll(() => {
    r = interpretSeed('004_');
    city = list(r, 'PHỤ LỤC NHIỆM VỤ, GIẢI PHÁP');
  });

  it('reads three documents; the plan and the notice are directives, the plan assigns its appendix', () => {
    const own = r.directives.filter((d) => d.status !== 'reference');
    expect(own.map((d) => [d.key, d.kind, d.issuedOn])).toEqual([
      ['01-KH/BCĐ', 'ke-hoach', '2025-10-23'],
      ['07-TB/CQTTBCĐ', 'thong-bao-ket-luan', '2025-10-15'],
    ]);
    expect(own[0]?.issuer).toBe(
      'THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH / BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ THÀNH PHỐ HỒ CHÍ MINH',
    );
    expect(own[0]?.sections.slice(0, 2)).toEqual([
      { label: 'I.', title: 'MỤC ĐÍCH, YÊU CẦU', parent: null },
      { label: '1.', title: 'Mục đích', parent: 'I. MỤC ĐÍCH, YÊU CẦU' },
    ]);
    expect(city.assignedBy).toBe('01-KH/BCĐ');
    expect(city.kind).toBe('task-list');
  });

  it('fact 22: the city appendix has 40 tasks in 3 groups, with the page-break continuations merged', () => {
    expect(city.tasks).toHaveLength(40);
    expect(city.tasks.map((t) => t.label)).toEqual(Array.from({ length: 40 }, (_, i) => `${i + 1}.`));
    const groups = countBy(city.tasks, (t) => t.section ?? '-');
    expect(groups).toEqual({
      'PHỤ LỤC NHIỆM VỤ, GIẢI PHÁP › I. Công tác chỉ đạo, điều hành': 5,
      'PHỤ LỤC NHIỆM VỤ, GIẢI PHÁP › II. Một số nhiệm vụ trọng tâm về thúc đẩy chuyển đổi số quốc gia': 28,
      'PHỤ LỤC NHIỆM VỤ, GIẢI PHÁP › III. Về bảo đảm kinh phí cho khoa học, công nghệ đổi mới sáng tạo, chuyển đổi số': 7,
    });
    expect(countBy(city.tasks, (t) => t.deadline.raw)).toEqual({
      '31/12/2025': 14,
      'Thường xuyên': 8,
      '01/01/2026': 6,
      'Trước 15/11/2025': 5,
      '30/11/2025': 2,
      'Quý IV/2025': 2,
      'quý IV/2025': 1,
      'Quý I/2026': 1,
      'Năm 2025': 1,
    });
    expect(task(city, 17).text.endsWith('thúc đẩy doanh nghiệp Viết phát triển (nhiệm vụ thường xuyên).')).toBe(true);
    expect(task(city, 17).text).not.toContain('<p>');
    expect(task(city, 10).coordinatorsRaw).toBe(
      'Văn phòng Ủy ban nhân dân Thành phố, Trung tâm Chuyển đổi số Thành phố, Công an Thành phố',
    );
    expect(task(city, 2).leadRaw).toBe(
      'Các cơ quan khối Đảng, khối Chính quyền, Hội đồng nhân dân, Mặt trận Tổ quốc và các đoàn thể của Thành phố',
    );
    // Footnote markers are stripped from the text and their notes kept.
    expect(task(city, 1).text.endsWith('tiêu chuẩn, quy chuẩn kỹ thuật')).toBe(true);
    expect(task(city, 1).notes).toBe(
      'Chú thích 2: Kế hoạch số 01-KH/BCĐTW, ngày 02/6/2025 và Kế hoạch số 02-KH/BCĐTW, ngày 19/6/2025',
    );
  });

  it('fact 21: tasks 36–40 were extended; the original deadline stays in the notes', () => {
    for (const row of [36, 37, 38, 39, 40]) {
      expect(task(city, row).deadline).toMatchObject({ raw: 'Trước 15/11/2025', due: '2025-11-15' });
      expect(task(city, row).notes).toBe(`Hạn được giao: ${row === 38 ? '01/10/2025' : '30/9/2025'}`);
    }
    expect(task(city, 23).deadline).toMatchObject({ raw: 'quý IV/2025', kind: 'quarter', due: '2025-12-31' });
    expect(task(city, 23).notes).toBe('Đề xuất thời gian hoàn thành: quý IV/2025');
  });

  it('fact 23: task 8 lead is an HTML list over a page break naming 10 city bodies', () => {
    const t8 = task(city, 8);
    expect(t8.deadline).toMatchObject({ raw: 'Năm 2025', kind: 'year', due: '2025-12-31' });
    expect(t8.leadRaw?.split('\n')).toHaveLength(10);
    expect(t8.lead).toEqual([
      'Văn phòng Thành ủy Thành phố Hồ Chí Minh',
      'Sở Nông nghiệp và Môi trường Thành phố Hồ Chí Minh',
      'Sở Tài chính Thành phố Hồ Chí Minh',
      'Sở Xây dựng Thành phố Hồ Chí Minh',
      'Thanh tra Thành phố Hồ Chí Minh',
      'Sở Tư pháp Thành phố Hồ Chí Minh',
      'Sở Nội vụ Thành phố Hồ Chí Minh',
      'Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh',
      'Sở Y tế Thành phố Hồ Chí Minh',
      'Sở Công Thương Thành phố Hồ Chí Minh',
    ]);
    expect(task(city, 4).notes).toBe('Theo tài khoản được cấp\nChú thích 3: Quy chế số 03-QC/BCĐTW, ngày 23/6/2025');
    expect(task(city, 5).notes).toBe('Theo tài khoản được cấp\nChú thích 4: Quy chế số 02-QC/BCĐTW, ngày 10/6/2025');
    expect(task(city, 5).text).toContain('kèm minh chứng');
  });
});

describe('all seeds', () => {
  it('every result matches the import contract; every problem has a file, a code and a place', () => {
    for (const prefix of ['000_', '001_', '002_', '003_', '004_']) {
      const r = interpretSeed(prefix);
      expect(() => ImportResultSchema.parse({ ...r, dryRun: true, files: [], summary: emptySummary })).not.toThrow();
      for (const p of r.problems) {
        expect(p.file.startsWith(prefix)).toBe(true);
        expect(p.code).toMatch(/^[A-Z_]+$/);
      }
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
  });
});

describe('seeds 002 and 000', () => {
  it('002 is notice 292/TB-VPCP of 09/6/2025, a directive with its sections', () => {
    const r = interpretSeed('002_');
    const notice = r.directives.find((d) => d.key === '292/TB-VPCP');
    expect(notice).toMatchObject({
      kind: 'thong-bao-ket-luan',
      number: '292/TB-VPCP',
      issuedOn: '2025-06-09',
      issuer: 'VĂN PHÒNG CHÍNH PHỦ',
      status: 'issued',
      title:
        'Kết luận Phiên họp lần thứ hai Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06',
    });
    expect(notice?.sections.filter((s) => s.parent === null).map((s) => s.label)).toEqual(['I.', 'II.', 'III.', 'IV.']);
    expect(notice?.sections.filter((s) => s.parent?.startsWith('IV.')).map((s) => s.label)).toEqual([
      '1.',
      '2.',
      '3.',
      '4.',
    ]);
    // The receipt stamp is a table, but not a task list.
    expect(r.lists[0]).toMatchObject({ kind: 'other-table', tasks: [] });
  });

  it('fact 1: 000 is two comment tables (19 and 36 consultees), kept as rows', () => {
    const r = interpretSeed('000_');
    expect(r.lists.map((l) => [l.kind, l.rows?.length])).toEqual([
      ['comment-table', 19],
      ['comment-table', 36],
    ]);
    const first = r.lists[0]?.rows ?? [];
    expect(first.filter((row) => row.TT === '').map((row) => row['Bộ, ngành'])).toEqual([
      'Bộ Công thương',
      'Đài Tiếng nói Việt Nam',
      'Viện Hàn lâm Khoa học và Xã hội Việt Nam',
      'Bộ Quốc phòng',
    ]);
    expect(r.lists[0]?.title).toBe('I. CÁC BỘ, CƠ QUAN NGANG BỘ, CƠ QUAN THUỘC CHÍNH PHỦ');
  });
});

describe('text layouts', () => {
  it('one cell per line: a tab alone is an empty cell, a blank line inside a cell does not end the row', () => {
    const text = [
      'PHỤ LỤC 01:',
      'DANH MỤC NHIỆM VỤ THEO NGHỊ QUYẾT SỐ 71/NQ-CP',
      '\tTT',
      '\tTên nhiệm vụ',
      '\tCơ quan ',
      'chủ trì',
      '\tThời hạn',
      '',
      '\t1. ',
      '\tViệc thứ nhất',
      '',
      'còn tiếp sau dòng trống',
      '\t',
      '\tTháng \n6/2025',
      '',
      '\t2. ',
      '\tViệc thứ hai',
      '\tBộ Công an',
      '\t30/6/2025',
    ].join('\n');
    const doc = readTextDocument('mau.txt', text);
    const table = doc.blocks.find((b): b is SourceTable => b.kind === 'table');
    expect(table?.rows.map((r) => r.cells)).toEqual([
      ['TT', 'Tên nhiệm vụ', 'Cơ quan\nchủ trì', 'Thời hạn'],
      ['1.', 'Việc thứ nhất\n\ncòn tiếp sau dòng trống', '', 'Tháng\n6/2025'],
      ['2.', 'Việc thứ hai', 'Bộ Công an', '30/6/2025'],
    ]);
    const r = interpretDocuments([doc], deps);
    expect(r.lists[0]?.assignedBy).toBe('71/NQ-CP');
    expect(r.lists[0]?.tasks.map((t) => [t.text, t.lead, t.deadline.due])).toEqual([
      ['Việc thứ nhất còn tiếp sau dòng trống', [], '2025-06-30'],
      ['Việc thứ hai', ['Bộ Công an'], '2025-06-30'],
    ]);
  });

  it('Markdown pipe tables with bold, <br> and a group row', () => {
    const text = [
      '## Phụ lục: DANH MỤC NHIỆM VỤ THEO KẾ HOẠCH SỐ 02-KH/BCĐTW',
      '',
      '| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Hạn hoàn thành |',
      '|---|---|---|---|',
      '| **I** | **Về thể chế** | | |',
      '| 1 | Rà soát văn bản<br>pháp luật | Bộ KH&CN | Quý II/2025 |',
    ].join('\n');
    const r = interpretDocuments([readTextDocument('mau.md', text)], deps);
    expect(r.lists[0]?.tasks).toEqual([
      expect.objectContaining({
        section: 'I. Về thể chế',
        label: '1',
        text: 'Rà soát văn bản pháp luật',
        lead: ['Bộ Khoa học và Công nghệ'],
        deadline: expect.objectContaining({ raw: 'Quý II/2025', due: '2025-06-30' }),
        assignedBy: '02-KH/BCĐTW',
      }),
    ]);
  });

  it('text arriving in NFD with look-alike letters and NBSP reads the same as NFC', () => {
    const nfc =
      'STT\tTên nhiệm vụ\tCơ quan chủ trì\tThời hạn\n1.\tXây dựng cơ sở dữ liệu\tBộ Công an\tTháng 6/2025\n2.\tViệc khác\tBộ Tư pháp\tTháng 7/2025\n';
    const messy = nfc.normalize('NFD').replace('Công an', 'Công\u00a0аn');
    const a = interpretDocuments([readTextDocument('a.txt', nfc)], deps);
    const b = interpretDocuments([readTextDocument('a.txt', messy)], deps);
    expect(b.lists[0]?.tasks.map((t) => [t.id, t.lead])).toEqual(a.lists[0]?.tasks.map((t) => [t.id, t.lead]));
    expect(a.lists[0]?.tasks[0]?.lead).toEqual(['Bộ Công an']);
  });
});

describe('tables from the .docx/.xlsx readers', () => {
  it('a two-row header under merged cells maps "Cơ quan" + "Chủ trì"/"Phối hợp" by meaning', () => {
    const doc: SourceDocument = {
      fileName: 'ke-hoach.xlsx',
      format: 'xlsx',
      blocks: [
        { kind: 'paragraph', text: 'DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH SỐ 01-KH/BCĐ', line: 1 },
        {
          kind: 'table',
          line: 3,
          rows: [
            {
              line: 3,
              cells: ['STT', 'Nhiệm vụ cụ thể', 'Cơ quan', 'Cơ quan', 'Sản phẩm/Kết quả', 'Thời gian hoàn thành'],
            },
            {
              line: 4,
              cells: ['STT', 'Nhiệm vụ cụ thể', 'Chủ trì', 'Phối hợp', 'Sản phẩm/Kết quả', 'Thời gian hoàn thành'],
            },
            { line: 5, cells: ['A', 'NHIỆM VỤ CHUNG', '', '', '', ''] },
            {
              line: 6,
              cells: ['1', 'Số hóa hồ sơ', 'Bộ Tư pháp', 'Bộ Công an; Bộ Tài chính', 'Cơ sở dữ liệu', 'Quý III/2025'],
            },
            {
              line: 7,
              cells: ['STT', 'Nhiệm vụ cụ thể', 'Chủ trì', 'Phối hợp', 'Sản phẩm/Kết quả', 'Thời gian hoàn thành'],
            },
            { line: 8, cells: ['2', 'Kết nối dữ liệu', 'Bộ Y tế', '', 'Hệ thống', 'Thường xuyên'] },
            { line: 9, cells: ['B', 'NHIỆM VỤ CỤ THỂ', '', '', '', ''] },
            { line: 10, cells: ['C', 'TỔ CHỨC THỰC HIỆN', '', '', '', ''] },
            { line: 11, cells: ['3', 'Báo cáo định kỳ', 'Bộ Nội vụ', '', 'Báo cáo', 'Hằng năm'] },
          ],
        },
      ],
    };
    const r = interpretDocuments([doc], deps);
    expect(r.lists[0]?.columns).toEqual([
      'STT',
      'Nhiệm vụ cụ thể',
      'Cơ quan Chủ trì',
      'Cơ quan Phối hợp',
      'Sản phẩm/Kết quả',
      'Thời gian hoàn thành',
    ]);
    expect(
      r.lists[0]?.tasks.map((t) => [t.section, t.label, t.lead, t.coordinators, t.product, t.deadline.due]),
    ).toEqual([
      ['A. NHIỆM VỤ CHUNG', '1', ['Bộ Tư pháp'], ['Bộ Công an', 'Bộ Tài chính'], 'Cơ sở dữ liệu', '2025-09-30'],
      ['A. NHIỆM VỤ CHUNG', '2', ['Bộ Y tế'], [], 'Hệ thống', null],
      // "C" after "B" is the third letter, not the roman hundred.
      ['C. TỔ CHỨC THỰC HIỆN', '3', ['Bộ Nội vụ'], [], 'Báo cáo', null],
    ]);
    expect(r.lists[0]?.assignedBy).toBe('01-KH/BCĐ');
  });

  it('"Tiến độ" is a deadline column when its cells are dates, a status otherwise', () => {
    const table = (progress: string[]): SourceDocument => ({
      fileName: 'tien-do.docx',
      format: 'docx',
      blocks: [
        {
          kind: 'table',
          line: 1,
          rows: [
            { line: 1, cells: ['TT', 'Nội dung', 'Đơn vị chủ trì', 'Tiến độ'] },
            ...progress.map((p, i) => ({ line: i + 2, cells: [`${i + 1}`, `Việc ${i + 1}`, 'Bộ Nội vụ', p] })),
          ],
        },
      ],
    });
    const dated = interpretDocuments([table(['Tháng 6/2025', 'Quý IV/2025'])], deps).lists[0];
    expect(dated?.kind).toBe('task-list');
    expect(dated?.tasks.map((t) => t.deadline.due)).toEqual(['2025-06-30', '2025-12-31']);
    const status = interpretDocuments([table(['Hoàn thành', 'Đang thực hiện'])], deps).lists[0];
    expect(status?.kind).toBe('status-report');
    expect(status?.tasks.map((t) => t.facts?.status)).toEqual(['Hoàn thành', 'Đang thực hiện']);
  });
});

describe('bad input', () => {
  it('an empty text gives a clear problem and no list', () => {
    const r = interpretDocuments([readTextDocument('rong.txt', '')], deps);
    expect(r.lists).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'NO_CONTENT', severity: 'error', file: 'rong.txt' })]);
  });

  it('5 MB of random text finishes within seconds with a clear problem', () => {
    let x = 7;
    const next = () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 4294967296;
    };
    const alphabet = 'abcdeghiklmnopqrstuvxyàáảãạăâđêôơưéèíìóòúùýABCDĐGHKLMNPQRSTUVX0123456789    .,;:/-()';
    const chars: string[] = [];
    for (let size = 0; size < 5 * 1024 * 1024; ) {
      const roll = next();
      const ch =
        roll < 0.02
          ? '\n'
          : roll < 0.03
            ? '\t'
            : roll < 0.035
              ? '|'
              : (alphabet[Math.floor(next() * alphabet.length)] ?? ' ');
      chars.push(ch);
      size += Buffer.byteLength(ch);
    }
    const started = performance.now();
    const r = interpretDocuments([readTextDocument('rac.txt', chars.join(''))], deps);
    // A guard against pathological (super-linear) behaviour, not a timing: the bench measures throughput.
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(r.lists.flatMap((l) => l.tasks).filter((t) => t.status === 'confirmed')).toEqual([]);
    if (r.lists.every((l) => l.tasks.length === 0)) {
      expect(r.problems).toContainEqual(expect.objectContaining({ code: 'NO_TASKS_FOUND', file: 'rac.txt' }));
    }
    expect(r.problems.filter((p) => p.code === 'TABLE_NOT_INTERPRETED').length).toBeLessThanOrEqual(21);
  });

  it('a table without a task column gives MISSING_COLUMN (error) and no tasks', () => {
    const text = [
      '| STT | Cơ quan chủ trì | Thời hạn |',
      '|---|---|---|',
      '| 1 | Bộ Công an | Tháng 6/2025 |',
      '| 2 | Bộ Tư pháp | Tháng 7/2025 |',
    ].join('\n');
    const r = interpretDocuments([readTextDocument('thieu-cot.md', text)], deps);
    expect(r.lists[0]).toMatchObject({ kind: 'other-table', tasks: [] });
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: 'MISSING_COLUMN', severity: 'error', file: 'thieu-cot.md', line: 1 }),
    );
  });

  it('an unknown agency and an unreadable deadline are reported with their line and row', () => {
    const text =
      'STT\tTên nhiệm vụ\tCơ quan chủ trì\tThời hạn\n1.\tViệc một\tBộ Không Tồn Tại\tkhi nào xong\n2.\tViệc hai\tBộ Tư pháp\tTháng 7/2025\n';
    const r = interpretDocuments([readTextDocument('loi.txt', text)], deps);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_AGENCY', line: 2, row: 1 }));
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'DEADLINE_UNREADABLE', line: 2, row: 1 }));
    expect(r.lists[0]?.tasks[0]).toMatchObject({
      lead: [],
      leadRaw: 'Bộ Không Tồn Tại',
      deadline: { kind: 'unreadable', due: null },
    });
  });
});

const emptySummary = { tasks: 0, created: 0, updated: 0, unchanged: 0, assignments: 0, errors: 0, warnings: 0 };
