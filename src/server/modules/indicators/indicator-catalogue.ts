import type { IndicatorCreate } from '@shared/contracts/indicators';

/** One catalogue entry shipped with the product, with the national targets and links the seeds state. */
export type CatalogueSeed = IndicatorCreate & {
  nationalTargets: { year: number; value: number; valueMax?: number; status: 'adopted' | 'proposed'; basis: string }[];
  /** Directives (stable keys) the indicator measures. */
  directiveKeys: string[];
  /** Folded phrases: tasks whose folded text contains one are linked to the indicator when present. */
  taskPhrases: string[];
};

/** The code of the indicator of seed 001 Phụ lục 03. */
export const FULLY_ONLINE_DOSSIERS = 'DVC_TOAN_TRINH';

/**
 * The indicators the seed documents name (seed-notes §5). Targets are the ones stated there, verbatim in `basis`;
 * "proposed" marks a figure that appears only in a comment or a draft.
 */
export const CATALOGUE_SEEDS: CatalogueSeed[] = [
  {
    code: FULLY_ONLINE_DOSSIERS,
    name: 'Tỷ lệ hồ sơ trực tuyến toàn trình trên tổng hồ sơ giải quyết thủ tục hành chính',
    unit: 'percent',
    unitLabel: '%',
    definition:
      'Số hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình chia cho tổng số hồ sơ thủ tục ' +
      'hành chính đã giải quyết, nhân 100. Số liệu các tháng là luỹ kế từ đầu năm đến ngày cuối cùng trong tháng. ' +
      'Mỗi bộ, ngành, địa phương tự đăng ký chỉ tiêu theo tháng ("Đặt chỉ tiêu tháng N").',
    direction: 'higher-better',
    frequency: 'monthly',
    isCumulative: true,
    numeratorLabel: 'Số hồ sơ trực tuyến toàn trình',
    denominatorLabel: 'Tổng số hồ sơ giải quyết thủ tục hành chính',
    source: 'Phụ lục 03 kèm theo Báo cáo ngày 18/7/2025 của Bộ Khoa học và Công nghệ',
    matchPhrases: ['ho so truc tuyen toan trinh'],
    nationalTargets: [
      {
        year: 2025,
        value: 80,
        status: 'adopted',
        basis:
          '“Tỷ lệ hồ sơ trực tuyến toàn trình TB cả nước gần 40%; … Rất xa mục tiêu 80% năm 2025 (Quyết định TTCP).” ' +
          '(Báo cáo của Đảng ủy Chính phủ, seed 003)',
      },
    ],
    directiveKeys: [],
    taskPhrases: ['dich vu cong truc tuyen toan trinh'],
  },
  {
    code: 'CHI_NSNN_KHCN_CDS',
    name: 'Tỷ lệ chi ngân sách nhà nước cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    unit: 'percent',
    unitLabel: '% tổng chi NSNN',
    definition:
      'Chi ngân sách nhà nước cho phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số chia cho tổng ' +
      'chi ngân sách nhà nước trong năm, nhân 100.',
    direction: 'higher-better',
    frequency: 'yearly',
    isCumulative: false,
    numeratorLabel: 'Chi NSNN cho khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số (tỷ đồng)',
    denominatorLabel: 'Tổng chi ngân sách nhà nước (tỷ đồng)',
    source: 'Nghị quyết 57-NQ/TW; Thông báo 292/TB-VPCP',
    matchPhrases: ['chi ngan sach nha nuoc cho khoa hoc'],
    nationalTargets: [
      {
        year: 2025,
        value: 3,
        status: 'adopted',
        basis:
          '“Điều chỉnh trong dự toán ngân sách năm 2025 để bố trí ít nhất 3% ngân sách cho phát triển khoa học, công ' +
          'nghệ, đổi mới sáng tạo, chuyển đổi số” (seed 001 Phụ lục 01 hàng 7; seed 003); “mục tiêu 3% tổng chi ngân ' +
          'sách nhà nước hằng năm” (seed 002)',
      },
    ],
    directiveKeys: ['57-NQ/TW'],
    taskPhrases: ['it nhat 3 ngan sach cho phat trien khoa hoc'],
  },
  {
    code: 'CHI_RD_GDP',
    name: 'Tỷ lệ chi cho nghiên cứu và phát triển (R&D) so với GDP',
    unit: 'percent',
    unitLabel: '% GDP',
    definition:
      'Tổng chi cho nghiên cứu và phát triển của toàn xã hội chia cho tổng sản phẩm trong nước (GDP), nhân 100.',
    direction: 'higher-better',
    frequency: 'yearly',
    isCumulative: false,
    numeratorLabel: 'Tổng chi cho nghiên cứu và phát triển (tỷ đồng)',
    denominatorLabel: 'Tổng sản phẩm trong nước – GDP (tỷ đồng)',
    source: 'Nghị quyết 57-NQ/TW',
    matchPhrases: ['chi cho nghien cuu va phat trien'],
    nationalTargets: [
      {
        year: 2030,
        value: 1.5,
        valueMax: 2,
        status: 'adopted',
        basis:
          '“Nghị quyết 57-NQ/TW đặt mục tiêu đến năm 2030 là 1,5-2% GDP chi cho nghiên cứu và phát triển” ' +
          '(ý kiến của Viện Hàn lâm Khoa học xã hội Việt Nam, seed 000)',
      },
    ],
    directiveKeys: ['57-NQ/TW'],
    taskPhrases: [],
  },
  {
    code: 'VNEID_KICH_HOAT',
    name: 'Số tài khoản định danh điện tử VNeID được kích hoạt',
    unit: 'count',
    unitLabel: 'tài khoản',
    definition: 'Tổng số tài khoản định danh điện tử (VNeID) đã được kích hoạt tính đến cuối kỳ báo cáo.',
    direction: 'higher-better',
    frequency: 'monthly',
    isCumulative: true,
    numeratorLabel: null,
    denominatorLabel: null,
    source: 'Đề án 06; ý kiến góp ý của Viện Hàn lâm Khoa học xã hội Việt Nam (seed 000)',
    matchPhrases: ['tai khoan vneid', 'tai khoan dinh danh dien tu'],
    nationalTargets: [
      {
        year: 2025,
        value: 70_000_000,
        status: 'proposed',
        basis:
          '“70 triệu tài khoản VNeID được kích hoạt” (đề xuất của Viện Hàn lâm Khoa học xã hội Việt Nam, seed 000)',
      },
    ],
    directiveKeys: [],
    taskPhrases: [],
  },
  {
    code: 'DVC_TRUC_TUYEN',
    name: 'Số dịch vụ công trực tuyến được cung cấp trên Cổng Dịch vụ công quốc gia',
    unit: 'count',
    unitLabel: 'dịch vụ',
    definition:
      'Số dịch vụ công trực tuyến được cung cấp, đáp ứng yêu cầu cung cấp kết quả điện tử và tái sử dụng thông tin, ' +
      'dữ liệu (theo danh mục của Kế hoạch 02-KH/BCĐTW).',
    direction: 'higher-better',
    frequency: 'yearly',
    isCumulative: false,
    numeratorLabel: null,
    denominatorLabel: null,
    source: 'Kế hoạch 02-KH/BCĐTW ngày 19/6/2025 (seed 001 Phụ lục 05)',
    matchPhrases: ['dich vu cong truc tuyen duoc cung cap'],
    nationalTargets: [
      {
        year: 2025,
        value: 982,
        status: 'adopted',
        basis:
          '“(2) Cung cấp 982 dịch vụ công trực tuyến với số lượng hồ sơ trung bình phát sinh 1.000 hồ sơ/năm/tỉnh” ' +
          '(seed 001 Phụ lục 05; seed 004)',
      },
    ],
    directiveKeys: ['02-KH/BCĐTW'],
    taskPhrases: ['cung cap 982 dich vu cong truc tuyen'],
  },
];
