import { z } from 'zod';
import { PageQuerySchema, pageOf } from './common';

export const AuditListQuerySchema = PageQuerySchema.extend({
  /** User id of whoever acted. */
  actorUserId: z.string().min(1).max(100).optional(),
  /** Login name of whoever acted (exact, case-insensitive). */
  actor: z.string().trim().min(1).max(100).optional(),
  /** Agency the actor acted for. */
  agencyId: z.string().min(1).max(100).optional(),
  /** Action or action prefix: `auth.` finds every sign-in event, `user.update` one kind. */
  action: z.string().trim().min(1).max(100).optional(),
  entityType: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  /** First and last day (Asia/Ho_Chi_Minh), inclusive. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorLoginName: z.string().nullable(),
  actorDisplayName: z.string().nullable(),
  actorAgencyId: z.string().nullable(),
  actorAgencyName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = pageOf(AuditEntrySchema);
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** Vietnamese labels for the actions this product records (unknown actions are shown as recorded). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Đăng nhập',
  'auth.login-failed': 'Đăng nhập sai',
  'auth.lockout': 'Khóa tài khoản do đăng nhập sai',
  'auth.login-refused': 'Từ chối đăng nhập',
  'auth.totp-failed': 'Mã xác thực sai',
  'auth.logout': 'Đăng xuất',
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.password-reset': 'Cấp lại mật khẩu',
  'user.password-change': 'Đổi mật khẩu',
  'user.totp-enable': 'Bật xác thực hai lớp',
  'user.bulk-create': 'Tạo tài khoản hàng loạt',
  'import.apply': 'Nhập dữ liệu',
};
