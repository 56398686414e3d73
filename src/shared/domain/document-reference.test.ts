import { readFileSync } from 'node:fs';
import { DirectiveKindSchema } from '@shared/contracts/imports';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DocumentReference, findDocumentReferences, parseDocumentReference } from './document-reference';

type Expected = Partial<DocumentReference> & { key: string };

const CITATIONS: Array<[string, Expected]> = [
  [
    'Nghị quyết số 71/NQ-CP',
    {
      key: '71/NQ-CP',
      kind: 'nghi-quyet',
      number: '71/NQ-CP',
      issuer: 'Chính phủ',
      issuedOn: null,
      raw: 'Nghị quyết số 71/NQ-CP',
    },
  ],
  [
    'Nghị quyết 57-NQ/TW ngày 22/12/2024',
    { key: '57-NQ/TW', kind: 'nghi-quyet', issuedOn: '2024-12-22', raw: 'Nghị quyết 57-NQ/TW ngày 22/12/2024' },
  ],
  [
    'Thông báo số 27-TB/TGV ngày 08/06/2025',
    { key: '27-TB/TGV', kind: 'thong-bao-ket-luan', issuedOn: '2025-06-08', issuer: 'TGV' },
  ],
  ['Thông báo số 27-TB/TGV ngày 08/6/2025', { key: '27-TB/TGV', kind: 'thong-bao-ket-luan', issuedOn: '2025-06-08' }],
  [
    'Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025',
    { key: '02-KH/BCĐTW', kind: 'ke-hoach', issuedOn: '2025-06-19', issuer: 'BCĐTW' },
  ],
  ['Thông báo 05-TB/BCĐTW', { key: '05-TB/BCĐTW', kind: 'thong-bao-ket-luan', issuedOn: null }],
  [
    'Quyết định số 1169/QĐ-TTg ngày 16/6/2025',
    { key: '1169/QĐ-TTg', kind: 'quyet-dinh', issuedOn: '2025-06-16', issuer: 'Thủ tướng Chính phủ' },
  ],
  ['Công văn 402-CV/VPĐU', { key: '402-CV/VPĐU', kind: 'cong-van', issuer: 'VPĐU' }],
  ['Nghị định số 107/2021/NĐ-CP', { key: '107/2021/NĐ-CP', kind: 'khac', issuer: 'Chính phủ' }],
  [
    '292/TB-VPCP',
    { key: '292/TB-VPCP', kind: 'thong-bao-ket-luan', issuer: 'Văn phòng Chính phủ', raw: '292/TB-VPCP' },
  ],
  ['01-KH/BCĐ', { key: '01-KH/BCĐ', kind: 'ke-hoach' }],
  ['07-TB/CQTTBCĐ', { key: '07-TB/CQTTBCĐ', kind: 'thong-bao-ket-luan' }],
  ['Kết luận số 07-TB/CQTTBCĐ', { key: '07-TB/CQTTBCĐ', kind: 'thong-bao-ket-luan' }],
  [
    'Thông báo kết luận số 07-TB/CQTTBCĐ ngày 15 tháng 10 năm 2025',
    { key: '07-TB/CQTTBCĐ', kind: 'thong-bao-ket-luan', issuedOn: '2025-10-15' },
  ],
  ['Chỉ thị số 24/CT-TTg', { key: '24/CT-TTg', kind: 'chi-thi' }],
  ['Văn bản số 592/BKHCN-VCL ngày 31/3/2025.', { key: '592/BKHCN-VCL', kind: 'cong-van', issuedOn: '2025-03-31' }],
  ['2503/BKHCN-CĐSQG', { key: '2503/BKHCN-CĐSQG', kind: 'cong-van', issuer: 'Bộ Khoa học và Công nghệ' }],
  ['Báo cáo số 2783/BKHCN-CĐSQG ngày 29/6/2025', { key: '2783/BKHCN-CĐSQG', kind: 'bao-cao', issuedOn: '2025-06-29' }],
  ['Tờ trình số 70/TTr-BKHCN', { key: '70/TTr-BKHCN', kind: 'khac' }],
  ['Nghị quyết số 193/2025/QH15', { key: '193/2025/QH15', kind: 'nghi-quyet', issuer: 'Quốc hội' }],
  ['Quy chế 02-QC/BCĐTW', { key: '02-QC/BCĐTW', kind: 'khac' }],
  ['Số 55-CV/BTGDVĐU', { key: '55-CV/BTGDVĐU', kind: 'cong-van' }],
  [
    'Thông báo số 19-TB/TGV của ngày 09 tháng 5 năm 2025 của Tổ Giúp việc',
    { key: '19-TB/TGV', issuedOn: '2025-05-09', raw: 'Thông báo số 19-TB/TGV của ngày 09 tháng 5 năm 2025' },
  ],
  [
    '(Kế hoạch số 01-KH/BCĐTW, ngày 02/6/2025 của Ban Chỉ đạo Trung ương)',
    { key: '01-KH/BCĐTW', kind: 'ke-hoach', issuedOn: '2025-06-02' },
  ],
  // Variant spellings of one document share its key.
  ['Nghị quyết 71/NQCP', { key: '71/NQ-CP', kind: 'nghi-quyet', number: '71/NQCP', issuer: 'Chính phủ' }],
  ['nghị quyết số 71/nq-cp', { key: '71/NQ-CP', kind: 'nghi-quyet' }],
  ['Nghị quyết số 71 / NQ-CP'.replace(' / ', '/'), { key: '71/NQ-CP' }],
  ['Nghị quyết 71/NQ–CP', { key: '71/NQ-CP', number: '71/NQ-CP' }],
  ['Nghị quyết 57/NQ-TW', { key: '57-NQ/TW', number: '57/NQ-TW' }],
  ['Kế hoạch 02/KH-BCĐTW', { key: '02-KH/BCĐTW', kind: 'ke-hoach' }],
  ['Quyết định 766/QĐ-TTG', { key: '766/QĐ-TTg' }],
  ['QĐ 933/QĐ-TTg ngày 19/4/2024', { key: '933/QĐ-TTg', kind: 'quyet-dinh', issuedOn: '2024-04-19' }],
  [
    'Luật Khoa học, công nghệ và đổi mới sáng tạo có hiệu lực thi hành',
    {
      key: 'luat:khoa-hoc-cong-nghe-va-doi-moi-sang-tao',
      kind: 'khac',
      number: '',
      raw: 'Luật Khoa học, công nghệ và đổi mới sáng tạo',
    },
  ],
];

