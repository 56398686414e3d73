import { DeadlineSchema } from '@shared/contracts/imports';
import {
  addDaysIso,
  dateFromDayNumber,
  dayNumber,
  daysBetweenIso,
  daysInMonth,
  isLeapYear,
  isoLastDayOfMonth,
  isValidDate,
  parseIsoDate,
  toIsoDate,
} from '@shared/lib/calendar';
import { cleanText } from '@shared/lib/vn-text';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDeadlineInText, findDeadlinesInText, normalizeDeadline } from './deadline';

type Expected = {
  kind: string;
  due: string | null;
  start?: string;
  recurrence?: string;
  before?: boolean;
  rule?: string;
};

const SEED_DATE = { documentDate: '2025-07-18' };

/** Every deadline-column expression of the seeds (seed-notes §2.2), with split-cell variants. */
const COLUMN_CELLS: Array<[string, Expected]> = [
  ['Tháng 12/2025', { kind: 'month', due: '2025-12-31', start: '2025-12-01', rule: 'Tháng M/YYYY → ngày cuối tháng' }],
  ['Tháng 9/2025', { kind: 'month', due: '2025-09-30' }],
  ['Tháng\n9/2025', { kind: 'month', due: '2025-09-30' }],
  ['Tháng 5/2025', { kind: 'month', due: '2025-05-31' }],
  ['Tháng\n5/2025', { kind: 'month', due: '2025-05-31' }],
  ['Tháng \n5/2025', { kind: 'month', due: '2025-05-31' }],
  ['Thường xuyên', { kind: 'recurring', due: null, recurrence: 'continuous' }],
  ['30/6/2025', { kind: 'date', due: '2025-06-30', rule: 'Ngày D/M/YYYY → đúng ngày đó' }],
  ['Tháng 8/2025', { kind: 'month', due: '2025-08-31' }],
  ['Tháng\n8/2025', { kind: 'month', due: '2025-08-31' }],
  ['Tháng 6/2025', { kind: 'month', due: '2025-06-30' }],
  ['Tháng \n6/2025', { kind: 'month', due: '2025-06-30' }],
  ['Tháng\n6/2025', { kind: 'month', due: '2025-06-30' }],
  ['31/12/2025', { kind: 'date', due: '2025-12-31' }],
  ['Tháng 3/2025', { kind: 'month', due: '2025-03-31' }],
  ['Tháng \n3/2025', { kind: 'month', due: '2025-03-31' }],
  ['Tháng 4/2025', { kind: 'month', due: '2025-04-30' }],
  ['Tháng 7/2025', { kind: 'month', due: '2025-07-31' }],
  ['Tháng 7/2025.', { kind: 'month', due: '2025-07-31' }],
  ['Tháng 11/2025', { kind: 'month', due: '2025-11-30' }],
  ['28/5/2025', { kind: 'date', due: '2025-05-28' }],
  ['01/01/2026', { kind: 'date', due: '2026-01-01' }],
  ['<p>01/01/2026</p>', { kind: 'date', due: '2026-01-01' }],
  ['Trước 15/11/2025', { kind: 'date', due: '2025-11-15', before: true, rule: 'Trước ngày D → hạn D (trước)' }],
  ['Tháng 10/2025', { kind: 'month', due: '2025-10-31' }],
  ['31/3/2025', { kind: 'date', due: '2025-03-31' }],
  ['31/5/2025', { kind: 'date', due: '2025-05-31' }],
  ['30/5/2025', { kind: 'date', due: '2025-05-30' }],
  ['15/6/2025', { kind: 'date', due: '2025-06-15' }],
  ['25/6/2025', { kind: 'date', due: '2025-06-25' }],
  ['15/5/2025', { kind: 'date', due: '2025-05-15' }],
  ['30/4/2025', { kind: 'date', due: '2025-04-30' }],
  ['20/6/2025', { kind: 'date', due: '2025-06-20' }],
  ['1/7/2025', { kind: 'date', due: '2025-07-01' }],
  ['08/06/2025', { kind: 'date', due: '2025-06-08' }],
  [
    'Hằng tháng báo cáo Thường trực Ban Chỉ đạo kết quả thực hiện.',
    { kind: 'recurring', due: null, recurrence: 'monthly' },
  ],
  [
    ' Hằng tháng báo cáo Thường trực Ban Chỉ đạo kết quả thực hiện.',
    { kind: 'recurring', due: null, recurrence: 'monthly' },
  ],
  ['Định kỳ hằng tháng báo cáo Thường trực Ban Chỉ đạo.', { kind: 'recurring', due: null, recurrence: 'monthly' }],
  ['2025 và những năm tiếp theo', { kind: 'recurring', due: null, recurrence: 'continuous', start: '2025-01-01' }],
  ['Trước ngày 20/12/2025', { kind: 'date', due: '2025-12-20', before: true }],
  ['Hằng năm', { kind: 'recurring', due: null, recurrence: 'yearly' }],
  ['hằng năm', { kind: 'recurring', due: null, recurrence: 'yearly' }],
  ['30/11/2025', { kind: 'date', due: '2025-11-30' }],
  ['Quý IV/2025', { kind: 'quarter', due: '2025-12-31', start: '2025-10-01', rule: 'Quý IV/YYYY → 31/12/YYYY' }],
  ['quý IV/2025', { kind: 'quarter', due: '2025-12-31' }],
  ['Quý I/2026', { kind: 'quarter', due: '2026-03-31', start: '2026-01-01' }],
  ['Năm 2025', { kind: 'year', due: '2025-12-31', start: '2025-01-01', rule: 'Năm YYYY → 31/12/YYYY' }],
  ['Tháng 02/2025', { kind: 'month', due: '2025-02-28' }],
  ['Tháng 6/2026', { kind: 'month', due: '2026-06-30' }],
  ['Báo cáo Ban Chỉ đạo trong tháng 7/2025', { kind: 'month', due: '2025-07-31' }],
  ['Trình Thủ tướng trong tháng 10/2025.', { kind: 'month', due: '2025-10-31' }],
  [
    'TNhiệm vụ này cần được hoàn thành và báo cáo Thường trực Ban Chỉ đạo. trong tháng 7/2025',
    { kind: 'month', due: '2025-07-31' },
  ],
  ['Theo Nghị quyết số 71/NQ-CP', { kind: 'relative', due: null }],
  [
    'Thống nhất phương án kỹ thuật trong tháng 8/2025, triển khai thí điểm và đưa vào vận hành chính thức cùng lộ trình phát triển Cổng Dịch vụ công quốc gia trên Trung tâm dữ liệu quốc gia.',
    { kind: 'month', due: '2025-08-31' },
  ],
  [
    'Tháng 8/2025, theo lộ trình phát triển Cổng Dịch vụ công quốc gia trên Trung tâm dữ liệu quốc gia.',
    { kind: 'month', due: '2025-08-31' },
  ],
  ['Trước ngày 30/11/2025', { kind: 'date', due: '2025-11-30', before: true }],
  ['Tháng 9/2025 xong thí điểm; phát triển 2025 và những năm tiếp theo', { kind: 'month', due: '2025-09-30' }],
  ['Tháng 12/2025 và năm 2026', { kind: 'month', due: '2025-12-31' }],
  ['', { kind: 'none', due: null, rule: 'Không ghi thời hạn' }],
  ['   \n ', { kind: 'none', due: null }],
  // Forms named in the issue and the brief.
  ['2025-06-30', { kind: 'date', due: '2025-06-30' }],
  ['Quý II/2025', { kind: 'quarter', due: '2025-06-30', start: '2025-04-01', rule: 'Quý II/YYYY → 30/6/YYYY' }],
  ['quý 3/2025', { kind: 'quarter', due: '2025-09-30' }],
  ['Quý I năm 2025', { kind: 'quarter', due: '2025-03-31' }],
  ['6 tháng đầu năm 2025', { kind: 'half-year', due: '2025-06-30', start: '2025-01-01' }],
  ['06 tháng đầu năm 2025', { kind: 'half-year', due: '2025-06-30' }],
  ['6 tháng cuối năm 2025', { kind: 'half-year', due: '2025-12-31', start: '2025-07-01' }],
  ['trong tháng 6/2025', { kind: 'month', due: '2025-06-30' }],
  ['trước ngày 10/6/2025', { kind: 'date', due: '2025-06-10', before: true }],
  ['2025-2026', { kind: 'period', due: '2026-12-31', start: '2025-01-01' }],
  ['2025 – 2026', { kind: 'period', due: '2026-12-31', start: '2025-01-01' }],
  ['giai đoạn 2025-2030', { kind: 'period', due: '2030-12-31', start: '2025-01-01' }],
  ['Hàng năm', { kind: 'recurring', due: null, recurrence: 'yearly' }],
  ['Định kỳ', { kind: 'recurring', due: null, recurrence: 'periodic' }],
  ['Hằng quý', { kind: 'recurring', due: null, recurrence: 'quarterly' }],
  ['Hàng tháng', { kind: 'recurring', due: null, recurrence: 'monthly' }],
  ['từ tháng 8/2025', { kind: 'period', due: null, start: '2025-08-01' }],
  ['từ 01/7/2025', { kind: 'period', due: null, start: '2025-07-01' }],
  ['từ 01/7/2025 đến hết tháng 12/2025', { kind: 'period', due: '2025-12-31', start: '2025-07-01' }],
  ['từ năm 2025 đến năm 2030', { kind: 'period', due: '2030-12-31', start: '2025-01-01' }],
  ['từ 2025 - 2030', { kind: 'period', due: '2030-12-31', start: '2025-01-01' }],
  ['từ ngày 01/7/2025 đến ngày 31/12/2025', { kind: 'period', due: '2025-12-31', start: '2025-07-01' }],
  ['06/2025', { kind: 'month', due: '2025-06-30' }],
  ['2/2024', { kind: 'month', due: '2024-02-29' }],
  ['Năm 2024', { kind: 'year', due: '2024-12-31' }],
  ['2025', { kind: 'year', due: '2025-12-31' }],
  ['tháng Mười Hai năm 2025', { kind: 'month', due: '2025-12-31' }],
  ['tháng 5 năm 2025', { kind: 'month', due: '2025-05-31' }],
  ['T3/2025', { kind: 'month', due: '2025-03-31' }],
  ['THÁNG 3-5/2025', { kind: 'period', due: '2025-05-31', start: '2025-03-01' }],
  ['Hạn được giao: 30/9/2025', { kind: 'date', due: '2025-09-30' }],
  ['Hạn được giao: 01/10/2025', { kind: 'date', due: '2025-10-01' }],
  ['Đề xuất thời gian hoàn thành: quý IV/2025', { kind: 'quarter', due: '2025-12-31' }],
  ['Thời hạn hoàn thành: Tháng 7/2025.', { kind: 'month', due: '2025-07-31' }],
  ['Thời hạn hoàn thành: Trước ngày 25/7/2025.', { kind: 'date', due: '2025-07-25', before: true }],
  ['Thời hạn: Thường xuyên./.', { kind: 'recurring', due: null, recurrence: 'continuous' }],
  ['trước 20h00 ngày 25 tháng 5 năm 2025', { kind: 'date', due: '2025-05-25', before: true }],
  ['trước ngày 25 tháng 10 năm 2025', { kind: 'date', due: '2025-10-25', before: true }],
  ['trước ngày 25 hàng tháng', { kind: 'recurring', due: null, recurrence: 'monthly' }],
  [
    'Hoàn thành cùng thời điểm Luật Khoa học, công nghệ và đổi mới sáng tạo có hiệu lực thi hành',
    { kind: 'relative', due: null },
  ],
  ['tại Phiên họp lần thứ ba', { kind: 'relative', due: null }],
  ['ngay sau Hội nghị này', { kind: 'relative', due: null }],
  ['Theo Thông báo số 27-TB/TGV ngày 08/06/2025', { kind: 'relative', due: null }],
  ['Báo cáo Thường trực Ban Chỉ đạo định kỳ và đột xuất.', { kind: 'recurring', due: null, recurrence: 'periodic' }],
  ['Không có thời hạn', { kind: 'none', due: null }],
  // Unreadable: kept raw, never guessed.
  ['31/2/2025', { kind: 'unreadable', due: null }],
  ['29/2/2025', { kind: 'unreadable', due: null }],
  ['29/2/2024', { kind: 'date', due: '2024-02-29' }],
  ['29/2/2000', { kind: 'date', due: '2000-02-29' }],
  ['29/2/1900', { kind: 'unreadable', due: null }],
  ['Tháng 13/2025', { kind: 'unreadable', due: null }],
  ['32/1/2025', { kind: 'unreadable', due: null }],
  ['Hoàn thành, khai thác sử dụng', { kind: 'unreadable', due: null }],
  ['Sớm nhất có thể', { kind: 'unreadable', due: null }],
  ['trước ngày 28/5', { kind: 'unreadable', due: null }],
];

