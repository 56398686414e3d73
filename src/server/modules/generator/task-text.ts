import type { DeadlineKind } from '@shared/contracts/imports';
import type { Prng } from './prng';

/**
 * Vocabulary for generated tasks: verb phrases, objects, purposes and legal references in the style of
 * the seed directives ("Xây dựng, trình Chính phủ ban hành Nghị định quy định chi tiết …"). Combined at
 * random they give tens of thousands of distinct, readable task texts with full Vietnamese diacritics.
 */

const LAWS = [
  'Luật Khoa học, công nghệ và đổi mới sáng tạo',
  'Luật Chuyển đổi số',
  'Luật Công nghiệp công nghệ số',
  'Luật Dữ liệu',
  'Luật Giao dịch điện tử',
  'Luật Đầu tư công',
  'Luật Ngân sách nhà nước',
  'Luật Thuế thu nhập doanh nghiệp',
  'Luật Đất đai',
  'Luật Giáo dục đại học',
  'Luật Tiêu chuẩn và Quy chuẩn kỹ thuật',
  'Luật Năng lượng nguyên tử',
  'Luật Sở hữu trí tuệ',
  'Luật Bảo vệ dữ liệu cá nhân',
  'Luật An ninh mạng',
  'Luật Viễn thông',
  'Luật Chất lượng sản phẩm, hàng hóa',
  'Luật Doanh nghiệp',
  'Luật Đấu thầu',
  'Luật Tổ chức chính quyền địa phương',
] as const;

const INSTRUMENTS = [
  { prefix: 'Nghị định quy định chi tiết một số điều của', product: 'Nghị định của Chính phủ' },
  { prefix: 'Nghị định hướng dẫn thi hành', product: 'Nghị định của Chính phủ' },
  { prefix: 'Thông tư hướng dẫn thực hiện', product: 'Thông tư' },
  { prefix: 'dự án Luật sửa đổi, bổ sung một số điều của', product: 'Luật của Quốc hội' },
  { prefix: 'Nghị quyết của Quốc hội về thí điểm cơ chế đặc thù thực hiện', product: 'Nghị quyết của Quốc hội' },
  { prefix: 'Quyết định của Thủ tướng Chính phủ về tổ chức thi hành', product: 'Quyết định của Thủ tướng Chính phủ' },
] as const;

const LEGAL_VERBS = [
  'Xây dựng, trình Chính phủ ban hành',
  'Nghiên cứu, đề xuất sửa đổi, bổ sung',
  'Hoàn thiện hồ sơ',
  'Chủ trì soạn thảo',
  'Rà soát, đánh giá và đề xuất hoàn thiện',
  'Tổ chức lấy ý kiến các bộ, ngành, địa phương về',
  'Trình cấp có thẩm quyền ban hành',
  'Tổng kết, đánh giá tình hình thi hành',
] as const;

const DATA_DOMAINS = [
  'đất đai',
  'dân cư',
  'doanh nghiệp',
  'hộ tịch',
  'bảo hiểm',
  'giáo dục và đào tạo',
  'y tế',
  'tài chính công',
  'khoa học và công nghệ',
  'văn hóa',
  'tư pháp',
  'lao động, việc làm',
  'giao thông vận tải',
  'tài nguyên nước',
  'nông nghiệp',
  'cán bộ, công chức, viên chức',
  'an sinh xã hội',
  'thủ tục hành chính',
] as const;

const SYSTEMS = [
  'Cơ sở dữ liệu quốc gia về',
  'Cơ sở dữ liệu chuyên ngành về',
  'Hệ thống thông tin quản lý',
  'nền tảng số dùng chung về',
  'kho dữ liệu mở về',
  'Hệ thống thông tin giải quyết thủ tục hành chính lĩnh vực',
] as const;

const SYSTEM_VERBS = [
  'Xây dựng và đưa vào vận hành',
  'Hoàn thành số hóa, làm sạch dữ liệu của',
  'Kết nối, chia sẻ dữ liệu của',
  'Nâng cấp, mở rộng',
  'Triển khai thí điểm',
  'Bảo đảm an toàn, an ninh thông tin cho',
  'Cập nhật, đồng bộ dữ liệu của',
  'Hoàn thành tích hợp, chia sẻ dữ liệu của',
] as const;

