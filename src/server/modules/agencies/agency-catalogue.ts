import type { AgencyKind } from '@shared/contracts/agencies';

/**
 * One agency the reference files do not cover (or cover without the spellings the documents use).
 * `parent` names another agency by its canonical name; when two agencies share that name (the old and the new
 * Thành phố Hồ Chí Minh), the one valid on this entry's `validFrom` is meant.
 */
export type CatalogueEntry = {
  name: string;
  kind: AgencyKind;
  shortName?: string;
  parent?: string;
  validFrom?: string;
  validTo?: string;
  /** Other spellings and former names that identify the agency anywhere. */
  aliases?: string[];
  /** Abbreviations ("BKHCN", "VTV"). */
  abbreviations?: string[];
  /** Names that identify it only inside its parent province's documents ("Sở Tài chính", "Công an Thành phố"). */
  relativeAliases?: string[];
  note?: string;
};

/**
 * Extra spellings of the agencies loaded from `reference/central_agencies_2025.csv`, keyed by canonical name.
 * Every spelling here was met in the seeds (seed-notes §3.1–3.2) or is the usual abbreviation.
 */
export const CENTRAL_AGENCY_ALIASES: Record<string, { aliases?: string[]; abbreviations?: string[] }> = {
  'Bộ Quốc phòng': { abbreviations: ['BQP'] },
  'Bộ Công an': { abbreviations: ['BCA'] },
  'Bộ Ngoại giao': { abbreviations: ['BNG'] },
  'Bộ Nội vụ': { abbreviations: ['BNV'] },
  'Bộ Tư pháp': { abbreviations: ['BTP'] },
  'Bộ Tài chính': { abbreviations: ['BTC'] },
  'Bộ Công Thương': { abbreviations: ['BCT'] },
  'Bộ Nông nghiệp và Môi trường': {
    aliases: ['Bộ Nông nghiệp, Môi trường'],
    abbreviations: ['Bộ NN&MT', 'Bộ NNMT', 'BNNMT'],
  },
  'Bộ Xây dựng': { abbreviations: ['BXD'] },
  'Bộ Văn hóa, Thể thao và Du lịch': { abbreviations: ['Bộ VHTTDL', 'Bộ VH,TT&DL', 'BVHTTDL'] },
  'Bộ Khoa học và Công nghệ': {
    aliases: ['Bộ Khoa học Công nghệ', 'Bộ Khoa học, Công nghệ', 'Bộ Khoa học và Công nghệ Việt Nam'],
    abbreviations: ['Bộ KH&CN', 'Bộ KHCN', 'BKHCN', 'Bộ KHCN VN', 'MOST'],
  },
  'Bộ Giáo dục và Đào tạo': { abbreviations: ['Bộ GD&ĐT', 'Bộ GDĐT', 'BGDĐT'] },
  'Bộ Y tế': { abbreviations: ['BYT'] },
  'Bộ Dân tộc và Tôn giáo': { abbreviations: ['Bộ DT&TG', 'BDTTG'] },
  'Ngân hàng Nhà nước Việt Nam': { aliases: ['Ngân hàng Nhà nước'], abbreviations: ['NHNN', 'NHNNVN'] },
  'Thanh tra Chính phủ': { abbreviations: ['TTCP'] },
  'Văn phòng Chính phủ': { abbreviations: ['VPCP'] },
  'Đài Truyền hình Việt Nam': { abbreviations: ['VTV', 'Đài THVN'] },
  'Đài Tiếng nói Việt Nam': { abbreviations: ['VOV', 'Đài TNVN'] },
  'Thông tấn xã Việt Nam': { abbreviations: ['TTXVN'] },
  'Viện Hàn lâm Khoa học và Công nghệ Việt Nam': {
    aliases: ['Viện Hàn lâm Khoa học và Công nghệ'],
    abbreviations: ['VAST', 'Viện Hàn lâm KH&CN Việt Nam', 'Viện Hàn lâm KHCN Việt Nam'],
  },
  'Viện Hàn lâm Khoa học xã hội Việt Nam': {
    // "… Khoa học và Xã hội …" is a wrong but real spelling (seed 000).
    aliases: ['Viện Hàn lâm Khoa học và Xã hội Việt Nam', 'Viện Hàn lâm Khoa học xã hội'],
    abbreviations: ['VASS', 'Viện Hàn lâm KHXH Việt Nam'],
  },
};