function expectDeadline(input: string, actual: ReturnType<typeof normalizeDeadline>, expected: Expected) {
  expect({ input, kind: actual.kind, due: actual.due }).toEqual({ input, kind: expected.kind, due: expected.due });
  if (expected.start !== undefined) {
    expect(actual.start).toBe(expected.start);
  }
  if (expected.recurrence !== undefined) {
    expect(actual.recurrence).toBe(expected.recurrence);
  }
  expect(actual.before ?? false).toBe(expected.before ?? false);
  if (expected.rule !== undefined) {
    expect(actual.rule).toBe(expected.rule);
  }
  expect(actual.raw).toBe(cleanText(input));
  expect(actual.rule.length).toBeGreaterThan(0);
  expect(() => DeadlineSchema.parse(actual)).not.toThrow();
}

describe('normalizeDeadline: every deadline cell of the seeds', () => {
  it.each(COLUMN_CELLS)('%j', (input, expected) => {
    expectDeadline(input, normalizeDeadline(input), expected);
  });

  it('treats null and undefined as no deadline', () => {
    expect(normalizeDeadline(null)).toEqual({ raw: '', kind: 'none', due: null, rule: 'Không ghi thời hạn' });
    expect(normalizeDeadline(undefined).kind).toBe('none');
  });

  it('keeps the raw text verbatim (NFC, whitespace collapsed) even when the text arrives in NFD', () => {
    const nfd = 'Tháng \n6/2025'.normalize('NFD');
    const deadline = normalizeDeadline(nfd);
    expect(deadline.raw).toBe('Tháng 6/2025');
    expect(deadline.due).toBe('2025-06-30');
  });

  it('marks text taken out of a longer cell in the rule', () => {
    const garbled = normalizeDeadline(
      'TNhiệm vụ này cần được hoàn thành và báo cáo Thường trực Ban Chỉ đạo. trong tháng 7/2025',
    );
    expect(garbled.rule).toBe('Trích từ câu «trong tháng 7/2025»: Tháng M/YYYY → ngày cuối tháng');
  });

  it('lists every milestone and keeps the earliest', () => {
    const d = normalizeDeadline('Tháng 12/2025 và năm 2026');
    expect(d.rule).toContain('Nhiều mốc («Tháng 12/2025»; «năm 2026»)');
    expect(d.due).toBe('2025-12-31');
  });

  it('flags "trước tháng M" as ambiguous and reads it as the end of the previous month', () => {
    const d = normalizeDeadline('trước tháng 6/2025');
    expect(d.kind).toBe('month');
    expect(d.due).toBe('2025-05-31');
    expect(d.rule).toContain('không rõ ràng');
    expect(normalizeDeadline('trước tháng 3/2024').due).toBe('2024-02-29');
    expect(normalizeDeadline('trước tháng 1/2025').due).toBe('2024-12-31');
  });

  it('says which original deadline or proposal a note holds', () => {
    expect(normalizeDeadline('Hạn được giao: 30/9/2025').rule).toBe(
      'Hạn được giao ban đầu: Ngày D/M/YYYY → đúng ngày đó',
    );
    expect(normalizeDeadline('Đề xuất thời gian hoàn thành: quý IV/2025').rule).toBe(
      'Đề xuất, chưa được duyệt: Quý IV/YYYY → 31/12/YYYY',
    );
  });

  it('explains why an invalid date is unreadable', () => {
    expect(normalizeDeadline('31/2/2025').rule).toBe('Ngày không tồn tại (31/2/2025) → không đọc được');
    expect(normalizeDeadline('trước ngày 28/5').rule).toContain('Không ghi năm');
  });

  it('takes a missing year from the document date and says so', () => {
    const d = normalizeDeadline('trước ngày 28/5', { documentDate: '2025-05-25' });
    expect(d).toMatchObject({ kind: 'date', due: '2025-05-28', before: true });
    expect(d.rule).toBe('Trước ngày D → hạn D (trước) (không ghi năm → lấy năm 2025 của văn bản)');
    expect(normalizeDeadline('hạn T5', { documentDate: '2025-05-25' }).due).toBe('2025-05-31');
    expect(normalizeDeadline('quý III', { documentDate: '2025-05-25' }).due).toBe('2025-09-30');
    expect(normalizeDeadline('Thường xuyên trong 6 tháng cuối năm', SEED_DATE)).toMatchObject({
      kind: 'recurring',
      recurrence: 'continuous',
      start: '2025-07-01',
      due: '2025-12-31',
    });
  });

  it('keeps a recurring window without a year open rather than guessing one', () => {
    expect(normalizeDeadline('Thường xuyên trong 6 tháng cuối năm')).toMatchObject({
      kind: 'recurring',
      recurrence: 'continuous',
      due: null,
    });
  });
});

