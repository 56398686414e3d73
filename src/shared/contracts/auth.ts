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

/** Login names: lower-case letters, digits, dot, dash, underscore ("baocao.bocongan"). */
export const LoginNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$/, 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch.');

export const LoginRequestSchema = z.object({
  loginName: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const TotpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số.');

export const TotpVerifyRequestSchema = z.object({ code: TotpCodeSchema });
export type TotpVerifyRequest = z.infer<typeof TotpVerifyRequestSchema>;

export const PasswordChangeRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequestSchema>;

/**
 * How far sign-in got. `full` acts for the user; the others allow only the next step: `totp` (enter the
 * authenticator code), `password-change` (replace a one-time password), `totp-enrol` (the role requires TOTP
 * and none is set up yet).
 */
export const SessionStageSchema = z.enum(['anonymous', 'totp', 'password-change', 'totp-enrol', 'full']);
export type SessionStage = z.infer<typeof SessionStageSchema>;

export const SessionUserSchema = z.object({
  id: z.string(),
  loginName: z.string(),
  displayName: z.string(),
  agency: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(RoleSchema),
  totpEnabled: z.boolean(),
  isDemo: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

/** GET /auth/session and the answer of every sign-in step. */
export const SessionViewSchema = z.object({
  stage: SessionStageSchema,
  user: SessionUserSchema.nullable(),
  /** The double-submit token (also in the `tiendo_csrf` cookie); send it as `x-csrf-token`. */
  csrfToken: z.string().nullable(),
  /** Whether the user's roles require TOTP (so the UI can offer or insist on enrolment). */
  totpRequired: z.boolean(),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string().nullable(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const TotpSetupResponseSchema = z.object({
  /** Base32 secret to type into an authenticator app (no QR code is drawn). */
  secret: z.string(),
  otpauthUri: z.string(),
  issuer: z.string(),
  accountName: z.string(),
});
export type TotpSetupResponse = z.infer<typeof TotpSetupResponseSchema>;