const RESTRUCTURING_2025 = 'Nghị quyết 176/2025/QH15 ngày 18/02/2025 về cơ cấu tổ chức của Chính phủ';

/**
 * Central bodies that ended on 28/02/2025 (reference/central_agency_succession_2025.csv names them; their
 * successors come from the same file). Kept so that documents written before the change still resolve.
 */
export const FORMER_CENTRAL_AGENCIES: CatalogueEntry[] = [
  {
    name: 'Bộ Kế hoạch và Đầu tư',
    kind: 'ministry',
    validTo: '2025-02-28',
    abbreviations: ['Bộ KH&ĐT', 'Bộ KHĐT', 'BKHĐT'],
    note: RESTRUCTURING_2025,
  },
  {
    name: 'Bộ Giao thông vận tải',
    kind: 'ministry',
    validTo: '2025-02-28',
    abbreviations: ['Bộ GTVT', 'BGTVT'],
    note: RESTRUCTURING_2025,
  },
  {
    name: 'Bộ Thông tin và Truyền thông',
    kind: 'ministry',
    validTo: '2025-02-28',
    abbreviations: ['Bộ TT&TT', 'Bộ TTTT', 'BTTTT'],
    note: RESTRUCTURING_2025,
  },
  {
    name: 'Bộ Tài nguyên và Môi trường',
    kind: 'ministry',
    validTo: '2025-02-28',
    abbreviations: ['Bộ TN&MT', 'Bộ TNMT', 'BTNMT'],
    note: RESTRUCTURING_2025,
  },
  {
    name: 'Bộ Nông nghiệp và Phát triển nông thôn',
    kind: 'ministry',
    validTo: '2025-02-28',
    abbreviations: ['Bộ NN&PTNT', 'Bộ NNPTNT', 'BNNPTNT'],
    note: RESTRUCTURING_2025,
  },
  {
    name: 'Bộ Lao động - Thương binh và Xã hội',
    kind: 'ministry',
    validTo: '2025-02-28',
    abbreviations: ['Bộ LĐTBXH', 'Bộ LĐ-TB&XH', 'BLĐTBXH'],
    note: RESTRUCTURING_2025,
  },
  {
    name: 'Ủy ban Dân tộc',
    kind: 'ministerial-agency',
    validTo: '2025-02-28',
    abbreviations: ['UBDT'],
    note: RESTRUCTURING_2025,
  },
  {
    name: 'Ban Tôn giáo Chính phủ',
    kind: 'other',
    parent: 'Bộ Nội vụ',
    validTo: '2025-02-28',
    note: 'Thuộc Bộ Nội vụ đến 28/02/2025 (độ tin cậy: trung bình)',
  },
  {
    name: 'Ủy ban Quản lý vốn nhà nước tại doanh nghiệp',
    kind: 'government-agency',
    validTo: '2025-02-28',
    aliases: ['Ủy ban Quản lý vốn nhà nước'],
    abbreviations: ['UBQLV', 'CMSC'],
    note: 'Giải thể từ 01/3/2025 (độ tin cậy: trung bình)',
  },
  {
    name: 'Bảo hiểm xã hội Việt Nam',
    kind: 'government-agency',
    validTo: '2025-02-28',
    abbreviations: ['BHXH Việt Nam', 'BHXHVN'],
    note: 'Cơ quan thuộc Chính phủ đến 28/02/2025, sau đó trực thuộc Bộ Tài chính (độ tin cậy: trung bình)',
  },
  {
    name: 'Ban Quản lý Lăng Chủ tịch Hồ Chí Minh',
    kind: 'government-agency',
    validTo: '2025-02-28',
    note: 'Cơ quan thuộc Chính phủ đến 28/02/2025, sau đó trực thuộc Bộ Quốc phòng (độ tin cậy: trung bình)',
  },
];

