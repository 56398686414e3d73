import { describe, expect, it } from 'vitest';
import { buildSynthesis } from './synthesis';

const consultee = (id: string, group: string, row: number, agencyRaw: string, rowLabel: string | null = null) => ({
  id,
  group,
  row,
  agencyRaw,
  rowLabel,
  stance: 'comment',
});

describe('buildSynthesis', () => {
  it('groups ministries before localities, orders rows and splits cells into paragraphs', () => {
    const synthesis = buildSynthesis({
      title: 'Lấy ý kiến dự thảo Kế hoạch',
      drafter: 'Bộ Khoa học và Công nghệ',
      sections: [],
      consultees: [
        consultee('p', 'localities', 1, 'Sơn la', '1.'),
        consultee('b', 'ministries', 2, 'Bộ Tài chính'),
        consultee('a', 'ministries', 1, 'Bộ Công an', '1'),
      ],
      comments: [
        { consulteeId: 'b', point: 2, text: '(2) Điểm hai', answerText: 'Tiếp thu', answerParagraphs: [] },
        {
          consulteeId: 'b',
          point: 1,
          text: '(1) Điểm một\n\nthêm',
          answerText: '',
          answerParagraphs: [{ text: 'Đề xuất giữ nguyên' }],
        },
        { consulteeId: 'p', point: 1, text: 'Nhất trí', answerText: '', answerParagraphs: [] },
      ],
    });
    expect(synthesis.sections.map((s) => [s.heading, s.agencyHeader, s.answerHeader])).toEqual([
      [
        'I. CÁC BỘ, CƠ QUAN NGANG BỘ, CƠ QUAN THUỘC CHÍNH PHỦ',
        'Bộ, ngành',
        'Ý kiến tiếp thu/giải trình của Bộ Khoa học và Công nghệ',
      ],
      [
        'II. CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG',
        'Tỉnh/thành phố',
        'Ý kiến tiếp thu/giải trình của Bộ Khoa học và Công nghệ',
      ],
    ]);
    expect(synthesis.sections[0]?.rows).toEqual([
      { tt: '1', agency: 'Bộ Công an', comment: [], answer: [] },
      {
        tt: '2',
        agency: 'Bộ Tài chính',
        comment: ['(1) Điểm một', 'thêm', '(2) Điểm hai'],
        answer: ['Đề xuất giữ nguyên', 'Tiếp thu'],
      },
    ]);
    expect(synthesis.sections[1]?.rows).toEqual([{ tt: '1.', agency: 'Sơn la', comment: ['Nhất trí'], answer: [] }]);
  });

  it('leaves out a group nobody was consulted in', () => {
    const synthesis = buildSynthesis({
      title: 't',
      drafter: null,
      sections: [],
      consultees: [consultee('a', 'localities', 1, 'Đà Nẵng')],
      comments: [],
    });
    expect(synthesis.sections.map((s) => s.answerHeader)).toEqual(['Ý kiến tiếp thu/giải trình']);
  });
});