describe('parseDocumentReference', () => {
  it.each(CITATIONS)('%j', (text, expected) => {
    const ref = parseDocumentReference(text);
    expect(ref).toMatchObject(expected);
    expect(DirectiveKindSchema.parse(ref?.kind)).toBe(ref?.kind);
  });

  it('returns null when there is no citation', () => {
    for (const text of [
      '',
      'Bộ Khoa học và Công nghệ',
      '30/6/2025',
      'tỷ lệ 2/3 số tỉnh',
      'COVID-19, 5G/6G, 3-D',
      'file:abc.txt',
    ]) {
      expect(parseDocumentReference(text)).toBeNull();
    }
  });
});

/** Seed 001 PHỤ LỤC 02, column "Văn bản giao nhiệm vụ", rows 1–30 (seed-notes fact 7). */
const PL02_COLUMN = [
  ...Array<string>(9).fill('Nghị quyết số 71/NQ-CP'),
  'Thông báo số 27-TB/TGV ngày 08/06/2025',
  'Thông báo số 03-TB/BCĐTW ngày 06/3/2025',
  'Thông báo số 03-TB/BCĐTW ngày 06/3/2025',
  'Thông báo số 04-TB/BCĐTW ngày 30/5/2025',
  'Thông báo số 04-TB/BCĐTW ngày 30/5/2025',
  'Thông báo số 25-TB/TGV ngày 24/5/2025',
  'Thông báo số 25-TB/TGV ngày 24/5/2025',
  'Thông báo số 31-TB/TGV ngày 18/06/2025',
  'Thông báo số 14-TB/TGV ngày 21/4/2025',
  'Thông báo số 14-TB/TGV ngày 21/4/2025',
  'Thông báo số 14-TB/TGV ngày 21/4/2025',
  'Thông báo số 14-TB/TGV ngày 21/4/2025',
  'Thông báo số 15-TB/TGV ngày 28/4/2025',
  'Thông báo số 25-TB/TGV ngày 24/5/2025',
  'Thông báo số 04-TB/BCĐTW ngày 30/5/2025',
  'Thông báo số 15-TB/TGV ngày 28/4/2025',
  'Thông báo số 25-TB/TGV ngày 24/5/2025',
  'Thông báo số 27-TB/TGV ngày 08/06/2025',
  'Thông báo số 27-TB/TGV ngày 08/6/2025',
  'Thông báo số 27-TB/TGV ngày 08/6/2025',
  'Nghị quyết số 71/NQ-CP',
];