const FIELDS = [
  'công nghiệp bán dẫn',
  'trí tuệ nhân tạo',
  'công nghệ số',
  'đổi mới sáng tạo',
  'khởi nghiệp sáng tạo',
  'chính phủ số',
  'kinh tế số',
  'xã hội số',
  'hạ tầng viễn thông 5G',
  'công nghệ chiến lược',
  'an toàn, an ninh mạng',
  'dữ liệu số',
  'nhân lực chất lượng cao',
  'thương mại điện tử',
  'năng lượng sạch',
  'công nghệ sinh học',
  'vật liệu mới',
  'điện toán đám mây',
] as const;

const PROGRAMS = [
  { prefix: 'Đề án phát triển nguồn nhân lực', product: 'Đề án trình Thủ tướng Chính phủ' },
  { prefix: 'Chương trình quốc gia về', product: 'Quyết định phê duyệt Chương trình' },
  {
    prefix: 'Chiến lược phát triển',
    product: 'Chiến lược được phê duyệt',
    suffix: ' đến năm 2030, tầm nhìn đến năm 2045',
  },
  { prefix: 'Kế hoạch hành động về', product: 'Kế hoạch được ban hành' },
  { prefix: 'cơ chế thử nghiệm có kiểm soát trong lĩnh vực', product: 'Nghị định của Chính phủ' },
  { prefix: 'bộ chỉ số đánh giá mức độ phát triển', product: 'Bộ chỉ số được ban hành' },
  { prefix: 'Quỹ hỗ trợ phát triển', product: 'Quyết định thành lập Quỹ' },
  { prefix: 'trung tâm đổi mới sáng tạo về', product: 'Trung tâm được đưa vào hoạt động' },
] as const;

const PROGRAM_VERBS = [
  'Xây dựng, trình Thủ tướng Chính phủ phê duyệt',
  'Tổ chức triển khai',
  'Ban hành kế hoạch thực hiện',
  'Nghiên cứu, đề xuất',
  'Sơ kết, đánh giá kết quả thực hiện',
  'Hướng dẫn các địa phương triển khai',
  'Đẩy mạnh thực hiện',
  'Kiểm tra, đôn đốc việc thực hiện',
] as const;

const REPORT_TOPICS = [
  'tình hình thực hiện Nghị quyết số 57-NQ/TW',
  'kết quả triển khai Nghị quyết số 71/NQ-CP',
  'tiến độ giải ngân vốn cho khoa học, công nghệ',
  'kết quả cắt giảm, đơn giản hóa thủ tục hành chính',
  'tỷ lệ hồ sơ trực tuyến toàn trình',
  'tình hình cung cấp dịch vụ công trực tuyến',
  'kết quả thực hiện Đề án 06',
  'việc bố trí kinh phí chi cho chuyển đổi số',
] as const;

const REPORT_VERBS = [
  'Tổng hợp, báo cáo Thường trực Ban Chỉ đạo về',
  'Báo cáo Thủ tướng Chính phủ',
  'Đánh giá, báo cáo định kỳ',
  'Rà soát, thống kê và báo cáo',
] as const;

const TRAINING = [
  'Tổ chức tập huấn, bồi dưỡng kỹ năng số cho cán bộ, công chức',
  'Tổ chức tuyên truyền, phổ biến',
  'Tổ chức phong trào "Bình dân học vụ số" về',
  'Tổ chức hội nghị quán triệt',
] as const;

const PURPOSES = [
  'bảo đảm đồng bộ, thống nhất với hệ thống pháp luật',
  'phục vụ chỉ đạo, điều hành của Chính phủ, Thủ tướng Chính phủ',
  'đáp ứng yêu cầu của Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị',
  'tạo thuận lợi cho người dân, doanh nghiệp',
  'bảo đảm kết nối, liên thông với Cổng Dịch vụ công quốc gia',
  'theo chỉ đạo tại Thông báo số 292/TB-VPCP',
  'bảo đảm "đúng, đủ, sạch, sống"',
  'gắn với trách nhiệm người đứng đầu',
  'theo đúng lộ trình đã được phê duyệt',
  'làm cơ sở cho việc đánh giá, xếp hạng',
] as const;

