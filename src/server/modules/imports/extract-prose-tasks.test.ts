import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildAgencyRegisterSnapshotFromReference,
  createAgencyResolver,
} from '@server/modules/agencies/agency-resolver';
import { ImportListSchema } from '@shared/contracts/imports';
import { findDeadlineInText, normalizeDeadline } from '@shared/domain/deadline';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractProseTasks, type ProseTask, proseTaskProblems, proseTasksToImportList } from './extract-prose-tasks';
import { readTextDocument } from './read-text';
import type { SourceDocument } from './source-document';

const resolver = createAgencyResolver(buildAgencyRegisterSnapshotFromReference(), { today: () => '2025-07-01' });
const deps = { resolver, findDeadlineInText };

function seed(name: string): SourceDocument {
  const path = fileURLToPath(new URL(`../../../../fixtures/seeds/${name}`, import.meta.url));
  return readTextDocument(name, readFileSync(path, 'utf8'));
}

function find(tasks: ProseTask[], start: string): ProseTask {
  const task = tasks.find((t) => t.text.startsWith(start));
  if (!task) {
    throw new Error(`no task starting "${start}"`);
  }
  return task;
}

describe('extractProseTasks on notice 292/TB-VPCP (seed 002)', () => {
  let tasks: ProseTask[] = [];
  beforeAll(() => {
    tasks = extractProseTasks(seed('002_8b1e987942d5e6f4.txt'), deps);
  });

  it('finds the 23 bullet tasks of section IV and its closing reporting paragraph, nothing elsewhere', () => {
    expect(tasks.every((t) => t.section?.startsWith('IV. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM'))).toBe(true);
    expect(tasks.filter((t) => t.label === '-')).toHaveLength(23);
    expect(tasks).toHaveLength(24);
    expect(tasks[23]?.text).toMatch(
      /^Các bộ, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao, tổng hợp và báo cáo/,
    );
    expect(tasks[23]?.leadNames).toEqual(['Các bộ, ngành, địa phương']);
    expect(new Set(tasks.map((t) => t.section?.split(' › ')[1]?.slice(0, 2)))).toEqual(
      new Set(['1.', '2.', '3.', '4.']),
    );
  });

  it('reads every deadline phrase the notice uses', () => {
    const raws = tasks.map((t) => t.deadlineText).filter((r): r is string => r !== null);
    const count = (raw: string) => raws.filter((r) => r === raw).length;
    expect(count('hoàn thành trong tháng 6/2025')).toBe(4);
    for (const raw of [
      'trước ngày 10/6/2025',
      'trước 30/6/2025',
      'hoàn thành trước tháng 6/2025',
      'hoàn thành trong Quý II/2025',
      'hoàn thành trong tháng 9/2025',
      'hoàn thành trong tháng 10/2025',
      'hoàn thành trước ngày 15/7/2025',
      'từ tháng 8/2025',
      'từ 01/7/2025',
    ]) {
      expect(count(raw), raw).toBe(1);
    }
  });

  it('names lead, coordinators, deadline and supervisor of concrete bullets', () => {
    const decree = find(tasks, 'Bộ Công an khẩn trương tiếp thu hoàn thiện');
    expect(decree).toMatchObject({
      label: '-',
      leadNames: ['Bộ Công an'],
      coordinatorNames: [],
      deadlineText: 'hoàn thành trong tháng 6/2025',
      supervisor: 'Phó Thủ tướng Chính phủ Nguyễn Chí Dũng và Bộ trưởng Bộ Công an Lương Tam Quang',
      line: 60,
    });
    expect(decree.deadline?.due).toBe('2025-06-30');

    expect(find(tasks, 'Giao Bộ Tài chính xây dựng và trình')).toMatchObject({
      verb: 'giao',
      leadNames: ['Bộ Tài chính'],
      deadlineText: 'hoàn thành trong tháng 6/2025',
      supervisor: 'Phó Thủ tướng Chính phủ Hồ Đức Phớc',
    });
    expect(find(tasks, 'Các bộ, ngành, địa phương tập trung xây dựng')).toMatchObject({
      leadNames: ['Các bộ, ngành, địa phương'],
      deadlineText: 'trước ngày 10/6/2025',
    });
    expect(find(tasks, 'Giao Bộ Công an chủ trì phối hợp với các bộ')).toMatchObject({
      verb: 'giao',
      leadNames: ['Bộ Công an'],
      coordinatorNames: ['các bộ, ngành địa phương'],
      deadlineText: 'trước 30/6/2025',
    });
    expect(find(tasks, 'Bộ Công an chủ trì, phối hợp Bộ Tài chính')).toMatchObject({
      verb: 'chu-tri',
      leadNames: ['Bộ Công an'],
      coordinatorNames: ['Bộ Tài chính', 'các đơn vị liên quan'],
      deadlineText: 'hoàn thành trước tháng 6/2025',
    });
    expect(find(tasks, 'Giao Bộ Khoa học và Công nghệ hướng dẫn')).toMatchObject({
      leadNames: ['Bộ Khoa học và Công nghệ'],
      coordinatorNames: ['Văn phòng Trung ương Đảng'],
      deadlineText: 'hoàn thành trong tháng 6/2025',
    });
    expect(find(tasks, 'Bộ Tư pháp, Bộ Nông nghiệp và Môi trường')).toMatchObject({
      leadNames: ['Bộ Tư pháp', 'Bộ Nông nghiệp và Môi trường', 'Ủy ban nhân dân các địa phương'],
      deadlineText: 'hoàn thành trong Quý II/2025',
    });
    expect(find(tasks, 'Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng')).toMatchObject({
      leadNames: ['Bộ Công an'],
      coordinatorNames: ['Bộ Quốc phòng', 'Bộ Nông nghiệp và Môi trường', 'Bộ Xây dựng', 'Bộ Tài chính'],
      deadlineText: 'hoàn thành trong tháng 9/2025',
    });
    expect(find(tasks, 'Bộ Nội vụ sửa đổi, bổ sung')).toMatchObject({
      leadNames: ['Bộ Nội vụ'],
      deadlineText: 'hoàn thành trong tháng 10/2025',
    });
    expect(find(tasks, 'Bộ Công an chủ trì, phối hợp Văn phòng Chính phủ')).toMatchObject({
      leadNames: ['Bộ Công an'],
      coordinatorNames: [
        'Văn phòng Chính phủ',
        'Bộ Nội vụ',
        'Bộ Tài chính',
        'Ngân hàng nhà nước Việt Nam',
        'các đơn vị liên quan',
      ],
      deadlineText: 'hoàn thành trước ngày 15/7/2025',
    });
    const portal = find(tasks, 'Văn phòng Chính phủ chủ trì xây dựng yêu cầu');
    expect(portal).toMatchObject({
      leadNames: ['Văn phòng Chính phủ'],
      coordinatorNames: [],
      deadlineText: 'từ 01/7/2025',
    });
    expect(portal.deadline?.due).toBeNull();
  });

  it('joins a bullet cut by a page break and keeps bullets without a named agency', () => {
    const scam = find(tasks, 'Giao Bộ Công an phối hợp với Bộ Khoa học và Công nghệ');
    expect(scam.text).toContain('quản lý nhà nước, phòng ngừa tội phạm lừa đảo trực tuyến.');
    expect(scam.supervisor).toBe('Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình');
    expect(scam.coordinatorNames.slice(0, 2)).toEqual(['Bộ Khoa học và Công nghệ', 'Ngân hàng Nhà nước Việt Nam']);
    const propaganda = find(tasks, 'Tiếp tục đẩy mạnh tuyên truyền sâu rộng');
    expect(propaganda.leadNames).toEqual([]);
    expect(propaganda.verb).toBe('statement');
  });

  it('converts to a proposed-tasks import list with canonical agencies', () => {
    const list = proseTasksToImportList(tasks, {
      file: '002_8b1e987942d5e6f4.txt',
      assignedBy: '292/TB-VPCP',
      resolver,
      normalizeDeadline,
      asOf: '2025-06-09',
    });
    expect(ImportListSchema.parse(list)).toEqual(list);
    expect(list.kind).toBe('proposed-tasks');
    expect(list.tasks).toHaveLength(24);
    expect(list.tasks.every((t) => t.status === 'proposed' && t.assignedBy === '292/TB-VPCP')).toBe(true);
    const last = list.tasks.find((t) => t.text.startsWith('Bộ Công an chủ trì, phối hợp Văn phòng Chính phủ'));
    expect(last?.lead).toEqual(['Bộ Công an']);
    expect(last?.coordinators).toContain('Ngân hàng Nhà nước Việt Nam');
    expect(last?.deadline).toMatchObject({ raw: 'hoàn thành trước ngày 15/7/2025', due: '2025-07-15', before: true });
    const collective = list.tasks.find((t) => t.text.startsWith('Các bộ, ngành, địa phương tập trung'));
    expect(collective?.leadGroups).toEqual(['Các bộ, ngành, địa phương']);
    expect(collective?.lead).toContain('Bộ Tài chính');
    expect(collective?.lead.length).toBeGreaterThan(30);
    expect(list.tasks.find((t) => t.text.startsWith('Bộ Công an khẩn trương'))?.notes).toBe(
      'Phân công theo dõi, chỉ đạo: Phó Thủ tướng Chính phủ Nguyễn Chí Dũng và Bộ trưởng Bộ Công an Lương Tam Quang',
    );
    // Same input, same ids: a re-import finds the same proposed tasks.
    const again = proseTasksToImportList(tasks, { file: 'x', assignedBy: '292/TB-VPCP', resolver, normalizeDeadline });
    expect(again.tasks.map((t) => t.id)).toEqual(list.tasks.map((t) => t.id));
    expect(new Set(list.tasks.map((t) => t.id)).size).toBe(24);
  });

  it('reports agency names the register does not know', () => {
    const problems = proseTaskProblems(tasks, { file: '002.txt', resolver });
    expect(problems.every((p) => p.code === 'UNKNOWN_AGENCY' && p.severity === 'warning')).toBe(true);
    expect(problems.map((p) => p.message)).toContain(
      'Không nhận ra cơ quan "07 tập đoàn" trong nhiệm vụ đề xuất (dòng 58).',
    );
  });
});

