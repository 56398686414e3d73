import {
  ApartmentOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileTextOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export type NavItem = {
  key: string;
  label: string;
  icon: ReactNode;
  /** Where the menu item goes. */
  path: string;
  /** Paths that highlight this item (the item's own path and everything below it). */
  matches: (pathname: string) => boolean;
};

function under(prefix: string) {
  return (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * The left menu. Later issues add "Báo cáo" (reports), "Cảnh báo" (warnings) and admin entries here;
 * nothing else needs to change for a new top-level screen.
 */
export const NAV_ITEMS: NavItem[] = [
  { key: 'dashboard', label: 'Tổng quan', icon: <DashboardOutlined />, path: '/', matches: (p) => p === '/' },
  {
    key: 'directives',
    label: 'Văn bản chỉ đạo',
    icon: <FileTextOutlined />,
    path: '/directives',
    matches: under('/directives'),
  },
  { key: 'tasks', label: 'Nhiệm vụ', icon: <UnorderedListOutlined />, path: '/tasks', matches: under('/tasks') },
  { key: 'agencies', label: 'Cơ quan', icon: <ApartmentOutlined />, path: '/agencies', matches: under('/agencies') },
  {
    key: 'imports',
    label: 'Nhập dữ liệu',
    icon: <CloudUploadOutlined />,
    path: '/imports',
    matches: under('/imports'),
  },
];