const REPORT_PRODUCTS = [
  'Báo cáo Ban Chỉ đạo',
  'Báo cáo Thủ tướng Chính phủ',
  'Báo cáo định kỳ',
  'Văn bản hướng dẫn',
  'Kết quả được cập nhật trên Hệ thống',
] as const;

export type GeneratedTaskText = { text: string; product: string | null };

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** One task text with its expected product. `place` ("tỉnh Cao Bằng") localises provincial tasks. */
export function generateTaskText(rng: Prng, place: string | null): GeneratedTaskText {
  const family = rng.weighted([
    ['legal', 30],
    ['system', 28],
    ['program', 24],
    ['report', 10],
    ['training', 8],
  ] as const);
  let text: string;
  let product: string | null;
  switch (family) {
    case 'legal': {
      const instrument = rng.pick(INSTRUMENTS);
      text = `${rng.pick(LEGAL_VERBS)} ${instrument.prefix} ${rng.pick(LAWS)}`;
      product = instrument.product;
      break;
    }
    case 'system': {
      text = `${rng.pick(SYSTEM_VERBS)} ${rng.pick(SYSTEMS)} ${rng.pick(DATA_DOMAINS)}`;
      product = rng.pick(['Hệ thống được đưa vào vận hành', 'Dữ liệu được cập nhật, đồng bộ', 'Báo cáo kết quả']);
      break;
    }
    case 'program': {
      const program = rng.pick(PROGRAMS);
      const suffix = 'suffix' in program ? program.suffix : '';
      text = `${rng.pick(PROGRAM_VERBS)} ${program.prefix} ${rng.pick(FIELDS)}${suffix}`;
      product = program.product;
      break;
    }
    case 'report': {
      text = `${rng.pick(REPORT_VERBS)} ${rng.pick(REPORT_TOPICS)}`;
      product = rng.pick(REPORT_PRODUCTS);
      break;
    }
    default: {
      text = `${rng.pick(TRAINING)} ${rng.pick(FIELDS)}`;
      product = rng.pick(['Hội nghị được tổ chức', 'Báo cáo kết quả', 'Tài liệu tập huấn']);
      break;
    }
  }
  if (place && rng.chance(0.6)) {
    text += ` trên địa bàn ${place}`;
  }
  if (rng.chance(0.45)) {
    text += `, ${rng.pick(PURPOSES)}`;
  }
  if (rng.chance(0.1)) {
    product = null;
  }
  return { text: `${capitalize(text)}.`, product };
}

/** A field of activity, for directive titles. */
export function pickField(rng: Prng): string {
  return rng.pick(FIELDS);
}

/** A law name, for directive titles and relative deadlines. */
export function pickLaw(rng: Prng): string {
  return rng.pick(LAWS);
}

export type GeneratedDeadline = {
  raw: string | null;
  kind: DeadlineKind;
  due: string | null;
  start: string | null;
  rule: string | null;
};

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A deadline as a directive writes it, with the normalized value a correct reader must derive
 * (due = last day of the named period; recurring and event-relative deadlines have no due date).
 * `from` is the directive's issue date (YYYY-MM-DD): deadlines fall 1–18 months after it.
 */