describe('extractProseTasks on the Ho Chi Minh City bundle (seed 004)', () => {
  let tasks: ProseTask[] = [];
  beforeAll(() => {
    tasks = extractProseTasks(seed('004_c60093e0d8f5c5a6.txt'), deps);
  });

  it('reads the appendix of notice 07-TB/CQTTBCĐ, taking the lead from the heading when the item names none', () => {
    const appendix = tasks.filter((t) => t.section?.startsWith('Phụ lục NHIỆM VỤ GIAO CÁC BỘ'));
    expect(appendix.length).toBeGreaterThanOrEqual(30);
    const police = appendix.filter((t) => t.section?.endsWith('đ) Bộ Công an'));
    expect(police.map((t) => [t.leadNames, t.leadInherited, t.deadlineText])).toEqual([
      [['Bộ Công an'], true, 'Hoàn thành chậm nhất trong tháng 12/2025'],
      [['Bộ Công an'], true, 'Hoàn thành trong tháng 10/2025'],
    ]);
    expect(find(tasks, 'Bộ Khoa học và Công nghệ trình Thủ tướng Chính phủ ban hành Chỉ thị')).toMatchObject({
      label: 'c)',
      leadNames: ['Bộ Khoa học và Công nghệ'],
      deadlineText: 'Hoàn thành trong tháng 10/2025',
    });
    expect(find(tasks, 'Bộ Công an khẩn trương trình Chính phủ, Thủ tướng Chính phủ ban hành')).toMatchObject({
      label: 'd)',
      leadNames: ['Bộ Công an'],
      deadlineText: 'trước ngày 20/10/2025',
    });
  });

  it('splits "Các bộ, ngành: (1) … (4) …" into one task per part', () => {
    const parts = tasks.filter((t) => t.label?.startsWith('c)(') && t.line === 459);
    expect(parts.map((t) => t.label)).toEqual(['c)(1)', 'c)(2)', 'c)(3)', 'c)(4)']);
    expect(parts.map((t) => t.leadNames)).toEqual([
      ['Các bộ, ngành'],
      ['Văn phòng Chính phủ'],
      ['Bộ Tài chính'],
      ['Bộ Khoa học và Công nghệ'],
    ]);
    expect(parts[3]?.deadlineText).toBe('Hoàn thành trong tháng 11/2025');
  });

  it('reads the conclusions and the city plan, but not results, recipients or signatures', () => {
    expect(
      find(
        tasks,
        'Tập trung chỉ đạo, có giải pháp xử lý dứt điểm tình trạng nợ đọng văn bản quy phạm pháp luật; bảo đảm 100% nghị định',
      ),
    ).toMatchObject({
      leadNames: ['Đảng uỷ Chính phủ'],
      leadInherited: true,
      deadlineText: 'chậm nhất trước ngày 31/3/2026',
    });
    expect(find(tasks, 'Sở Tư pháp căn cứ chỉ đạo của Bộ Tư pháp')).toMatchObject({
      leadNames: ['Sở Tư pháp'],
      coordinatorNames: ['Văn phòng Thành ủy', 'Sở Nội vụ', 'các cơ quan liên quan'],
      deadlineText: 'Hoàn thành trước ngày 15/11/2025',
    });
    expect(find(tasks, 'Các trường đại học lớn').leadNames).toEqual([
      'Đại học Quốc gia Hà Nội',
      'Đại học Quốc gia Thành phố Hồ Chí Minh',
      'Đại học Bách Khoa Hà Nội',
      'Đại học Đà Nẵng',
    ]);
    const texts = tasks.map((t) => t.text);
    expect(texts.some((t) => t.startsWith('Bộ Chính trị, Ban Bí thư'))).toBe(false);
    expect(texts.some((t) => t.startsWith('Ghi nhận và biểu dương'))).toBe(false);
    expect(texts.some((t) => t.startsWith('Quán triệt sâu sắc, kiên định'))).toBe(false);
    expect(texts.some((t) => t.startsWith('Nhiệm vụ cụ thể'))).toBe(false);
  });
});

describe('extractProseTasks on a small document', () => {
  it('finds explicit assignments outside task sections only', () => {
    const doc: SourceDocument = {
      fileName: 'cong-van.docx',
      format: 'docx',
      blocks: [
        { kind: 'paragraph', text: 'I. TÌNH HÌNH', line: 1, headingLevel: 1 },
        { kind: 'paragraph', text: 'Bộ Công an đã hoàn thành việc kết nối dữ liệu dân cư với 63 tỉnh.', line: 2 },
        {
          kind: 'paragraph',
          text: 'Đề nghị Bộ Tài chính chủ trì, phối hợp với Bộ Nội vụ hướng dẫn định mức chi, hoàn thành trước ngày 30/9/2025.',
          line: 3,
        },
        { kind: 'table', line: 4, rows: [{ cells: ['Giao Bộ Y tế', 'x'], line: 4 }] },
      ],
    };
    const tasks = extractProseTasks(doc, deps);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      verb: 'de-nghi',
      leadNames: ['Bộ Tài chính'],
      coordinatorNames: ['Bộ Nội vụ'],
      deadlineText: 'hoàn thành trước ngày 30/9/2025',
      section: 'I. TÌNH HÌNH',
      line: 3,
    });
  });
});
