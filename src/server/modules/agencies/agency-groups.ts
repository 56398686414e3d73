import type { AgencyKind } from '@shared/contracts/agencies';

/**
 * A collective expression. `parent` names the agency whose children make up the group (resolved like a
 * catalogue parent); `relativeTo: 'province'` means "of the province the document is about".
 */
export type GroupDefinition = {
  key: string;
  name: string;
  kinds: AgencyKind[];
  parent?: string;
  /** Only agencies without a parent (central bodies). */
  topLevelOnly?: boolean;
  relativeTo?: 'province';
  /** No computable members: recognised (so a splitter keeps it whole) but never expanded. */
  open?: boolean;
  aliases: string[];
};

const CENTRAL: AgencyKind[] = ['ministry', 'ministerial-agency', 'government-agency'];
const HCMC = 'Thành phố Hồ Chí Minh';

/**
 * The collective expressions met in the seeds (seed-notes §3.7). Members are computed from the register for the
 * date asked: "Các bộ, ngành, địa phương" on 30/6/2025 is 17 ministries and ministerial agencies, 5 government
 * agencies and 63 provinces; from 1/7/2025 it has 34 provinces.
 */
export const AGENCY_GROUPS: GroupDefinition[] = [
  {
    key: 'bo-nganh-dia-phuong',
    name: 'Các bộ, ngành, địa phương',
    kinds: [...CENTRAL, 'province'],
    aliases: [
      'Bộ, ngành, địa phương',
      'Các bộ, ngành và địa phương',
      'Bộ, ngành và địa phương',
      'Các bộ, cơ quan, địa phương',
      'Các bộ, ngành Trung ương và địa phương',
      // The Party committees of the same bodies (seed 001 PL02 row 22); the unfinished units it lists are the
      // bodies themselves.
      'Đảng ủy các bộ, ngành, địa phương',
    ],
  },
  {
    key: 'bo-nganh',
    name: 'Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
    kinds: CENTRAL,
    aliases: [
      'Các bộ, ngành',
      'Bộ, ngành',
      'Các bộ, ngành Trung ương',
      'Các bộ, cơ quan Trung ương',
      'Các bộ, cơ quan ngang bộ',
      'Các Bộ',
      'Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
    ],
  },
  {
    key: 'dia-phuong',
    name: 'Các tỉnh, thành phố trực thuộc Trung ương',
    kinds: ['province'],
    aliases: [
      'Các địa phương',
      'Các tỉnh, thành phố',
      'UBND các tỉnh, thành phố',
      'UBND các tỉnh, thành phố trực thuộc Trung ương',
      'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
      'Ủy ban nhân dân các tỉnh, thành phố',
      'Ủy ban nhân dân các địa phương',
      'UBND các địa phương',
      'UBND các tỉnh',
      'UBND cấp tỉnh',
      'Ủy ban nhân dân cấp tỉnh',
    ],
  },
  {
    key: 'co-quan-dang-trung-uong',
    name: 'Các cơ quan Đảng Trung ương',
    kinds: ['party-body'],
    topLevelOnly: true,
    aliases: [
      'Các cơ quan Đảng',
      'Các cơ quan khối Đảng',
      'Các cơ quan đảng ở Trung ương',
      'Các cơ quan Đảng ở Trung ương',
    ],
  },
  {
    key: 'hcmc-cac-khoi',
    name: 'Các cơ quan khối Đảng, khối Chính quyền, Hội đồng nhân dân, Mặt trận Tổ quốc và các đoàn thể của Thành phố',
    kinds: ['party-body', 'provincial-department', 'other'],
    parent: HCMC,
    aliases: [],
  },
  {
    key: 'hcmc-cac-khoi-va-cap-xa',
    name: 'Các cơ quan khối Đảng, khối Chính quyền, Hội đồng nhân dân, Mặt trận Tổ quốc cấp Thành phố và cấp xã',
    kinds: ['party-body', 'provincial-department', 'other', 'commune'],
    parent: HCMC,
    aliases: [],
  },
  {
    key: 'so-ban-nganh',
    name: 'Các sở, ban, ngành',
    kinds: ['provincial-department'],
    relativeTo: 'province',
    aliases: [
      'Sở, ban, ngành',
      'Các sở, ban, ngành Thành phố',
      'Các sở, ban, ngành tỉnh',
      'Các sở, ngành',
      'Các sở, ngành Thành phố',
      'Các sở, ngành cấp Thành phố',
      'Các sở, ngành cấp tỉnh',
      'Sở, ngành Thành phố',
      'Sở ngành Thành phố',
      'Sở ban ngành Thành phố',
      'Sở, ban, ngành Thành phố',
    ],
  },
  {
    key: 'co-quan-dang-tinh',
    name: 'Các cơ quan Đảng Thành phố',
    kinds: ['party-body'],
    relativeTo: 'province',
    aliases: ['Các cơ quan Đảng tỉnh', 'Các cơ quan Đảng của Thành phố'],
  },
  {
    key: 'cap-xa',
    name: 'UBND cấp xã',
    kinds: ['commune'],
    relativeTo: 'province',
    aliases: [
      'Ủy ban nhân dân cấp xã',
      'UBND xã, phường',
      'UBND xã, phường, đặc khu',
      'Ủy ban nhân dân xã, phường, đặc khu',
      'Cấp xã',
      'Các xã, phường, đặc khu',
      'Phường, xã và đặc khu',
      'Phường, xã, đặc khu',
    ],
  },
  {
    key: 'open-lien-quan',
    name: 'Các bộ, ngành liên quan',
    kinds: [],
    open: true,
    aliases: [
      'Các bộ, ngành có liên quan',
      'Các bộ, ngành, liên quan',
      'Bộ, ngành liên quan',
      'Các bộ, ngành và địa phương liên quan',
      'Các bộ, ngành và địa phương khác liên quan',
      'Các bộ, ngành, địa phương liên quan',
      'Bộ, ngành, địa phương liên quan',
      'Các bộ, cơ quan liên quan',
      'Các bộ, ngành được giao nhiệm vụ',
      'Các bộ, ngành chủ quản cơ sở dữ liệu',
    ],
  },
  {
    key: 'open-dia-phuong-dieu-kien',
    name: 'Các địa phương có liên quan',
    kinds: [],
    open: true,
    aliases: [
      'Các địa phương liên quan',
      'Các địa phương có đảo',
      'Các địa phương có cảng hàng không, sân bay',
      'Công an các tỉnh',
      'Công an các tỉnh, thành phố',
    ],
  },
  {
    key: 'open-co-quan-lien-quan',
    name: 'Các cơ quan liên quan',
    kinds: [],
    open: true,
    aliases: [
      'Các cơ quan có liên quan',
      'Các cơ quan, đơn vị liên quan',
      'Các cơ quan, đơn vị có liên quan',
      'Các cơ quan, địa phương',
      'Các cơ quan, địa phương liên quan',
      'Đơn vị có liên quan',
      'Các đơn vị liên quan',
      'Các cơ quan chủ trì quản lý, vận hành các nền tảng số, hệ thống thông tin, cơ sở dữ liệu',
      'Các cơ quan đại diện Việt Nam ở nước ngoài',
      'Cơ quan tham mưu, giúp việc Thành ủy',
      'Các Đảng ủy phường, xã, đặc khu',
      'Đảng ủy xã',
      'Các tỉnh ủy, thành ủy',
    ],
  },
  {
    key: 'open-doanh-nghiep',
    name: 'Các doanh nghiệp liên quan',
    kinds: [],
    open: true,
    aliases: [
      'Doanh nghiệp liên quan',
      'Các doanh nghiệp lớn liên quan',
      'Các doanh nghiệp công nghệ',
      'Các tập đoàn, doanh nghiệp',
      'Các doanh nghiệp',
    ],
  },
];
