import { z } from 'zod';
import { LoginNameSchema, RoleSchema } from './auth';
import { PageQuerySchema, pageOf } from './common';

export const UserSchema = z.object({
  id: z.string(),
  loginName: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  agencyId: z.string(),
  agencyName: z.string(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
  isDemo: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  /** Locked after repeated failed sign-ins, until this instant (null when not locked). */
  lockedUntil: z.string().nullable(),
  failedAttempts: z.number().int(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const UserPageSchema = pageOf(UserSchema);
export type UserPage = z.infer<typeof UserPageSchema>;

export const UserListQuerySchema = PageQuerySchema.extend({
  /** Login or display name, without diacritics. */
  q: z.string().trim().max(100).optional(),
  agencyId: z.string().min(1).max(100).optional(),
  role: RoleSchema.optional(),
  active: z.stringbool().optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

export const UserIdParamsSchema = z.object({ userId: z.string().min(1).max(100) });

export const UserCreateSchema = z.object({
  loginName: LoginNameSchema,
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  agencyId: z.string().min(1).max(100),
  roles: z.array(RoleSchema).min(1).max(5),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

/** A new account or a password reset: the one-time password is shown once and never stored in clear. */
export const UserCredentialsSchema = z.object({ user: UserSchema, oneTimePassword: z.string() });
export type UserCredentials = z.infer<typeof UserCredentialsSchema>;

export const UserUpdateSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    /** null removes the address. */
    email: z.email().max(320).nullable().optional(),
    agencyId: z.string().min(1).max(100).optional(),
    roles: z.array(RoleSchema).min(1).max(5).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Không có gì để cập nhật.' });
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const PasswordResetSchema = z.object({
  /** Also turn TOTP off (lost phone): the user enrols again at the next sign-in if the role requires it. */
  resetTotp: z.boolean().default(false),
});
export type PasswordReset = z.infer<typeof PasswordResetSchema>;

/** Problems a bulk-creation row can have (the row is skipped, the others go ahead). */
export const BulkRowStatusSchema = z.enum(['create', 'exists', 'unknown-agency', 'ambiguous-agency', 'duplicate']);
export type BulkRowStatus = z.infer<typeof BulkRowStatusSchema>;

export const BulkPreviewRowSchema = z.object({
  /** Row number in the sheet. */
  row: z.number().int(),
  input: z.string(),
  agency: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: BulkRowStatusSchema,
  accounts: z.array(z.object({ loginName: z.string(), role: RoleSchema, exists: z.boolean() })),
  message: z.string().nullable(),
});
export type BulkPreviewRow = z.infer<typeof BulkPreviewRowSchema>;

export const BulkPreviewSchema = z.object({
  fileName: z.string(),
  sheet: z.string(),
  rows: z.array(BulkPreviewRowSchema),
  summary: z.object({
    rows: z.number().int(),
    agencies: z.number().int(),
    accountsToCreate: z.number().int(),
    skipped: z.number().int(),
  }),
});
export type BulkPreview = z.infer<typeof BulkPreviewSchema>;

export const BulkModeQuerySchema = z.object({
  /** `true`: only read the sheet and show what would be created. */
  dryRun: z.stringbool().default(false),
});
