import type { AppDeps } from '@server/app-deps';
import type { DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import { newId } from '@server/lib/ids';
import { type Actor, hasRole, isStandingOffice } from '@server/lib/request-context';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import { type AuditWho, recordAudit } from '@server/modules/audit/audit.service';
import { generateOneTimePassword, hashPassword } from '@server/modules/auth/password';
import type { Role } from '@shared/contracts/auth';
import type {
  BulkPreview,
  PasswordReset,
  User,
  UserCreate,
  UserCredentials,
  UserListQuery,
  UserPage,
  UserUpdate,
} from '@shared/contracts/users';
import { businessDateOf } from '@shared/lib/vn-format';
import { foldText } from '@shared/lib/vn-text';
import {
  BULK_ROLES,
  buildCredentialsWorkbook,
  type IssuedCredential,
  type PlannedRow,
  planBulkAccounts,
  readAgencySheet,
} from './bulk-accounts';
import {
  deleteSessionsOfUser,
  findAgencyName,
  findUserById,
  insertUsers,
  selectLoginNamesByPrefix,
  selectUserPage,
  type UserInsert,
  type UserRow,
  updateUser as updateUserRow,
} from './users.repo';

export type UsersDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/**
 * argon2id cost for generated one-time passwords. Key stretching protects guessable human passwords; a random
 * 12-character one-time password carries ≈70 bits and is replaced at first sign-in (with the full-cost hash), so a
 * light hash is enough and lets a bulk upload of 3,000 agencies finish in seconds instead of minutes.
 */
export const ONE_TIME_PASSWORD_ARGON2 = { memoryCost: 4096, timeCost: 1, parallelism: 1 } as const;

export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    loginName: row.loginName,
    displayName: row.displayName,
    email: row.email ?? null,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    roles: row.roles as Role[],
    active: row.active,
    isDemo: row.isDemo,
    mustChangePassword: row.mustChangePassword,
    totpEnabled: row.totpEnabled,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    failedAttempts: row.failedAttempts,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an account (never a hash or a secret). */
function auditView(row: Pick<UserRow, 'loginName' | 'displayName' | 'agencyId' | 'roles' | 'active'>) {
  return {
    loginName: row.loginName,
    displayName: row.displayName,
    agencyId: row.agencyId,
    roles: row.roles,
    active: row.active,
  };
}

function assertManagesAccounts(actor: Actor): void {
  if (!isStandingOffice(actor)) {
    throw new AppError('FORBIDDEN');
  }
}

/** Only administrators create, change or reset administrator accounts, or hand out the admin role. */
function assertMayTouchAdmin(actor: Actor, roles: readonly string[]): void {
  if (roles.includes('admin') && !hasRole(actor, 'admin')) {
    throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được quản lý tài khoản quản trị.');
  }
}

async function getScopedUser(db: DbOrTx, actor: Actor, userId: string): Promise<UserRow> {
  const row = await findUserById(db, userId);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản.');
  }
  if (!isStandingOffice(actor) && row.agencyId !== actor.agencyId) {
    throw new AppError('FORBIDDEN');
  }
  return row;
}

/**
 * Lists accounts. Data scope: the standing office and administrators see every agency's accounts; anyone else
 * only their own agency's, whatever `agencyId` they ask for.
 */
