import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableId } from '@server/lib/ids';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AgencyResolver, buildAgencyRegisterSnapshotFromReference, createAgencyResolver } from './agency-resolver';

const REPORT_DATE = '2025-07-18';
const snapshot = buildAgencyRegisterSnapshotFromReference();
const resolver: AgencyResolver = createAgencyResolver(snapshot, { today: () => REPORT_DATE });

/** The lead/coordinator/unit cells of the seeds, extracted once from fixtures/seeds (see the fixture's fields). */
type SeedCell = { seed: string; table: string; row: number; role: string; text: string };
const CELLS: SeedCell[] = JSON.parse(
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'seed-agency-cells.fixture.json'), 'utf8'),
);

function nameOf(input: string, asOf?: string): string | null {
  return resolver.resolve(input, asOf).agency?.name ?? null;
}

function rolledUpName(input: string, toDate = REPORT_DATE): string[] {
  const agency = resolver.resolve(input).agency;
  if (!agency) {
    return [];
  }
  return resolver.rollUp(agency.id, toDate).map((a) => a.name);
}

describe('register built from reference/', () => {
  it('has 63 provinces until 30/6/2025 and 34 from 1/7/2025, and 3,321 communes under the 34', () => {
    expect(resolver.list('2025-06-30', 'province')).toHaveLength(63);
    const provinces = resolver.list('2025-07-01', 'province');
    expect(provinces).toHaveLength(34);
    const communes = resolver.list('2025-07-01', 'commune');
    expect(communes).toHaveLength(3321);
    const provinceIds = new Set(provinces.map((p) => p.id));
    expect(communes.every((c) => c.parentId !== null && provinceIds.has(c.parentId))).toBe(true);
    expect(resolver.list('2025-06-30', 'commune')).toHaveLength(0);
  });

  it('keys provinces by era, not by the reused GSO code', () => {
    const oldBacNinh = resolver.resolve('Bắc Ninh', '2025-06-30').agency;
    const newBacNinh = resolver.resolve('Bắc Ninh', '2025-07-01').agency;
    expect(oldBacNinh?.id).not.toBe(newBacNinh?.id);
    expect(resolver.getAgency(oldBacNinh?.id ?? '')?.code).toBe('27');
    expect(resolver.getAgency(newBacNinh?.id ?? '')?.code).toBe('24');
    // Code 24 belonged to Bắc Giang before the merger.
    expect(resolver.getAgency(resolver.resolve('Bắc Giang').agency?.id ?? '')?.code).toBe('24');
  });

  it('gives the same ids on every build (stableId of era and code, or name and first day)', () => {
    expect(resolver.resolve('Hà Tĩnh').agency?.id).toBe(stableId('agency', 'province:63:42'));
    expect(resolver.resolve('Bắc Ninh', '2025-08-01').agency?.id).toBe(stableId('agency', 'province:34:24'));
    expect(resolver.resolve('Bộ Tài chính').agency?.id).toBe(stableId('agency', 'body:bo tai chinh@open'));
    expect(resolver.resolve('Bộ Nông nghiệp và Môi trường').agency?.id).toBe(
      stableId('agency', 'body:bo nong nghiep va moi truong@2025-03-01'),
    );
    const ids = snapshot.agencies.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has 17 ministries and ministerial agencies and 5 government agencies after 1/3/2025', () => {
    const central = (day: string) =>
      ['ministry', 'ministerial-agency', 'government-agency'].map(
        (kind) => resolver.list(day, kind as 'ministry').length,
      );
    expect(central('2025-03-01')).toEqual([14, 3, 5]);
    expect(central('2025-02-28')).toEqual([18, 4, 8]);
  });
});

