import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildAgencyRegisterSnapshotFromReference,
  createAgencyResolver,
} from '@server/modules/agencies/agency-resolver';
import { type Consultation, ConsultationSchema } from '@shared/contracts/consultations';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerStance, findTaskRefs, interpretCommentTables, pairPoints } from './interpret-comment-table';
import { readTextDocument } from './read-text';
import type { SourceDocument } from './source-document';

const resolver = createAgencyResolver(buildAgencyRegisterSnapshotFromReference(), { today: () => '2025-07-01' });
const deps = { resolver, asOf: '2025-07-01' };

function seed(name: string): SourceDocument {
  const path = fileURLToPath(new URL(`../../../../fixtures/seeds/${name}`, import.meta.url));
  return readTextDocument(name, readFileSync(path, 'utf8'));
}

describe('interpretCommentTables on the synthesis of comments (seed 000)', () => {
  let consultation: Consultation;
  beforeAll(() => {
    const found = interpretCommentTables(seed('000_f39aca9c9f0984c3.txt'), deps);
    expect(found).toHaveLength(1);
    consultation = ConsultationSchema.parse(found[0]);
  });

  const consultees = () => {
    const rows = new Map<string, Consultation['comments'][number]>();
    for (const c of consultation.comments) {
      rows.set(`${c.group}|${c.row}`, c);
    }
    return [...rows.values()];
  };

  it('has table I with 19 ministries (4 without TT) and table II with 36 provinces', () => {
    expect(consultation.sections.map((s) => [s.label, s.group, s.consultees])).toEqual([
      ['I', 'ministries', 19],
      ['II', 'localities', 36],
    ]);
    const ministries = consultees().filter((c) => c.group === 'ministries');
    expect(ministries.map((c) => c.row)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(ministries.filter((c) => c.rowLabel === null).map((c) => [c.row, c.agencyRaw])).toEqual([
      [14, 'Bộ Công thương'],
      [15, 'Đài Tiếng nói Việt Nam'],
      [16, 'Viện Hàn lâm Khoa học và Xã hội Việt Nam'],
      [18, 'Bộ Quốc phòng'],
    ]);
    const provinces = consultees().filter((c) => c.group === 'localities');
    expect(provinces).toHaveLength(36);
    expect(provinces.map((c) => c.rowLabel)).toEqual(Array.from({ length: 36 }, (_, i) => `${i + 1}.`));
    expect(consultation.summary.consultees).toBe(55);
  });

  it('counts 32 agreeing, 22 commenting and one silent consultee (Bộ Công thương)', () => {
    expect(consultation.summary).toMatchObject({ consultees: 55, agree: 32, commented: 22, silent: 1 });
    const agreeing = consultees().filter((c) => c.stance === 'agree');
    expect(agreeing.filter((c) => c.group === 'ministries').map((c) => c.agencyRaw)).toEqual([
      'Thông tấn xã Việt Nam',
      'Viện Hàn lâm Khoa học và Công nghệ Việt Nam',
      'Đài Tiếng nói Việt Nam',
    ]);
    expect(agreeing.filter((c) => c.group === 'localities')).toHaveLength(29);
    const silent = consultation.comments.filter((c) => c.stance === 'none');
    expect(silent).toHaveLength(1);
    expect(silent[0]).toMatchObject({
      agencyRaw: 'Bộ Công thương',
      agency: 'Bộ Công Thương',
      text: '',
      answer: { text: '', stance: 'none', paragraphs: [] },
    });
  });

  it('has 39 answer paragraphs in the 22 commenting rows: 28 accepted, 11 explained', () => {
    const paragraphs = consultation.comments.flatMap((c) => c.answer.paragraphs);
    expect(paragraphs).toHaveLength(39);
    expect(paragraphs.filter((p) => p.stance === 'accepted')).toHaveLength(28);
    expect(paragraphs.filter((p) => p.stance === 'explained')).toHaveLength(11);
    expect(consultation.summary.answers).toEqual({ accepted: 28, explained: 11, agree: 0 });
    const answered = new Set(consultation.comments.filter((c) => c.answer.paragraphs.length > 0).map((c) => c.line));
    expect(answered.size).toBe(22);
    // Each point of a comment is paired with one answer paragraph.
    expect(consultation.comments.filter((c) => c.answer.paragraphs.length > 1)).toEqual([]);
  });

  it('resolves the consultees and the drafter', () => {
    const byRaw = (raw: string) => consultation.comments.find((c) => c.agencyRaw === raw);
    expect(byRaw('Ngân hàng nhà nước')?.agency).toBe('Ngân hàng Nhà nước Việt Nam');
    expect(byRaw('Bộ Nội Vụ')?.agency).toBe('Bộ Nội vụ');
    expect(byRaw('Sơn la')?.agency).toBe('Tỉnh Sơn La');
    expect(byRaw('Viện Hàn lâm Khoa học và Xã hội Việt Nam')?.agency).toBe('Viện Hàn lâm Khoa học xã hội Việt Nam');
    expect(consultation.comments.filter((c) => c.agency === null)).toEqual([]);
    expect(consultation.drafter).toBe('Bộ Khoa học và Công nghệ');
    expect(consultation.sections[1]?.drafterRaw).toBe('Bộ TT&TT');
  });

  it("reads Bộ Dân tộc và Tôn giáo's three extension requests and their refusals", () => {
    const points = consultation.comments.filter((c) => c.agencyRaw === 'Bộ Dân tộc và Tôn giáo');
    expect(points.map((p) => [p.row, p.point, p.taskRefs])).toEqual([
      [12, 1, ['III.20']],
      [12, 2, ['III.37', 'III.39']],
      [12, 3, ['IV.32']],
    ]);
    expect(points[0]?.text).toContain('tháng 12/2026');
    expect(points[1]?.text).toContain('tháng 12/2027');
    expect(points[2]?.text).toContain('tháng 12/2026');
    for (const p of points) {
      expect(p.answer).toEqual({
        text: 'Đề xuất giữ nguyên thời hạn hoàn thành nhiệm vụ này theo quy định tại Nghị quyết số 71/NQ-CP',
        stance: 'explained',
        paragraphs: [
          {
            text: 'Đề xuất giữ nguyên thời hạn hoàn thành nhiệm vụ này theo quy định tại Nghị quyết số 71/NQ-CP',
            stance: 'explained',
          },
        ],
      });
    }
  });

  it("pairs the central bank's deadline change with its acceptance, and finds task references", () => {
    const nhnn = consultation.comments.filter((c) => c.agencyRaw === 'Ngân hàng nhà nước');
    expect(nhnn).toHaveLength(2);
    expect(nhnn[1]?.text).toContain('từ “Tháng 6/2025” thành “Tháng 7/2025”');
    expect(nhnn[1]?.answer.text).toBe('Tiếp thu. Đã sửa đổi trong dự thảo Kế hoạch');
    const refsOf = (raw: string) => consultation.comments.filter((c) => c.agencyRaw === raw).flatMap((c) => c.taskRefs);
    expect(refsOf('Bộ Văn hóa, Thể thao và Du lịch')).toEqual(['III.29']);
    expect(refsOf('Bộ Giáo dục và Đào tạo')).toEqual(['IV.7', 'IV.21', 'IV.33']);
    expect(refsOf('Bộ Tài chính')).toEqual(['II.31', 'IV.61', 'IV.17', 'IV.68']);
    expect(refsOf('Văn phòng Chính phủ')).toEqual(['III.84', 'IV.45']);
    expect(refsOf('Bộ Y tế')).toEqual(['76']);
    expect(refsOf('Lai Châu')).toEqual(['III.16', 'III.19', 'III.20', 'III.43', 'III.85']);
    const finance = consultation.comments.filter((c) => c.agencyRaw === 'Bộ Tài chính');
    expect(finance.map((c) => c.answer.stance)).toEqual(['accepted', 'explained', 'accepted', 'accepted']);
  });
});

describe('comment table pieces', () => {
  it('classifies answers', () => {
    expect(answerStance('Tiếp thu')).toBe('accepted');
    expect(answerStance('Tiếp thu, đã bổ sung trong dự thảo Quyết định.')).toBe('accepted');
    expect(answerStance('Đã chỉnh sửa theo góp ý.')).toBe('accepted');
    expect(answerStance('Nhất trí')).toBe('agree');
    expect(answerStance('Đây là nhiệm vụ giao tại Nghị quyết số 71/NQ-CP.')).toBe('explained');
    expect(answerStance('  ')).toBe('none');
  });

  it('finds task references in their several spellings', () => {
    expect(findTaskRefs('Nhiệm vụ số 29, mục III. Nhiệm vụ trọng tâm')).toEqual(['III.29']);
    expect(findTaskRefs('- Nhiệm vụ tại TT 7 và TT 21 của Phần IV trùng nhau')).toEqual(['IV.7', 'IV.21']);
    expect(findTaskRefs('Tại nhiệm vụ TT 16, 19, mục II, phần III có nội dung')).toEqual(['III.16', 'III.19']);
    expect(findTaskRefs('Tại “IV. CÁC NHIỆM VỤ THEO THÔNG BÁO. Nhiệm vụ số 32. Tái cấu trúc')).toEqual(['IV.32']);
    expect(findTaskRefs('các nhiệm vụ năm 2025 theo Nghị quyết 71/NQ-CP; Bộ TT&TT 5 nhiệm vụ')).toEqual([]);
  });

  it('pairs points with answers by numbering, then by bullets', () => {
    expect(pairPoints(['1. Ý một.', '- chi tiết', '2. Ý hai.'], ['Tiếp thu', 'Giữ nguyên'])).toEqual([
      { points: ['1. Ý một.', '- chi tiết'], answers: ['Tiếp thu'] },
      { points: ['2. Ý hai.'], answers: ['Giữ nguyên'] },
    ]);
    expect(pairPoints(['- A.', '- B.', '- C.'], ['Tiếp thu', 'Tiếp thu.'])).toEqual([
      { points: ['- A.'], answers: ['Tiếp thu'] },
      { points: ['- B.', '- C.'], answers: ['Tiếp thu.'] },
    ]);
    expect(pairPoints(['Một ý duy nhất.'], ['Tiếp thu', 'Tiếp thu'])).toEqual([
      { points: ['Một ý duy nhất.'], answers: ['Tiếp thu', 'Tiếp thu'] },
    ]);
  });

  it('reads a comment table from a .docx-like document with a repeated header and a page-break row', () => {
    const header = ['STT', 'Cơ quan', 'Nội dung góp ý', 'Ý kiến tiếp thu, giải trình của Bộ Tư pháp'];
    const doc: SourceDocument = {
      fileName: 'tong-hop.docx',
      format: 'docx',
      blocks: [
        { kind: 'paragraph', text: 'BẢNG TỔNG HỢP Ý KIẾN GÓP Ý DỰ THẢO NGHỊ ĐỊNH', line: 1 },
        {
          kind: 'table',
          line: 2,
          rows: [
            { cells: header, line: 2 },
            { cells: ['1', 'Bộ Công an', 'Nhất trí', ''], line: 3 },
            { cells: ['2', 'Bộ Tài chính', 'Đề nghị sửa nhiệm vụ số 5, mục II.', 'Tiếp thu'], line: 4 },
            { cells: header, line: 5 },
            { cells: ['', '', 'Bổ sung thêm thời hạn.', ''], line: 6 },
            { cells: ['3', 'Tỉnh Lào Cai', '', ''], line: 7 },
          ],
        },
      ],
    };
    const [consultation] = interpretCommentTables(doc, deps);
    expect(consultation?.title).toBe('BẢNG TỔNG HỢP Ý KIẾN GÓP Ý DỰ THẢO NGHỊ ĐỊNH');
    expect(consultation?.drafter).toBe('Bộ Tư pháp');
    expect(consultation?.comments.map((c) => [c.row, c.agency, c.stance, c.text, c.taskRefs])).toEqual([
      [1, 'Bộ Công an', 'agree', 'Nhất trí', []],
      [2, 'Bộ Tài chính', 'comment', 'Đề nghị sửa nhiệm vụ số 5, mục II.\nBổ sung thêm thời hạn.', ['II.5']],
      [3, 'Tỉnh Lào Cai', 'none', '', []],
    ]);
    expect(interpretCommentTables({ fileName: 'x.txt', format: 'text', blocks: [] }, deps)).toEqual([]);
  });
});
