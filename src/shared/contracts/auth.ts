import { z } from 'zod';

/** Roles (issue #4). A user belongs to one agency and has one or more roles. */
export const RoleSchema = z.enum(['admin', 'standing-office', 'reporter', 'leader', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  'standing-office': 'Cán bộ Thường trực (Văn phòng thường trực)',
  reporter: 'Cán bộ báo cáo của cơ quan',
  leader: 'Lãnh đạo cơ quan (phê duyệt báo cáo)',
  viewer: 'Thành viên Ban Chỉ đạo (chỉ xem)',
};