describe('resolve', () => {
  it('resolves every name of seed-notes fact 25', () => {
    const expected: [string, string][] = [
      ['Bộ KH&CN', 'Bộ Khoa học và Công nghệ'],
      ['Bộ KHCN', 'Bộ Khoa học và Công nghệ'],
      ['BKHCN', 'Bộ Khoa học và Công nghệ'],
      ['Bộ Khoa học Công nghệ', 'Bộ Khoa học và Công nghệ'],
      ['Bộ Khoa học, Công nghệ', 'Bộ Khoa học và Công nghệ'],
      ['Bộ Khoa học và công nghệ', 'Bộ Khoa học và Công nghệ'],
      ['Bộ Khoa học và Cổng nghệ', 'Bộ Khoa học và Công nghệ'],
      ['Bộ Công thương', 'Bộ Công Thương'],
      ['Bộ Nội Vụ', 'Bộ Nội vụ'],
      ['Bô Nội vụ', 'Bộ Nội vụ'],
      ['Ngân hàng nhà nước', 'Ngân hàng Nhà nước Việt Nam'],
      ['NHNN', 'Ngân hàng Nhà nước Việt Nam'],
      ['Đài THVN', 'Đài Truyền hình Việt Nam'],
      ['VTV', 'Đài Truyền hình Việt Nam'],
      ['TTXVN', 'Thông tấn xã Việt Nam'],
      ['VOV', 'Đài Tiếng nói Việt Nam'],
      ['Sơn la', 'Tỉnh Sơn La'],
      ['TP Hà Nội', 'Thành phố Hà Nội'],
      ['Thành phố Hà Nội', 'Thành phố Hà Nội'],
      ['thành phố Hà Nội', 'Thành phố Hà Nội'],
      ['Hà Nội', 'Thành phố Hà Nội'],
      ['TP. Hải Phòng', 'Thành phố Hải Phòng'],
      ['TP HCM', 'Thành phố Hồ Chí Minh'],
      ['Thành phố Hồ Chí Minh', 'Thành phố Hồ Chí Minh'],
      ['UBND tỉnh Hà Tĩnh', 'Tỉnh Hà Tĩnh'],
      ['Ủy ban nhân dân thành phố Đà Nẵng', 'Thành phố Đà Nẵng'],
      ['Viện Hàn lâm Khoa học và Xã hội Việt Nam', 'Viện Hàn lâm Khoa học xã hội Việt Nam'],
      ['Bộ Văn hóa, Thể thao và Du lịch', 'Bộ Văn hóa, Thể thao và Du lịch'],
      ['Bộ Công an (chủ trì)', 'Bộ Công an'],
      ['Bộ Tài chính²', 'Bộ Tài chính'],
    ];
    expect(expected.map(([input]) => [input, nameOf(input)])).toEqual(expected);
  });

  it('resolves a former ministry as named and rolls it up to its successor', () => {
    expect(nameOf('Bộ TT&TT')).toBe('Bộ Thông tin và Truyền thông');
    expect(rolledUpName('Bộ TT&TT')).toEqual(['Bộ Khoa học và Công nghệ']);
    expect(rolledUpName('Bộ Tài nguyên và Môi trường')).toEqual(['Bộ Nông nghiệp và Môi trường']);
    expect(rolledUpName('Ủy ban Dân tộc')).toEqual(['Bộ Dân tộc và Tôn giáo']);
    expect(rolledUpName('Ủy ban Quản lý vốn nhà nước tại doanh nghiệp')).toEqual(['Bộ Công an', 'Bộ Tài chính']);
    // Before the change nothing has happened yet.
    expect(rolledUpName('Bộ TT&TT', '2025-02-28')).toEqual(['Bộ Thông tin và Truyền thông']);
    // "(nay là …)" only explains: the agency named is still the former one.
    expect(rolledUpName('Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)')).toEqual([
      'Bộ Khoa học và Công nghệ',
    ]);
  });

  it('rolls the 14 absorbed provinces of seed 000 up to their 34-list successors; Hà Tĩnh stays itself', () => {
    const expected: Record<string, string> = {
      'Bắc Kạn': 'Tỉnh Thái Nguyên',
      'Bạc Liêu': 'Tỉnh Cà Mau',
      'Bình Định': 'Tỉnh Gia Lai',
      'Hòa Bình': 'Tỉnh Phú Thọ',
      'Yên Bái': 'Tỉnh Lào Cai',
      'Đắk Nông': 'Tỉnh Lâm Đồng',
      'Trà Vinh': 'Tỉnh Vĩnh Long',
      'Sóc Trăng': 'Thành phố Cần Thơ',
      'Quảng Bình': 'Tỉnh Quảng Trị',
      'Hà Nam': 'Tỉnh Ninh Bình',
      'Thái Bình': 'Tỉnh Hưng Yên',
      'Kon Tum': 'Tỉnh Quảng Ngãi',
      'Tiền Giang': 'Tỉnh Đồng Tháp',
      'Long An': 'Tỉnh Tây Ninh',
    };
    for (const [oldName, successor] of Object.entries(expected)) {
      expect(nameOf(oldName)).toBe(`Tỉnh ${oldName}`);
      expect(rolledUpName(oldName)).toEqual([successor]);
    }
    const haTinh = resolver.resolve('Hà Tĩnh').agency;
    expect(resolver.rollUp(haTinh?.id ?? '', '2026-01-01')).toEqual([haTinh]);
    // The same name before and after the merger: two agencies, the old one rolls up to the new one.
    const oldBacNinh = resolver.resolve('Bắc Ninh', '2025-05-31').agency;
    expect(resolver.rollUp(oldBacNinh?.id ?? '', '2025-07-01')).toEqual([resolver.resolve('Bắc Ninh').agency]);
    expect(rolledUpName('tỉnh Bình Dương')).toEqual(['Thành phố Hồ Chí Minh']);
  });

  it('resolves the ten unfinished units of 001 PL02 row 3', () => {
    const cell = CELLS.find((c) => c.table === 'PL02' && c.row === 3 && c.role === 'unfinished');
    const pieces = resolver.splitAgencyList(cell?.text ?? '');
    expect(pieces.map((p) => nameOf(p))).toEqual([
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

  it('returns null for names it does not know, and says when a name is ambiguous', () => {
    expect(resolver.resolve('Bộ Không Có')).toEqual({
      input: 'Bộ Không Có',
      agency: null,
      group: null,
      status: 'unknown',
    });
    expect(resolver.resolve('chuyên gia').agency).toBeNull();
    const tanPhu = resolver.resolve('Xã Tân Phú');
    expect(tanPhu.status).toBe('ambiguous');
    expect(tanPhu.agency).toBeNull();
    expect(tanPhu.candidates?.length).toBe(5);
    expect(resolver.resolve('Phường Ba Đình').agency?.kind).toBe('commune');
  });

  it('resolves names that only mean something inside a province within that province', () => {
    const hcmc = resolver.resolve('Thành phố Hồ Chí Minh', REPORT_DATE).agency?.id ?? '';
    const hanoi = resolver.resolve('Hà Nội').agency?.id ?? '';
    expect(nameOf('Sở Tài chính')).toBe('Sở Tài chính Thành phố Hồ Chí Minh');
    expect(resolver.resolve('Sở Tài chính', REPORT_DATE, { withinId: hcmc }).agency?.name).toBe(
      'Sở Tài chính Thành phố Hồ Chí Minh',
    );
    expect(resolver.resolve('Sở Tài chính', REPORT_DATE, { withinId: hanoi }).status).toBe('unknown');
    expect(resolver.resolve('Các sở, ban, ngành', REPORT_DATE, { withinId: hanoi }).group?.members).toEqual([]);
    expect(resolver.resolve('UBND cấp xã', REPORT_DATE, { withinId: hanoi }).group?.members).toHaveLength(126);
  });
});

describe('collective groups', () => {
  function kindCounts(members: { kind: string }[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const m of members) {
      out[m.kind] = (out[m.kind] ?? 0) + 1;
    }
    return out;
  }

  it('expands "Các bộ, ngành, địa phương" to the bodies existing on the date', () => {
    const before = resolver.resolve('Các bộ, ngành, địa phương', '2025-06-30').group?.members ?? [];
    expect(kindCounts(before)).toEqual({
      ministry: 14,
      'ministerial-agency': 3,
      'government-agency': 5,
      province: 63,
    });
    const after = resolver.resolve('Các bộ, ngành, địa phương', '2025-08-01').group?.members ?? [];
    expect(kindCounts(after)).toEqual({ ministry: 14, 'ministerial-agency': 3, 'government-agency': 5, province: 34 });
    expect(before.some((m) => m.name === 'Tỉnh Bắc Kạn')).toBe(true);
    expect(after.some((m) => m.name === 'Tỉnh Bắc Kạn')).toBe(false);
  });

  it('knows the variants and the narrower groups', () => {
    for (const variant of ['Bộ, ngành, địa phương', 'các bộ, ngành và địa phương', 'Các bộ, cơ quan, địa phương']) {
      expect(resolver.resolve(variant).group?.name).toBe('Các bộ, ngành, địa phương');
    }
    expect(resolver.resolve('Các bộ, ngành').group?.members).toHaveLength(22);
    expect(resolver.resolve('các bộ, ngành Trung ương').group?.members).toHaveLength(22);
    expect(resolver.resolve('UBND các tỉnh, thành phố', '2025-06-30').group?.members).toHaveLength(63);
    expect(resolver.resolve('Các địa phương').group?.members).toHaveLength(34);
    expect(
      resolver
        .resolve(
          'Các cơ quan khối Đảng, khối Chính quyền, Hội đồng nhân dân, Mặt trận Tổ quốc và các đoàn thể của Thành phố',
        )
        .group?.members.every((m) => m.name.endsWith('Thành phố Hồ Chí Minh')),
    ).toBe(true);
    expect(resolver.resolve('Các sở, ban, ngành Thành phố').group?.members.map((m) => m.name)).toContain(
      'Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh',
    );
  });

  it('recognises open expressions without inventing members', () => {
    const related = resolver.resolve('Các bộ, ngành liên quan');
    expect(related).toMatchObject({ agency: null, group: null, status: 'open-group' });
    expect(related.openGroup?.name).toBe('Các bộ, ngành liên quan');
  });
});

describe('splitAgencyList', () => {
  it('keeps names with commas whole and splits on ",", ";", "và", "cùng"', () => {
    expect(resolver.splitAgencyList('Bộ Công an; Bộ Văn hóa, Thể thao và Du lịch; Bộ Tài chính')).toEqual([
      'Bộ Công an',
      'Bộ Văn hóa, Thể thao và Du lịch',
      'Bộ Tài chính',
    ]);
    expect(
      resolver.splitAgencyList('Ban Tuyên giáo và Dân vận Trung ương; các bộ, ngành, địa phương; VTV, VOV, TTXVN'),
    ).toEqual(['Ban Tuyên giáo và Dân vận Trung ương', 'các bộ, ngành, địa phương', 'VTV', 'VOV', 'TTXVN']);
    expect(resolver.splitAgencyList('Bộ Khoa học và Công nghệ cùng Bộ Tài chính')).toEqual([
      'Bộ Khoa học và Công nghệ',
      'Bộ Tài chính',
    ]);
    expect(resolver.splitAgencyList('Ủy ban Kiểm tra Trung ương và Thanh tra Chính phủ')).toEqual([
      'Ủy ban Kiểm tra Trung ương',
      'Thanh tra Chính phủ',
    ]);
  });

  it('keeps unknown tails as pieces and drops "-" and ellipses', () => {
    expect(
      resolver.splitAgencyList('Bộ Tài chính,\u00a0Bộ Ngoại giao\u00a0và các doanh nghiệp lớn liên quan '),
    ).toEqual(['Bộ Tài chính', 'Bộ Ngoại giao', 'các doanh nghiệp lớn liên quan']);
    expect(resolver.splitAgencyList('Bộ, ngành, chuyên gia')).toEqual(['Bộ, ngành', 'chuyên gia']);
    expect(resolver.splitAgencyList('-')).toEqual([]);
    expect(resolver.splitAgencyList('')).toEqual([]);
  });

  it('expands distributive lists ("Các Bộ: …", "Sở: …")', () => {
    expect(
      resolver.splitAgencyList('Các Bộ: Khoa học và Công nghệ, Tài chính, Xây dựng, Nội vụ, Nông nghiệp và Môi trường'),
    ).toEqual(['Bộ Khoa học và Công nghệ', 'Bộ Tài chính', 'Bộ Xây dựng', 'Bộ Nội vụ', 'Bộ Nông nghiệp và Môi trường']);
    expect(
      resolver.splitAgencyList(
        'Sở: Nông nghiệp và Môi trường, Tư pháp, Y tế, Giáo dục, Nội vụ ...; Văn phòng Ủy ban nhân dân Thành phố',
      ),
    ).toEqual([
      'Sở Nông nghiệp và Môi trường',
      'Sở Tư pháp',
      'Sở Y tế',
      'Sở Giáo dục',
      'Sở Nội vụ',
      'Văn phòng Ủy ban nhân dân Thành phố',
    ]);
  });

  it('reads the HTML bullet list of 004 task 8 as ten city bodies', () => {
    const cell = CELLS.find((c) => c.seed === '004' && c.row === 8 && c.role === 'lead');
    const names = resolver.splitAgencyList(cell?.text ?? '').map((p) => nameOf(p));
    expect(names).toEqual([
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
  });

  it('does not let a trailing parenthesis swallow the names before it', () => {
    const pieces = resolver.splitAgencyList('Bộ Công an, Bộ Quốc phòng (Ban Cơ yếu Chính phủ)');
    expect(pieces.map((p) => nameOf(p))).toEqual(['Bộ Công an', 'Ban Cơ yếu Chính phủ']);
  });

  it('gives back any list of known names joined by any separator (property)', () => {
    const names = [
      ...resolver.list(REPORT_DATE, 'ministry'),
      ...resolver.list(REPORT_DATE, 'ministerial-agency'),
      ...resolver.list(REPORT_DATE, 'province'),
    ].map((a) => a.name);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom(', ', '; ', ' và ', '\n', ',\n', ' cùng '), { minLength: 8, maxLength: 8 }),
        (picked, separators) => {
          const cell = picked.map((n, i) => (i === 0 ? n : `${separators[i] ?? ', '}${n}`)).join('');
          expect(resolver.splitAgencyList(cell)).toEqual(picked);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('splits and resolves every lead/coordinator cell of 001 PL01, PL02 and the 004 city appendix', () => {
    const cells = CELLS.filter(
      (c) => (c.seed === '001' && (c.table === 'PL01' || c.table === 'PL02')) || c.seed === '004',
    );
    expect(cells).toHaveLength(127 + 59 + 68);
    const outcome = new Map<string, string>();
    for (const cell of cells) {
      const pieces = resolver.splitAgencyList(cell.text);
      expect(pieces.length, cell.text).toBeGreaterThan(0);
      for (const piece of pieces) {
        outcome.set(piece, resolver.resolve(piece).status);
      }
    }
    const tally: Record<string, number> = {};
    for (const status of outcome.values()) {
      tally[status] = (tally[status] ?? 0) + 1;
    }
    // 115 distinct pieces: 78 agencies, 26 groups, 11 open expressions ("các bộ, ngành liên quan" …), none unknown.
    expect(tally).toEqual({ agency: 78, group: 26, 'open-group': 11 });
  });

  it('leaves exactly one unknown piece across all seed agency cells (000, 001, 003, 004)', () => {
    const unknown = new Set<string>();
    const distinct = new Set<string>();
    for (const cell of CELLS) {
      for (const piece of resolver.splitAgencyList(cell.text)) {
        distinct.add(piece);
        const asOf = cell.seed === '000' ? '2025-07-01' : REPORT_DATE;
        if (resolver.resolve(piece, asOf).status === 'unknown') {
          unknown.add(piece);
        }
      }
    }
    expect(CELLS).toHaveLength(772);
    expect(distinct.size).toBe(189);
    expect([...unknown]).toEqual(['chuyên gia']);
  });
});