export async function listUsers(db: DbOrTx, actor: Actor, query: UserListQuery): Promise<UserPage> {
  const agencyId = isStandingOffice(actor) ? query.agencyId : actor.agencyId;
  const q = query.q ? { lower: query.q.toLowerCase(), folded: foldText(query.q) } : undefined;
  const { total, rows } = await selectUserPage(
    db,
    {
      ...(agencyId ? { agencyId } : {}),
      ...(q ? { q } : {}),
      ...(query.role ? { role: query.role } : {}),
      ...(query.active !== undefined ? { active: query.active } : {}),
    },
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return { items: rows.map(toUserDto), total, page: query.page, pageSize: query.pageSize };
}

/**
 * One account. Data scope as {@link listUsers}: a user of another agency is FORBIDDEN unless the caller is the
 * standing office or an administrator.
 * @throws NOT_FOUND, FORBIDDEN
 */
export async function getUser(db: DbOrTx, actor: Actor, userId: string): Promise<User> {
  return toUserDto(await getScopedUser(db, actor, userId));
}

async function assertAgencyExists(db: DbOrTx, agencyId: string): Promise<void> {
  if (!(await findAgencyName(db, agencyId))) {
    throw new AppError('VALIDATION_FAILED', 'Cơ quan không có trong danh mục.', {
      issues: [{ path: '/agencyId', message: 'Cơ quan không có trong danh mục.' }],
    });
  }
}

async function insertNewUser(
  deps: UsersDeps,
  who: AuditWho | null,
  input: UserCreate,
  via: 'api' | 'cli',
): Promise<{ id: string; oneTimePassword: string }> {
  await assertAgencyExists(deps.db, input.agencyId);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword, ONE_TIME_PASSWORD_ARGON2);
  const now = deps.clock.now();
  const id = newId();
  const roles = [...new Set(input.roles)];
  await deps.db.transaction(async (tx) => {
    const inserted = await insertUsers(tx, [
      {
        id,
        loginName: input.loginName,
        displayName: input.displayName,
        email: input.email ?? null,
        agencyId: input.agencyId,
        roles,
        passwordHash,
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (inserted.length === 0) {
      throw new AppError('LOGIN_TAKEN');
    }
    await recordAudit(tx, who, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: { ...auditView({ ...input, roles, active: true }), ...(via === 'cli' ? { via } : {}) },
      at: now,
    });
  });
  return { id, oneTimePassword };
}

/**
 * Creates an account with a generated one-time password (returned once; the user must change it at first
 * sign-in). Standing office and administrators only; only administrators create administrators.
 * @throws FORBIDDEN, LOGIN_TAKEN, VALIDATION_FAILED (unknown agency)
 */
export async function createUser(deps: UsersDeps, actor: Actor, input: UserCreate): Promise<UserCredentials> {
  assertManagesAccounts(actor);
  assertMayTouchAdmin(actor, input.roles);
  const { id, oneTimePassword } = await insertNewUser(deps, actor, input, 'api');
  return { user: await getUser(deps.db, actor, id), oneTimePassword };
}

/**
 * Creates an account from the server's command line (`tiendo users create`), e.g. the first administrator of a
 * new installation. Whoever can run the command owns the data directory, so no role check applies; the audit row
 * has no actor and says `via: cli`.
 * @throws LOGIN_TAKEN, VALIDATION_FAILED (unknown agency)
 */
export async function createUserFromCli(deps: UsersDeps, input: UserCreate): Promise<UserCredentials> {
  const { id, oneTimePassword } = await insertNewUser(deps, null, input, 'cli');
  const row = await findUserById(deps.db, id);
  if (!row) {
    throw new AppError('INTERNAL');
  }
  return { user: toUserDto(row), oneTimePassword };
}

/**
 * Changes an account's name, agency, roles or active flag. Deactivating ends the user's sessions at once. Nobody
 * deactivates themselves or removes their own admin role (the last administrator could lock everyone out).
 * @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED
 */
export async function updateUser(deps: UsersDeps, actor: Actor, userId: string, patch: UserUpdate): Promise<User> {
  assertManagesAccounts(actor);
  const before = await getScopedUser(deps.db, actor, userId);
  assertMayTouchAdmin(actor, [...before.roles, ...(patch.roles ?? [])]);
  if (userId === actor.userId) {
    if (patch.active === false) {
      throw new AppError('FORBIDDEN', 'Không thể tự vô hiệu hóa tài khoản của mình.');
    }
    if (patch.roles && before.roles.includes('admin') && !patch.roles.includes('admin')) {
      throw new AppError('FORBIDDEN', 'Không thể tự bỏ vai trò quản trị của mình.');
    }
  }
  if (patch.agencyId) {
    await assertAgencyExists(deps.db, patch.agencyId);
  }
  const now = deps.clock.now();
  const values: Partial<UserInsert> = { updatedAt: now };
  if (patch.displayName !== undefined) {
    values.displayName = patch.displayName;
  }
  if (patch.email !== undefined) {
    values.email = patch.email;
  }
  if (patch.agencyId !== undefined) {
    values.agencyId = patch.agencyId;
  }
  if (patch.roles !== undefined) {
    values.roles = [...new Set(patch.roles)];
  }
  if (patch.active !== undefined) {
    values.active = patch.active;
  }
  await deps.db.transaction(async (tx) => {
    await updateUserRow(tx, userId, values);
    if (patch.active === false || (patch.agencyId && patch.agencyId !== before.agencyId)) {
      await deleteSessionsOfUser(tx, userId);
    }
    await recordAudit(tx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      before: auditView(before),
      after: auditView({ ...before, ...values, roles: values.roles ?? before.roles }),
      at: now,
    });
  });
  return getUser(deps.db, actor, userId);
}

/**
 * Issues a new one-time password (returned once), clears a lockout, ends the user's sessions, and with
 * `resetTotp` turns TOTP off so that a user who lost the phone can enrol again.
 * @throws NOT_FOUND, FORBIDDEN
 */
export async function resetUserPassword(
  deps: UsersDeps,
  actor: Actor,
  userId: string,
  options: PasswordReset,
): Promise<UserCredentials> {
  assertManagesAccounts(actor);
  const before = await getScopedUser(deps.db, actor, userId);
  assertMayTouchAdmin(actor, before.roles);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword, ONE_TIME_PASSWORD_ARGON2);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await updateUserRow(tx, userId, {
      passwordHash,
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
      updatedAt: now,
      ...(options.resetTotp ? { totpSecret: null, totpEnabled: false, totpLastStep: null } : {}),
    });
    await deleteSessionsOfUser(tx, userId);
    await recordAudit(tx, actor, {
      action: 'user.password-reset',
      entityType: 'user',
      entityId: userId,
      before: { totpEnabled: before.totpEnabled, lockedUntil: before.lockedUntil?.toISOString() ?? null },
      after: { mustChangePassword: true, totpReset: options.resetTotp },
      at: now,
    });
  });
  return { user: await getUser(deps.db, actor, userId), oneTimePassword };
}