/** Deadlines stated in prose and notes (seed-notes §2.3). */
const PROSE: Array<[string, Expected & { raw?: string }]> = [
  [
    'Giao Bộ Công an chủ trì, phối hợp với các bộ, hoàn thành trong tháng 6/2025.',
    { kind: 'month', due: '2025-06-30', raw: 'hoàn thành trong tháng 6/2025' },
  ],
  ['Hoàn thành trong tháng 6/2025.', { kind: 'month', due: '2025-06-30' }],
  ['hoàn thành trước tháng 6/2025', { kind: 'month', due: '2025-05-31' }],
  ['báo cáo Thủ tướng trước ngày 10/6/2025', { kind: 'date', due: '2025-06-10', before: true }],
  ['gửi Văn phòng Chính phủ trước 30/6/2025', { kind: 'date', due: '2025-06-30', before: true }],
  ['hoàn thành trước ngày 15/7/2025', { kind: 'date', due: '2025-07-15', before: true }],
  [
    'số hóa dữ liệu hộ tịch và dữ liệu đất đai, hoàn thành trong Quý II/2025',
    { kind: 'quarter', due: '2025-06-30', raw: 'hoàn thành trong Quý II/2025' },
  ],
  ['hoàn thành trong tháng 9/2025', { kind: 'month', due: '2025-09-30' }],
  ['áp dụng thống nhất từ tháng 8/2025', { kind: 'period', due: null, start: '2025-08-01', raw: 'từ tháng 8/2025' }],
  ['xây dựng, trình Chính phủ Báo cáo định kỳ hàng tháng', { kind: 'recurring', due: null, recurrence: 'monthly' }],
  ['(thời hạn hoàn thành tháng 12/2025)', { kind: 'month', due: '2025-12-31' }],
  ['Hạn được giao: 30/9/2025', { kind: 'date', due: '2025-09-30' }],
  ['Đề xuất thời gian hoàn thành: quý IV/2025', { kind: 'quarter', due: '2025-12-31' }],
  ['**Hoàn thành chậm nhất trong tháng 12/2025.**', { kind: 'month', due: '2025-12-31' }],
  ['các cơ quan đảng, **hoàn thành trong quý IV/2025.**', { kind: 'quarter', due: '2025-12-31' }],
  ['Ban hành trước ngày 20/10/2025.', { kind: 'date', due: '2025-10-20', before: true }],
  [
    'được ban hành và có hiệu lực chậm nhất trước ngày 31/3/2026',
    { kind: 'date', due: '2026-03-31', before: true, raw: 'chậm nhất trước ngày 31/3/2026' },
  ],
  ['triển khai đến hết tháng 12/2025', { kind: 'month', due: '2025-12-31' }],
  ['hoàn thành trong năm 2025', { kind: 'year', due: '2025-12-31' }],
  [
    'nhất là các nhiệm vụ theo lộ trình giai đoạn từ 01/7/2025 đến hết tháng 12/2025',
    { kind: 'period', due: '2025-12-31', start: '2025-07-01' },
  ],
  ['(đến ngày 31/12/2025 đạt 30% số hồ sơ, tài liệu cần số hóa)', { kind: 'date', due: '2025-12-31' }],
  ['gửi ý kiến trước **20h00 ngày 25 tháng 5 năm 2025**', { kind: 'date', due: '2025-05-25', before: true }],
  ['(hạn tháng 6/2025)', { kind: 'month', due: '2025-06-30' }],
  ['đề nghị lùi thời hạn hoàn thành sang tháng 12/2026 vì…', { kind: 'month', due: '2026-12-31' }],
];

