import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FundOutlined,
  NodeIndexOutlined,
  PieChartOutlined,
  SafetyCertificateOutlined,
  SnippetsOutlined,
  SwapOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { Role } from '@shared/contracts/auth';
import type { ReactNode } from 'react';

export type NavItem = {
  key: string;
  label: string;
  icon: ReactNode;
  /** Where the menu item goes. */
  path: string;
  /** Paths that highlight this item (the item's own path and everything below it). */
  matches: (pathname: string) => boolean;
  /** Only these roles see the item (the server enforces access regardless). Absent: everyone signed in. */
  roles?: Role[];
  /** Menu section heading. */
  group: NavGroup;
};

export const NAV_GROUPS = ['Theo dõi', 'Báo cáo', 'Phối hợp', 'Danh mục, quản trị'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

const OFFICE: Role[] = ['standing-office', 'admin'];

function under(prefix: string) {
  return (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * The left menu. Later issues add "Báo cáo" (reports), "Cảnh báo" (warnings) and admin entries here;
 * nothing else needs to change for a new top-level screen.
 */
export const NAV_ITEMS: NavItem[] = [
  {
    key: 'dashboard',
    group: 'Theo dõi',
    label: 'Tổng quan',
    icon: <DashboardOutlined />,
    path: '/',
    matches: (p) => p === '/',
  },
  {
    key: 'directives',
    group: 'Theo dõi',
    label: 'Văn bản chỉ đạo',
    icon: <FileTextOutlined />,
    path: '/directives',
    matches: under('/directives'),
  },
  {
    key: 'tasks',
    group: 'Theo dõi',
    label: 'Nhiệm vụ',
    icon: <UnorderedListOutlined />,
    path: '/tasks',
    matches: under('/tasks'),
  },
  {
    key: 'agencies',
    group: 'Danh mục, quản trị',
    label: 'Cơ quan',
    icon: <ApartmentOutlined />,
    path: '/agencies',
    matches: under('/agencies'),
  },
  {
    key: 'status',
    group: 'Theo dõi',
    label: 'Tình hình thực hiện',
    icon: <PieChartOutlined />,
    path: '/status',
    matches: under('/status'),
  },
  {
    key: 'leader-dashboard',
    group: 'Theo dõi',
    label: 'Bảng điều hành',
    icon: <FundOutlined />,
    path: '/leader-dashboard',
    matches: under('/leader-dashboard'),
  },
  {
    key: 'my-obligations',
    group: 'Báo cáo',
    label: 'Báo cáo của đơn vị',
    icon: <CheckSquareOutlined />,
    path: '/reporting',
    matches: (p) => p === '/reporting',
    roles: ['reporter', 'leader', ...OFFICE],
  },
  {
    key: 'report-review',
    group: 'Báo cáo',
    label: 'Duyệt báo cáo',
    icon: <SafetyCertificateOutlined />,
    path: '/reporting/review',
    matches: under('/reporting/review'),
    roles: ['leader', ...OFFICE],
  },
  {
    key: 'indicators',
    group: 'Theo dõi',
    label: 'Chỉ tiêu',
    icon: <BarChartOutlined />,
    path: '/indicators',
    matches: under('/indicators'),
  },
  {
    key: 'reports',
    group: 'Báo cáo',
    label: 'Báo cáo tổng hợp',
    icon: <SnippetsOutlined />,
    path: '/reports',
    matches: under('/reports'),
  },
  {
    key: 'duplicates',
    group: 'Phối hợp',
    label: 'Nhiệm vụ trùng lặp',
    icon: <NodeIndexOutlined />,
    path: '/duplicates',
    matches: under('/duplicates'),
  },
  {
    key: 'consultations',
    group: 'Phối hợp',
    label: 'Lấy ý kiến dự thảo',
    icon: <FileTextOutlined />,
    path: '/consultations',
    matches: under('/consultations'),
  },
  {
    key: 'feedback',
    group: 'Phối hợp',
    label: 'Phản ánh, kiến nghị',
    icon: <FileTextOutlined />,
    path: '/feedback',
    matches: under('/feedback'),
  },
  {
    key: 'imports',
    group: 'Danh mục, quản trị',
    label: 'Nhập dữ liệu',
    icon: <CloudUploadOutlined />,
    path: '/imports',
    matches: under('/imports'),
    roles: OFFICE,
  },
  {
    key: 'exchange',
    group: 'Danh mục, quản trị',
    label: 'Liên thông dữ liệu',
    icon: <SwapOutlined />,
    path: '/exchange',
    matches: under('/exchange'),
    roles: OFFICE,
  },
  {
    key: 'restructuring',
    group: 'Danh mục, quản trị',
    label: 'Sắp xếp tổ chức',
    icon: <ApartmentOutlined />,
    path: '/restructuring',
    matches: under('/restructuring'),
    roles: OFFICE,
  },
  {
    key: 'users',
    group: 'Danh mục, quản trị',
    label: 'Tài khoản',
    icon: <TeamOutlined />,
    path: '/admin/users',
    matches: under('/admin/users'),
    roles: OFFICE,
  },
  {
    key: 'audit',
    group: 'Danh mục, quản trị',
    label: 'Nhật ký thao tác',
    icon: <AuditOutlined />,
    path: '/admin/audit',
    matches: under('/admin/audit'),
    roles: OFFICE,
  },
];