function countKeys(cells: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const cell of cells) {
    const key = parseDocumentReference(cell)?.key ?? 'NULL';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('seed 001 PHỤ LỤC 02 "Văn bản giao nhiệm vụ"', () => {
  const expectedCounts = {
    '71/NQ-CP': 10,
    '25-TB/TGV': 4,
    '14-TB/TGV': 4,
    '27-TB/TGV': 4,
    '04-TB/BCĐTW': 3,
    '03-TB/BCĐTW': 2,
    '15-TB/TGV': 2,
    '31-TB/TGV': 1,
  };

  it('gives the counts per assigning document of fact 7', () => {
    expect(PL02_COLUMN).toHaveLength(30);
    expect(countKeys(PL02_COLUMN)).toEqual(expectedCounts);
  });

  it('reads the same cells from the seed file itself (NFD text included)', () => {
    const lines = readFileSync(new URL('../../../fixtures/seeds/001_da84f1939d876bb4.txt', import.meta.url), 'utf8')
      .split('\n')
      .slice(752, 975)
      .filter((line) => /^\t(?:Nghị quyết|Thông báo) số/u.test(line.normalize('NFC')));
    expect(countKeys(lines)).toEqual(expectedCounts);
  });

  it('gives one issue date for the 08/06/2025 and 08/6/2025 citations of notice 27-TB/TGV', () => {
    const dates = new Set(
      PL02_COLUMN.map((c) => parseDocumentReference(c))
        .filter((r) => r?.key === '27-TB/TGV')
        .map((r) => r?.issuedOn),
    );
    expect([...dates]).toEqual(['2025-06-08']);
    expect(parseDocumentReference('Thông báo số 14-TB/TGV ngày 21/4/2025')).toEqual({
      key: '14-TB/TGV',
      kind: 'thong-bao-ket-luan',
      number: '14-TB/TGV',
      issuedOn: '2025-04-21',
      issuer: 'TGV',
      raw: 'Thông báo số 14-TB/TGV ngày 21/4/2025',
    });
  });
});

describe('appendix captions', () => {
  it('reads PHỤ LỤC 04 (Thông báo 05-TB/BCĐTW, 04/7/2025) and the resolution it implements', () => {
    const caption =
      'DANH MỤC NHIỆM VỤ THEO THÔNG BÁO SỐ 05-TB/BCĐTW NGÀY 04/7/2025 THÔNG BÁO KẾT LUẬN CỦA ĐỒNG CHÍ TỔNG BÍ THƯ TÔ LÂM TRƯỞNG BAN CHỈ ĐẠO TRUNG ƯƠNG VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ TẠI HỘI NGHỊ SƠ KẾT CÔNG TÁC 6 THÁNG ĐẦU NĂM VÀ NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025 THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW';
    expect(parseDocumentReference(caption)).toEqual({
      key: '05-TB/BCĐTW',
      kind: 'thong-bao-ket-luan',
      number: '05-TB/BCĐTW',
      issuedOn: '2025-07-04',
      issuer: 'BCĐTW',
      raw: 'THÔNG BÁO SỐ 05-TB/BCĐTW NGÀY 04/7/2025',
    });
    expect(findDocumentReferences(caption).map((r) => [r.key, r.kind])).toEqual([
      ['05-TB/BCĐTW', 'thong-bao-ket-luan'],
      ['57-NQ/TW', 'nghi-quyet'],
    ]);
  });

  it('reads PHỤ LỤC 05 (Kế hoạch 02-KH/BCĐTW, 19/6/2025)', () => {
    const caption =
      'DANH MỤC NHIỆM VỤ TRỌNG TÂM TỪ NGÀY 01/7/2025 ĐẾN NGÀY 31/12/2025 TRONG TRIỂN KHAI KẾ HOẠCH SỐ 02-KH/BCĐTW NGÀY 19/6/2025 CỦA BAN CHỈ ĐẠO TRUNG ƯƠNG VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ';
    expect(parseDocumentReference(caption)).toMatchObject({
      key: '02-KH/BCĐTW',
      kind: 'ke-hoach',
      issuedOn: '2025-06-19',
      raw: 'KẾ HOẠCH SỐ 02-KH/BCĐTW NGÀY 19/6/2025',
    });
  });

  it('reads PHỤ LỤC 06 and seed 003 captions (Nghị quyết 71/NQ-CP)', () => {
    expect(parseDocumentReference('DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 71/NQ-CP 06 THÁNG CUỐI NĂM 2025')?.key).toBe(
      '71/NQ-CP',
    );
    expect(
      parseDocumentReference(
        '## Phụ lục 1: DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 71/NQ-CP CÓ THỜI HẠN HOÀN THÀNH THÁNG 3-5/2025',
      )?.kind,
    ).toBe('nghi-quyet');
  });
});

describe('findDocumentReferences', () => {
  it('lists every citation of a paragraph in order', () => {
    const text =
      'triển khai thực hiện Kế hoạch số 01-KH/BCĐ ngày 23/10/2025 của Ban Chỉ đạo về triển khai thực hiện Thông báo Kết luận số 07-TB/CQTTBCĐ ngày 15/10/2025 của đồng chí Tổng Bí thư … Nghị quyết số 57-NQ/TW của Bộ Chính trị trong quý III/2025';
    expect(findDocumentReferences(text).map((r) => [r.key, r.kind, r.issuedOn])).toEqual([
      ['01-KH/BCĐ', 'ke-hoach', '2025-10-23'],
      ['07-TB/CQTTBCĐ', 'thong-bao-ket-luan', '2025-10-15'],
      ['57-NQ/TW', 'nghi-quyet', null],
    ]);
  });

  it('separates laws cited by name in a list', () => {
    expect(
      findDocumentReferences('sửa đổi Luật Đầu tư, Luật Đấu thầu và Luật Quản lý thuế.').map((r) => r.raw),
    ).toEqual(['Luật Đầu tư', 'Luật Đấu thầu', 'Luật Quản lý thuế']);
    expect(
      findDocumentReferences('Dự án Luật sửa đổi, bổ sung một số điều của Luật Chất lượng sản phẩm, hàng hóa.').map(
        (r) => r.key,
      ),
    ).toEqual(['luat:chat-luong-san-pham-hang-hoa']);
  });

  it('reads a cited decree inside task text', () => {
    const refs = findDocumentReferences(
      'Nâng cấp, hoàn thiện hạ tầng công nghệ thông tin đáp ứng yêu cầu tại Nghị định số 107/2021/NĐ-CP',
    );
    expect(refs.map((r) => r.key)).toEqual(['107/2021/NĐ-CP']);
  });

  it('gives one key for any spelling of a symbol (case, dash, separator style)', () => {
    const spellings = fc.record({
      num: fc.integer({ min: 1, max: 2999 }),
      code: fc.constantFrom('NQ', 'TB', 'KH', 'QĐ', 'CT'),
      lower: fc.boolean(),
      dash: fc.constantFrom('-', '–', '‑'),
    });
    fc.assert(
      fc.property(spellings, ({ num, code, lower, dash }) => {
        const state = `${num}/${code}${dash}CP`;
        const party = `${num}${dash}${code}/BCĐTW`;
        const partyWrong = `${num}/${code}${dash}BCĐTW`;
        const k = (s: string) => parseDocumentReference(`Văn bản số ${lower ? s.toLowerCase() : s}`)?.key;
        expect(k(state)).toBe(`${num}/${code}-CP`);
        expect(k(party)).toBe(`${num}-${code}/BCĐTW`);
        expect(k(partyWrong)).toBe(`${num}-${code}/BCĐTW`);
      }),
    );
  });

  it('never throws and returns contract kinds on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        for (const ref of findDocumentReferences(text)) {
          expect(DirectiveKindSchema.safeParse(ref.kind).success).toBe(true);
          expect(ref.key.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