describe('findDeadlineInText', () => {
  it.each(PROSE)('%j', (input, expected) => {
    const found = findDeadlineInText(input);
    expect(found).not.toBeNull();
    if (!found) {
      return;
    }
    expect({ kind: found.kind, due: found.due }).toEqual({ kind: expected.kind, due: expected.due });
    if (expected.raw !== undefined) {
      expect(found.raw).toBe(expected.raw);
    }
    if (expected.start !== undefined) {
      expect(found.start).toBe(expected.start);
    }
    if (expected.recurrence !== undefined) {
      expect(found.recurrence).toBe(expected.recurrence);
    }
    expect(found.before ?? false).toBe(expected.before ?? false);
    expect(() => DeadlineSchema.parse(found)).not.toThrow();
  });

  it('does not take event dates or the dates of cited documents for deadlines', () => {
    expect(findDeadlineInText('Quốc hội đã thông qua Luật vào ngày 14/6/2025')).toBeNull();
    expect(findDeadlineInText('Thông báo số 27-TB/TGV ngày 08/06/2025')).toBeNull();
    expect(findDeadlineInText('Kế hoạch phát triển hạ tầng số thời kỳ 2025-2030')).toBeNull();
    expect(findDeadlineInText('Sơ kết 6 tháng đầu năm 2025')).toBeNull();
    expect(findDeadlineInText('')).toBeNull();
  });

  it('prefers a dated phrase to a recurrence marker', () => {
    const text = 'Cập nhật dữ liệu (nhiệm vụ thường xuyên); hoàn thành trong tháng 10/2025.';
    expect(findDeadlineInText(text)?.due).toBe('2025-10-31');
    expect(findDeadlinesInText(text).map((m) => m.deadline.kind)).toEqual(['recurring', 'month']);
  });

  it('reports where each phrase is in the cleaned text', () => {
    const text = 'Bộ Tư pháp hoàn thành trong tháng 9/2025; Bộ Công an trước ngày 15/7/2025.';
    const matches = findDeadlinesInText(text);
    expect(matches.map((m) => text.slice(m.index, m.index + m.length))).toEqual([
      'hoàn thành trong tháng 9/2025',
      'trước ngày 15/7/2025',
    ]);
  });

  it('uses the document date for "trước ngày 28/5" and "cuối tháng 6"', () => {
    expect(findDeadlineInText('gửi trước ngày 28/5', { documentDate: '2025-05-25' })?.due).toBe('2025-05-28');
    expect(findDeadlineInText('Dự kiến cuối tháng 6, đầu tháng 7', { documentDate: '2025-05-25' })?.due).toBe(
      '2025-06-30',
    );
    expect(findDeadlineInText('gửi trước ngày 28/5')).toBeNull();
  });
});