async function planFromFile(deps: UsersDeps, fileName: string, bytes: Buffer) {
  const sheet = await readAgencySheet(fileName, bytes);
  const today = businessDateOf(deps.clock.now());
  const resolver = createAgencyResolver(await loadAgencyRegisterSnapshot(deps.db), { today: () => today });
  const existing = await selectLoginNamesByPrefix(
    deps.db,
    BULK_ROLES.map((r) => `${r.prefix}.`),
  );
  const rows = planBulkAccounts(sheet.rows, resolver, today, existing);
  return { sheet, rows };
}

function previewOf(fileName: string, sheet: string, rows: PlannedRow[]): BulkPreview {
  const toCreate = rows.flatMap((r) => (r.status === 'create' ? r.planned.filter((p) => !p.exists) : []));
  return {
    fileName,
    sheet,
    rows: rows.map(({ planned: _planned, ...row }) => row),
    summary: {
      rows: rows.length,
      agencies: rows.filter((r) => r.status === 'create').length,
      accountsToCreate: toCreate.length,
      skipped: rows.filter((r) => r.status !== 'create').length,
    },
  };
}

/**
 * Reads an agency list (.xlsx) and shows which reporter and leader accounts a bulk creation would make; writes
 * nothing. Standing office and administrators only.
 * @throws FORBIDDEN, UNSUPPORTED_FILE, FILE_TOO_LARGE, VALIDATION_FAILED
 */
export async function previewBulkAccounts(
  deps: UsersDeps,
  actor: Actor,
  file: { fileName: string; bytes: Buffer },
): Promise<BulkPreview> {
  assertManagesAccounts(actor);
  const { sheet, rows } = await planFromFile(deps, file.fileName, file.bytes);
  return previewOf(file.fileName, sheet.sheet, rows);
}

/**
 * Creates one reporter and one leader account for every agency in the sheet that has none yet, each with a
 * generated one-time password, all in one transaction with one audit row per account. Returns the credentials
 * workbook, the only place the passwords ever appear: the caller hands it out once.
 * @throws FORBIDDEN, UNSUPPORTED_FILE, FILE_TOO_LARGE, VALIDATION_FAILED
 */
export async function createBulkAccounts(
  deps: UsersDeps,
  actor: Actor,
  file: { fileName: string; bytes: Buffer },
): Promise<{ preview: BulkPreview; created: number; workbook: Buffer }> {
  assertManagesAccounts(actor);
  const { sheet, rows } = await planFromFile(deps, file.fileName, file.bytes);
  const now = deps.clock.now();
  const planned = rows.flatMap((r) =>
    r.status === 'create' && r.agency
      ? r.planned.filter((p) => !p.exists).map((p) => ({ ...p, agency: r.agency as { id: string; name: string } }))
      : [],
  );
  const withSecrets: Array<(typeof planned)[number] & { id: string; password: string; hash: string }> = [];
  // Hash a few at a time: argon2 runs on libuv's thread pool, which is small on a 2-core server.
  for (let i = 0; i < planned.length; i += 8) {
    const chunk = planned.slice(i, i + 8);
    const hashed = await Promise.all(
      chunk.map(async (p) => {
        const password = generateOneTimePassword();
        return { ...p, id: newId(), password, hash: await hashPassword(password, ONE_TIME_PASSWORD_ARGON2) };
      }),
    );
    withSecrets.push(...hashed);
  }
  const createdIds = await deps.db.transaction(async (tx) => {
    const ids = new Set<string>();
    for (let i = 0; i < withSecrets.length; i += 500) {
      const batch = withSecrets.slice(i, i + 500);
      const inserted = await insertUsers(
        tx,
        batch.map((p) => ({
          id: p.id,
          loginName: p.loginName,
          displayName: p.displayName,
          agencyId: p.agency.id,
          roles: [p.role],
          passwordHash: p.hash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        })),
      );
      for (const id of inserted) {
        ids.add(id);
      }
    }
    for (const p of withSecrets) {
      if (ids.has(p.id)) {
        await recordAudit(tx, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: p.id,
          after: { ...auditView({ ...p, agencyId: p.agency.id, roles: [p.role], active: true }), bulk: true },
          at: now,
        });
      }
    }
    await recordAudit(tx, actor, {
      action: 'user.bulk-create',
      entityType: 'user',
      entityId: null,
      after: { fileName: file.fileName, rows: rows.length, created: ids.size },
      at: now,
    });
    return ids;
  });
  const credentials: IssuedCredential[] = withSecrets
    .filter((p) => createdIds.has(p.id))
    .map((p) => ({ agencyName: p.agency.name, role: p.role, loginName: p.loginName, password: p.password }));
  const skipped = rows
    .filter((r) => r.status !== 'create')
    .map((r) => ({ row: r.row, input: r.input, message: r.message }));
  const workbook = await buildCredentialsWorkbook(credentials, skipped, now);
  return { preview: previewOf(file.fileName, sheet.sheet, rows), created: credentials.length, workbook };
}