export function generateDeadline(rng: Prng, from: string): GeneratedDeadline {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const offset = rng.int(1, 18);
  const year = fromYear + Math.floor((fromMonth - 1 + offset) / 12);
  const month = ((fromMonth - 1 + offset) % 12) + 1;
  const kind = rng.weighted([
    ['date', 22],
    ['month', 30],
    ['quarter', 10],
    ['half-year', 4],
    ['year', 8],
    ['period', 3],
    ['recurring', 12],
    ['relative', 4],
    ['none', 7],
  ] as const);
  switch (kind) {
    case 'date': {
      const day = rng.chance(0.5) ? lastDayOfMonth(year, month) : rng.pick([1, 5, 10, 15, 20, 25, 28]);
      const dm = rng.chance(0.2)
        ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`
        : `${day}/${month}/${year}`;
      const form = rng.weighted([
        ['plain', 6],
        ['before', 3],
        ['long', 1],
      ] as const);
      if (form === 'before') {
        const raw = rng.pick([`Trước ngày ${dm}`, `Hoàn thành trước ngày ${dm}.`, `trước ${dm}`]);
        return {
          raw,
          kind,
          due: iso(year, month, day),
          start: null,
          rule: 'Trước ngày D/M/YYYY → hạn là ngày D/M/YYYY',
        };
      }
      if (form === 'long') {
        return {
          raw: `Trước ngày ${day} tháng ${month} năm ${year}`,
          kind,
          due: iso(year, month, day),
          start: null,
          rule: 'Trước ngày D tháng M năm YYYY → hạn là ngày đó',
        };
      }
      return { raw: dm, kind, due: iso(year, month, day), start: null, rule: 'Ngày D/M/YYYY → đúng ngày đó' };
    }
    case 'month': {
      const mm = rng.chance(0.1) ? String(month).padStart(2, '0') : String(month);
      const raw = rng.weighted([
        [`Tháng ${mm}/${year}`, 6],
        [`trong tháng ${mm}/${year}`, 2],
        [`Hoàn thành trong tháng ${mm}/${year}.`, 2],
        [`Chậm nhất trong tháng ${mm}/${year}`, 1],
      ] as const);
      return {
        raw,
        kind,
        due: iso(year, month, lastDayOfMonth(year, month)),
        start: iso(year, month, 1),
        rule: 'Tháng M/YYYY → ngày cuối tháng',
      };
    }
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      const roman = ROMAN[quarter - 1] as string;
      const raw = rng.pick([`Quý ${roman}/${year}`, `quý ${roman}/${year}`, `Trong quý ${roman}/${year}`]);
      const endMonth = quarter * 3;
      return {
        raw,
        kind,
        due: iso(year, endMonth, lastDayOfMonth(year, endMonth)),
        start: iso(year, endMonth - 2, 1),
        rule: 'Quý N/YYYY → ngày cuối quý',
      };
    }
    case 'half-year': {
      const first = month <= 6;
      return {
        raw: first ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`,
        kind,
        due: first ? iso(year, 6, 30) : iso(year, 12, 31),
        start: first ? iso(year, 1, 1) : iso(year, 7, 1),
        rule: '6 tháng đầu/cuối năm → ngày cuối của nửa năm',
      };
    }
    case 'year': {
      const raw = rng.pick([`Năm ${year}`, `Trong năm ${year}`, `Hoàn thành trong năm ${year}`]);
      return { raw, kind, due: iso(year, 12, 31), start: iso(year, 1, 1), rule: 'Năm YYYY → ngày 31/12/YYYY' };
    }
    case 'period': {
      const end = year + rng.pick([1, 1, 2, 5]);
      const raw = rng.chance(0.5) ? `${year}-${end}` : `Giai đoạn ${year} - ${end}`;
      return {
        raw,
        kind,
        due: iso(end, 12, 31),
        start: iso(year, 1, 1),
        rule: 'Giai đoạn YYYY-YYYY → ngày 31/12 của năm cuối',
      };
    }
    case 'recurring': {
      const [raw, rule] = rng.pick([
        ['Thường xuyên', 'Thường xuyên → liên tục, không có hạn cụ thể'],
        ['Thường xuyên', 'Thường xuyên → liên tục, không có hạn cụ thể'],
        ['Hằng năm', 'Hằng năm → định kỳ hằng năm'],
        ['Hằng quý', 'Hằng quý → định kỳ hằng quý'],
        ['Định kỳ hằng tháng báo cáo Thường trực Ban Chỉ đạo.', 'Định kỳ hằng tháng → định kỳ hằng tháng'],
        [`${year} và những năm tiếp theo`, 'YYYY và những năm tiếp theo → liên tục từ năm YYYY'],
      ] as const);
      const start = raw.endsWith('những năm tiếp theo') ? iso(year, 1, 1) : null;
      return { raw, kind, due: null, start, rule };
    }
    case 'relative': {
      const raw = rng.pick([
        `Sau khi ${pickLaw(rng)} có hiệu lực thi hành`,
        'Theo Nghị quyết số 71/NQ-CP',
        'Ngay sau Hội nghị',
        'Theo lộ trình của Đề án',
        'Tại Phiên họp tiếp theo của Ban Chỉ đạo',
      ]);
      return { raw, kind, due: null, start: null, rule: 'Theo sự kiện → chưa xác định được ngày' };
    }
    default:
      return { raw: null, kind: 'none', due: null, start: null, rule: null };
  }
}