const validDate = fc
  .record({ year: fc.integer({ min: 1900, max: 2199 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc.record({
      year: fc.constant(year),
      month: fc.constant(month),
      day: fc.integer({ min: 1, max: daysInMonth(year, month) }),
    }),
  );

/** Oracle independent of calendar.ts: day 0 of the next month in UTC. */
function lastDayOracle(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

describe('normalizeDeadline: properties', () => {
  it('reads any valid date written D/M/YYYY or DD/MM/YYYY as that date', () => {
    fc.assert(
      fc.property(validDate, fc.boolean(), ({ year, month, day }, pad) => {
        const text = pad
          ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`
          : `${day}/${month}/${year}`;
        const d = normalizeDeadline(text);
        expect(d.kind).toBe('date');
        expect(d.due).toBe(toIsoDate(year, month, day));
      }),
    );
  });

  it('reads "trước ngày D" as due D, before', () => {
    fc.assert(
      fc.property(validDate, ({ year, month, day }) => {
        const d = normalizeDeadline(`Trước ngày ${day}/${month}/${year}`);
        expect(d).toMatchObject({ kind: 'date', due: toIsoDate(year, month, day), before: true });
      }),
    );
  });

  it('rejects day numbers past the end of the month (leap years included)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        (year, month, extra) => {
          const day = lastDayOracle(year, month) + extra;
          fc.pre(day <= 99);
          expect(normalizeDeadline(`${day}/${month}/${year}`)).toMatchObject({ kind: 'unreadable', due: null });
        },
      ),
    );
  });

  it('puts "Tháng M/YYYY" on the last day of M, leap February included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const d = normalizeDeadline(`Tháng ${month}/${year}`);
        expect(d.kind).toBe('month');
        expect(d.due).toBe(toIsoDate(year, month, lastDayOracle(year, month)));
        expect(d.start).toBe(toIsoDate(year, month, 1));
      }),
    );
  });

  it('puts a quarter on 31/3, 30/6, 30/9 or 31/12', () => {
    const romans = ['I', 'II', 'III', 'IV'];
    const ends = ['03-31', '06-30', '09-30', '12-31'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (year, q, lower) => {
          const d = normalizeDeadline(`${lower ? 'quý' : 'Quý'} ${romans[q]}/${year}`);
          expect(d.kind).toBe('quarter');
          expect(d.due).toBe(`${year}-${ends[q]}`);
        },
      ),
    );
  });

  it('always returns a contract-valid deadline, keeps the raw text, and never dates an unreadable one', () => {
    const vocabulary = fc.constantFrom(
      'tháng',
      'Tháng',
      'quý',
      'IV',
      'II',
      'trước',
      'ngày',
      'năm',
      'từ',
      'đến',
      'hết',
      'hằng',
      'thường xuyên',
      'và',
      '6 tháng đầu',
      '2025',
      '12',
      '31',
      '29',
      '2',
      '0',
      '/',
      '-',
      '.',
      ',',
      ' ',
      '\n',
      '20h00',
      'Theo',
      'T',
      '<p>',
    );
    const input = fc.oneof(
      fc.string(),
      fc.array(vocabulary, { maxLength: 12 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, fc.option(fc.constant('2025-05-25'), { nil: undefined }), (text, documentDate) => {
        const d = normalizeDeadline(text, documentDate ? { documentDate } : undefined);
        expect(() => DeadlineSchema.parse(d)).not.toThrow();
        expect(d.raw).toBe(cleanText(text));
        if (d.kind === 'unreadable' || d.kind === 'none' || d.kind === 'relative') {
          expect(d.due).toBeNull();
        }
        if (d.due !== null) {
          expect(parseIsoDate(d.due)).not.toBeNull();
        }
        if (d.start && d.due) {
          expect(d.start <= d.due).toBe(true);
        }
        for (const m of findDeadlinesInText(text)) {
          expect(() => DeadlineSchema.parse(m.deadline)).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('calendar helpers', () => {
  it('knows leap years', () => {
    expect([1900, 2000, 2024, 2025, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(isoLastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(isoLastDayOfMonth(2025, 2)).toBe('2025-02-28');
    expect(isoLastDayOfMonth(2025, 12)).toBe('2025-12-31');
    expect(isValidDate(2025, 2, 29)).toBe(false);
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2025-06-30')).toEqual({ year: 2025, month: 6, day: 30 });
  });

  it('adds days across month and year ends', () => {
    expect(addDaysIso('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDaysIso('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDaysIso('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysBetweenIso('2025-05-24', '2025-05-31')).toBe(7);
    expect(dayNumber(1970, 1, 1)).toBe(0);
  });

  it('round-trips day numbers and agrees with UTC arithmetic', () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: -1000, max: 1000 }), ({ year, month, day }, delta) => {
        const n = dayNumber(year, month, day);
        expect(dateFromDayNumber(n)).toEqual({ year, month, day });
        expect(n).toBe(Date.UTC(year, month - 1, day) / 86_400_000);
        const shifted = new Date(Date.UTC(year, month - 1, day + delta));
        expect(addDaysIso(toIsoDate(year, month, day), delta)).toBe(shifted.toISOString().slice(0, 10));
      }),
    );
  });
});