const PARTY_CENTRAL_NOTE = 'Danh mục thủ công từ các văn bản mẫu (seed-notes §3.4); chưa có ngày hiệu lực.';
const HCMC = 'Thành phố Hồ Chí Minh';
const HCMC_FROM = '2025-07-01';
const HCMC_NOTE = 'Cơ quan của Thành phố Hồ Chí Minh sau sắp xếp (từ 01/7/2025), theo văn bản mẫu 004.';

/**
 * Everything else the seeds name as a lead, coordinator or consultee: Party bodies, the National Assembly,
 * courts, units under ministries, enterprises, universities, and Ho Chi Minh City's own bodies (seed 004).
 */
export const AGENCY_CATALOGUE: CatalogueEntry[] = [
  // Central Party bodies.
  { name: 'Bộ Chính trị', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  { name: 'Ban Bí thư', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  {
    name: 'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    shortName: 'Ban Chỉ đạo Trung ương',
    kind: 'party-body',
    aliases: ['Ban Chỉ đạo Trung ương'],
    abbreviations: ['BCĐTW', 'BCĐTƯ', 'BCĐ TW'],
    note: PARTY_CENTRAL_NOTE,
  },
  {
    name: 'Văn phòng Trung ương Đảng',
    kind: 'party-body',
    aliases: [
      'Văn phòng Trung ương Đảng - Cơ quan Thường trực Ban Chỉ đạo',
      'Cơ quan Thường trực Ban Chỉ đạo Trung ương',
      'Cơ quan Thường trực Ban Chỉ đạo',
      'Thường trực Ban Chỉ đạo Trung ương',
    ],
    abbreviations: ['VPTW', 'VPTƯ', 'CQTTBCĐ'],
    note: 'Cơ quan thường trực của Ban Chỉ đạo Trung ương (seed-notes §3.4).',
  },
  {
    name: 'Tổ giúp việc Ban Chỉ đạo Trung ương',
    kind: 'party-body',
    parent: 'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    aliases: ['Tổ Giúp việc Ban Chỉ đạo'],
    note: PARTY_CENTRAL_NOTE,
  },
  {
    name: 'Hội đồng Tư vấn quốc gia của Ban Chỉ đạo Trung ương',
    kind: 'party-body',
    parent: 'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    aliases: ['Hội đồng Tư vấn quốc gia'],
    note: PARTY_CENTRAL_NOTE,
  },
  { name: 'Ban Tuyên giáo và Dân vận Trung ương', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  { name: 'Ban Tổ chức Trung ương', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  {
    name: 'Ủy ban Kiểm tra Trung ương',
    kind: 'party-body',
    abbreviations: ['UBKTTW'],
    note: PARTY_CENTRAL_NOTE,
  },
  { name: 'Ban Nội chính Trung ương', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  { name: 'Ban Chính sách, chiến lược Trung ương', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  { name: 'Văn phòng Tổng Bí thư', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  { name: 'Quân ủy Trung ương', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  { name: 'Đảng ủy Công an Trung ương', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  { name: 'Đảng ủy Chính phủ', kind: 'party-body', abbreviations: ['ĐUCP'], note: PARTY_CENTRAL_NOTE },
  {
    name: 'Ban Thường vụ Đảng ủy Chính phủ',
    kind: 'party-body',
    parent: 'Đảng ủy Chính phủ',
    abbreviations: ['BTVĐUCP'],
    note: PARTY_CENTRAL_NOTE,
  },
  {
    name: 'Văn phòng Đảng ủy Chính phủ',
    kind: 'party-body',
    parent: 'Đảng ủy Chính phủ',
    abbreviations: ['VPĐUCP'],
    note: PARTY_CENTRAL_NOTE,
  },
  { name: 'Đảng ủy Quốc hội', kind: 'party-body', note: PARTY_CENTRAL_NOTE },
  {
    name: 'Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương',
    kind: 'party-body',
    note: PARTY_CENTRAL_NOTE,
  },
  { name: 'Đảng ủy các cơ quan Đảng Trung ương', kind: 'party-body', note: PARTY_CENTRAL_NOTE },

  // State bodies outside the Government.
  { name: 'Quốc hội', kind: 'other' },
  { name: 'Ủy ban Thường vụ Quốc hội', kind: 'other', parent: 'Quốc hội', abbreviations: ['UBTVQH'] },
  { name: 'Văn phòng Quốc hội', kind: 'other', parent: 'Quốc hội' },
  { name: 'Ủy ban Khoa học, Công nghệ và Môi trường của Quốc hội', kind: 'other', parent: 'Quốc hội' },
  { name: 'Chính phủ', kind: 'other' },
  { name: 'Văn phòng Chủ tịch nước', kind: 'other' },
  { name: 'Tòa án nhân dân tối cao', kind: 'other', abbreviations: ['TANDTC'] },
  { name: 'Viện Kiểm sát nhân dân tối cao', kind: 'other', abbreviations: ['VKSNDTC'] },
  { name: 'Kiểm toán nhà nước', kind: 'other' },
  { name: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', kind: 'other', aliases: ['Mặt trận Tổ quốc Việt Nam'] },
  {
    name: 'Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06',
    shortName: 'Ban Chỉ đạo của Chính phủ',
    kind: 'other',
    aliases: ['Ban Chỉ đạo của Chính phủ'],
    note: 'Quyết định 598/QĐ-TTg ngày 14/3/2025, thay bằng Quyết định 929/QĐ-TTg (seed-notes §3.4).',
  },

  // Units under ministries, and bodies that moved under a ministry on 01/3/2025.
  {
    name: 'Ban Cơ yếu Chính phủ',
    kind: 'other',
    parent: 'Bộ Quốc phòng',
    aliases: ['Bộ Quốc phòng (Ban Cơ yếu Chính phủ)'],
  },
  {
    name: 'Bảo hiểm xã hội Việt Nam',
    kind: 'other',
    parent: 'Bộ Tài chính',
    validFrom: '2025-03-01',
    abbreviations: ['BHXH Việt Nam', 'BHXHVN'],
    note: 'Trực thuộc Bộ Tài chính từ 01/3/2025 (độ tin cậy: trung bình)',
  },
  {
    name: 'Ban Quản lý Lăng Chủ tịch Hồ Chí Minh',
    kind: 'other',
    parent: 'Bộ Quốc phòng',
    validFrom: '2025-03-01',
    note: 'Trực thuộc Bộ Quốc phòng từ 01/3/2025 (độ tin cậy: trung bình)',
  },
  { name: 'Ngân hàng Chính sách xã hội', kind: 'other', abbreviations: ['NHCSXH'] },

  // Enterprises.
  { name: 'Tập đoàn Điện lực Việt Nam', kind: 'enterprise', abbreviations: ['EVN'] },
  {
    name: 'Tập đoàn Công nghiệp - Viễn thông Quân đội',
    shortName: 'Viettel',
    kind: 'enterprise',
    parent: 'Bộ Quốc phòng',
    aliases: ['Tập đoàn Công nghiệp - Viễn thông Quân đội Viettel', 'Tập đoàn Viettel'],
    abbreviations: ['Viettel'],
  },
  {
    name: 'Tập đoàn Bưu chính Viễn thông Việt Nam',
    shortName: 'VNPT',
    kind: 'enterprise',
    aliases: ['Tập đoàn Bưu chính Viễn thông Việt Nam VNPT', 'Tập đoàn VNPT'],
    abbreviations: ['VNPT'],
  },
  {
    name: 'Tổng công ty Viễn thông MobiFone',
    shortName: 'MobiFone',
    kind: 'enterprise',
    aliases: ['Tổng công ty MobiFone'],
    abbreviations: ['MobiFone'],
  },
  { name: 'Tập đoàn Dầu khí Việt Nam', shortName: 'Petrovietnam', kind: 'enterprise', abbreviations: ['PVN'] },
  {
    name: 'Công ty Cổ phần FPT',
    shortName: 'FPT',
    kind: 'enterprise',
    aliases: ['Tập đoàn FPT'],
    abbreviations: ['FPT'],
  },

  // Universities and academies outside the Government's agencies.
  { name: 'Đại học Quốc gia Hà Nội', kind: 'other', abbreviations: ['ĐHQGHN'] },
  {
    name: 'Đại học Quốc gia Thành phố Hồ Chí Minh',
    kind: 'other',
    aliases: ['Đại học Quốc gia TP Hồ Chí Minh'],
    abbreviations: ['ĐHQG-HCM'],
  },
  { name: 'Đại học Bách khoa Hà Nội', kind: 'other' },
  { name: 'Đại học Đà Nẵng', kind: 'other' },
  { name: 'Học viện Kỹ thuật mật mã', kind: 'other', parent: 'Ban Cơ yếu Chính phủ' },

  // Ho Chi Minh City (seed 004): Party bodies, the people's committee's departments and other city bodies.
  {
    name: 'Thành ủy Thành phố Hồ Chí Minh',
    shortName: 'Thành ủy',
    kind: 'party-body',
    parent: HCMC,
    validFrom: HCMC_FROM,
    aliases: ['Thành ủy TP Hồ Chí Minh'],
    relativeAliases: ['Thành ủy', 'Ban Thường vụ Thành ủy'],
    note: HCMC_NOTE,
  },
  {
    name: 'Văn phòng Thành ủy Thành phố Hồ Chí Minh',
    shortName: 'Văn phòng Thành ủy',
    kind: 'party-body',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Văn phòng Thành ủy'],
    note: HCMC_NOTE,
  },
  {
    name: 'Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh',
    shortName: 'Ban Tuyên giáo và Dân vận Thành ủy',
    kind: 'party-body',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Ban Tuyên giáo và Dân vận Thành ủy', 'Ban Tuyên giáo Thành ủy'],
    note: HCMC_NOTE,
  },
  {
    name: 'Đảng ủy Ủy ban nhân dân Thành phố Hồ Chí Minh',
    shortName: 'Đảng ủy UBND Thành phố',
    kind: 'party-body',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Đảng ủy Ủy ban nhân dân Thành phố', 'Đảng ủy UBND Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Ban Tuyên giáo và Dân vận Đảng ủy Ủy ban nhân dân Thành phố Hồ Chí Minh',
    shortName: 'Ban Tuyên giáo và Dân vận Đảng ủy UBND Thành phố',
    kind: 'party-body',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Ban Tuyên giáo và Dân vận Đảng ủy Ủy ban nhân dân Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Đảng ủy Mặt trận Tổ quốc Việt Nam, các đoàn thể Thành phố Hồ Chí Minh',
    kind: 'party-body',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Đảng ủy Mặt trận Tổ quốc Việt Nam, các đoàn thể Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số Thành phố Hồ Chí Minh',
    shortName: 'Ban Chỉ đạo Thành phố',
    kind: 'other',
    parent: HCMC,
    validFrom: HCMC_FROM,
    note: HCMC_NOTE,
  },
  {
    name: 'Văn phòng Ủy ban nhân dân Thành phố Hồ Chí Minh',
    shortName: 'Văn phòng UBND Thành phố',
    kind: 'provincial-department',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Văn phòng Ủy ban nhân dân Thành phố', 'Văn phòng UBND Thành phố', 'VP UBND Thành phố'],
    note: HCMC_NOTE,
  },
  ...(
    [
      ['Sở Khoa học và Công nghệ', ['Sở KH&CN', 'Sở KHCN']],
      ['Sở Tài chính', []],
      ['Sở Nội vụ', []],
      ['Sở Xây dựng', []],
      ['Sở Công Thương', []],
      ['Sở Tư pháp', []],
      ['Sở Y tế', []],
      ['Sở Nông nghiệp và Môi trường', ['Sở NN&MT']],
      ['Sở Giáo dục và Đào tạo', ['Sở Giáo dục', 'Sở GD&ĐT']],
      ['Sở Văn hóa và Thể thao', []],
      ['Sở Du lịch', []],
      ['Sở Ngoại vụ', []],
      ['Sở Dân tộc và Tôn giáo', []],
      ['Sở Quy hoạch - Kiến trúc', []],
    ] as const
  ).map(
    ([name, extra]): CatalogueEntry => ({
      name: `${name} Thành phố Hồ Chí Minh`,
      shortName: name,
      kind: 'provincial-department',
      parent: HCMC,
      validFrom: HCMC_FROM,
      relativeAliases: [name, `${name} Thành phố`, ...extra],
      note: HCMC_NOTE,
    }),
  ),
  {
    name: 'Thanh tra Thành phố Hồ Chí Minh',
    shortName: 'Thanh tra Thành phố',
    kind: 'provincial-department',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Thanh tra Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Công an Thành phố Hồ Chí Minh',
    shortName: 'Công an Thành phố',
    kind: 'provincial-department',
    parent: HCMC,
    validFrom: HCMC_FROM,
    aliases: ['Công an TP Hồ Chí Minh'],
    relativeAliases: ['Công an Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Bộ Chỉ huy Quân sự Thành phố Hồ Chí Minh',
    shortName: 'Bộ Chỉ huy Quân sự Thành phố',
    kind: 'other',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Bộ Chỉ huy Quân sự Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Trung tâm Chuyển đổi số Thành phố Hồ Chí Minh',
    shortName: 'Trung tâm Chuyển đổi số Thành phố',
    kind: 'other',
    parent: HCMC,
    validFrom: HCMC_FROM,
    // "chuyên" is a typo met three times in seed 004.
    relativeAliases: ['Trung tâm Chuyển đổi số Thành phố', 'Trung tâm chuyển đổi số', 'Trung tâm chuyên đổi số'],
    note: HCMC_NOTE,
  },
  {
    name: 'Viện Nghiên cứu phát triển Thành phố Hồ Chí Minh',
    shortName: 'Viện Nghiên cứu phát triển Thành phố',
    kind: 'other',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Viện Nghiên cứu phát triển Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Hội đồng nhân dân Thành phố Hồ Chí Minh',
    shortName: 'HĐND Thành phố',
    kind: 'other',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Hội đồng nhân dân Thành phố', 'HĐND Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hồ Chí Minh',
    shortName: 'Ủy ban MTTQ Việt Nam Thành phố',
    kind: 'other',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Ủy ban Mặt trận Tổ quốc Thành phố', 'Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Tòa án nhân dân Thành phố Hồ Chí Minh',
    shortName: 'Tòa án nhân dân Thành phố',
    kind: 'other',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Tòa án nhân dân Thành phố'],
    note: HCMC_NOTE,
  },
  {
    name: 'Viện Kiểm sát nhân dân Thành phố Hồ Chí Minh',
    shortName: 'Viện Kiểm sát nhân dân Thành phố',
    kind: 'other',
    parent: HCMC,
    validFrom: HCMC_FROM,
    relativeAliases: ['Viện Kiểm sát nhân dân Thành phố'],
    note: HCMC_NOTE,
  },
];

/** Extra spellings of provinces (folded names are compared, so "Hoà"/"Hòa" need no entry). */
export const PROVINCE_ALIASES: Record<string, string[]> = {
  'Thành phố Hồ Chí Minh': ['TP HCM', 'TP.HCM', 'TPHCM', 'HCM', 'Thành phố HCM', 'Sài Gòn'],
  'Thành phố Huế': ['Thừa Thiên Huế', 'Tỉnh Thừa Thiên Huế'],
  'Tỉnh Bà Rịa - Vũng Tàu': ['BR-VT', 'Bà Rịa Vũng Tàu'],
};
