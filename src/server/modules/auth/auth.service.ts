import { randomBytes } from 'node:crypto';
import type { AppDeps } from '@server/app-deps';
import type { AppConfig } from '@server/config/env';
import type { DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import { sha256Hex } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { type AuditWho, recordAudit } from '@server/modules/audit/audit.service';
import type {
  LoginRequest,
  PasswordChangeRequest,
  Role,
  SessionStage,
  SessionView,
  TotpSetupResponse,
} from '@shared/contracts/auth';
import { checkPasswordRules, PASSWORD_RULE_MESSAGES } from '@shared/domain/password-rules';
import {
  type AuthUserRow,
  advanceTotpStep,
  deleteSession,
  deleteSessionsOfUser,
  deleteStaleSessions,
  findAuthUserById,
  findAuthUserByLogin,
  findSessionWithUser,
  insertSession,
  lockUserRow,
  touchSession,
  updateUserAuthState,
} from './auth.repo';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp';

export type AuthDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** Where a request came from; recorded on the session and in the audit log. */
export type ClientInfo = { ip: string | null; userAgent: string | null };

export type SignInStage = Exclude<SessionStage, 'anonymous'>;

/** A live session as the auth plugin found it (the cookie's token is never kept, only its hash). */
export type ActiveSession = {
  id: string;
  stage: SignInStage;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  user: AuthUserRow;
};

/** A session just created or rotated: the token goes into the cookie once and is not stored anywhere. */
export type IssuedSession = { token: string; csrfToken: string; expiresAt: Date; view: SessionView };

export const TOTP_ISSUER = 'Tiến Độ';
/** A session waiting for the next sign-in step lives at most this long. */
const PENDING_STAGE_SECONDS = 10 * 60;
/** last_seen_at is written at most this often per session (one UPDATE per minute, not per request). */
const TOUCH_INTERVAL_MS = 60_000;

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The session id stored in the database: SHA-256 of the cookie token. */
export function sessionIdOf(token: string): string {
  return sha256Hex(token);
}

/**
 * Whether the user's roles require a TOTP second factor (setting `TIENDO_TOTP_REQUIRED_ROLES`, by default
 * administrators and the standing office, issue #4). Demo accounts are exempt while the server runs with --demo,
 * so the documented accounts work right after `npm start`.
 */
export function isTotpRequired(user: Pick<AuthUserRow, 'roles' | 'isDemo'>, config: AppConfig): boolean {
  if (user.isDemo && config.demoMode) {
    return false;
  }
  return user.roles.some((r) => config.auth.totpRequiredRoles.includes(r as Role));
}

/**
 * The next sign-in step: the TOTP code (if enrolled), then replacing a one-time password, then enrolling TOTP
 * when the role requires it; `full` when nothing is left.
 */
export function nextStage(
  user: Pick<AuthUserRow, 'roles' | 'isDemo' | 'totpEnabled' | 'mustChangePassword'>,
  config: AppConfig,
  totpPassed: boolean,
): SignInStage {
  if (user.totpEnabled && !totpPassed) {
    return 'totp';
  }
  if (user.mustChangePassword) {
    return 'password-change';
  }
  if (!user.totpEnabled && isTotpRequired(user, config)) {
    return 'totp-enrol';
  }
  return 'full';
}

/** The lock after the n-th consecutive failure: none below the threshold, then base × 2^(n − threshold), capped. */
export function lockoutSeconds(failedAttempts: number, config: AppConfig): number {
  const { lockoutThreshold, lockoutBaseSeconds, lockoutMaxSeconds } = config.auth;
  if (failedAttempts < lockoutThreshold) {
    return 0;
  }
  const exponent = Math.min(failedAttempts - lockoutThreshold, 30);
  return Math.min(lockoutMaxSeconds, lockoutBaseSeconds * 2 ** exponent);
}

function lockedError(lockedUntil: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError('ACCOUNT_LOCKED', undefined, { lockedUntil: lockedUntil.toISOString(), retryAfterSeconds });
}

function whoOf(user: Pick<AuthUserRow, 'id' | 'agencyId'>, client: ClientInfo): AuditWho {
  return { userId: user.id, agencyId: user.agencyId, ip: client.ip };
}

/** The actor a `full` session acts as; null for sessions still signing in. */
export function actorOf(session: ActiveSession, ip: string | null): Actor | null {
  if (session.stage !== 'full') {
    return null;
  }
  return { userId: session.user.id, agencyId: session.user.agencyId, roles: session.user.roles as Role[], ip };
}

/** What GET /auth/session shows for a session (or for nobody). */
export function toSessionView(deps: AuthDeps, session: ActiveSession | null): SessionView {
  const idleTimeoutSeconds = deps.config.auth.sessionIdleSeconds;
  if (!session) {
    return {
      stage: 'anonymous',
      user: null,
      csrfToken: null,
      totpRequired: false,
      idleTimeoutSeconds,
      expiresAt: null,
    };
  }
  const u = session.user;
  return {
    stage: session.stage,
    user: {
      id: u.id,
      loginName: u.loginName,
      displayName: u.displayName,
      agency: { id: u.agencyId, name: u.agencyName },
      roles: u.roles as Role[],
      totpEnabled: u.totpEnabled,
      isDemo: u.isDemo,
    },
    csrfToken: session.csrfToken,
    totpRequired: isTotpRequired(u, deps.config),
    idleTimeoutSeconds,
    expiresAt: session.expiresAt.toISOString(),
  };
}

async function issueSession(
  tx: DbOrTx,
  deps: AuthDeps,
  user: AuthUserRow,
  stage: SignInStage,
  client: ClientInfo,
  now: Date,
): Promise<IssuedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const lifetime = stage === 'full' ? deps.config.auth.sessionMaxSeconds : PENDING_STAGE_SECONDS;
  const expiresAt = new Date(now.getTime() + lifetime * 1000);
  const id = sessionIdOf(token);
  await insertSession(tx, {
    id,
    userId: user.id,
    stage,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 400) ?? null,
  });
  const view = toSessionView(deps, { id, stage, csrfToken, createdAt: now, expiresAt, user });
  return { token, csrfToken, expiresAt, view };
}

/**
 * Counts one failed sign-in (wrong password or TOTP code) under a row lock and, from the threshold on, locks
 * the account for an exponentially growing time. Returns the error to throw once the transaction commits.
 */
async function registerFailure(
  tx: DbOrTx,
  deps: AuthDeps,
  user: AuthUserRow,
  client: ClientInfo,
  action: 'auth.login-failed' | 'auth.totp-failed' | 'user.password-change-failed',
  error: AppError,
  now: Date,
): Promise<AppError> {
  await lockUserRow(tx, user.id);
  const fresh = (await findAuthUserById(tx, user.id)) ?? user;
  const failedAttempts = fresh.failedAttempts + 1;
  const seconds = lockoutSeconds(failedAttempts, deps.config);
  const lockedUntil = seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null;
  await updateUserAuthState(tx, user.id, { failedAttempts, lockedUntil, updatedAt: now });
  const who = whoOf(user, client);
  await recordAudit(tx, who, { action, entityType: 'user', entityId: user.id, after: { failedAttempts }, at: now });
  if (lockedUntil) {
    await deleteSessionsOfUser(tx, user.id);
    await recordAudit(tx, who, {
      action: 'auth.lockout',
      entityType: 'user',
      entityId: user.id,
      after: { failedAttempts, lockedUntil: lockedUntil.toISOString(), lockSeconds: seconds },
      at: now,
    });
    return lockedError(lockedUntil, now);
  }
  return error;
}

function normalizeLoginName(input: string): string {
  return input.normalize('NFC').trim().toLowerCase();
}

/**
 * Password sign-in. Unknown names cost the same argon2 time as known ones; a locked account is refused without
 * checking the password; failures count towards the lockout. On success any previous session of this browser
 * ends and a new session id is issued (no session fixation); the session may still need the TOTP step, a password
 * change or TOTP enrolment before it acts for the user.
 * @throws INVALID_CREDENTIALS, ACCOUNT_LOCKED, ACCOUNT_DISABLED
 */
export async function login(
  deps: AuthDeps,
  input: LoginRequest,
  client: ClientInfo,
  previousSessionId: string | null,
): Promise<IssuedSession> {
  const now = deps.clock.now();
  const loginName = normalizeLoginName(input.loginName);
  const user = await findAuthUserByLogin(deps.db, loginName);
  if (!user) {
    await verifyAgainstDummy(input.password, deps.config.auth.argon2);
    await recordAudit(
      deps.db,
      { userId: null, agencyId: null, ip: client.ip },
      { action: 'auth.login-failed', entityType: 'user', entityId: null, after: { loginName }, at: now },
    );
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAudit(deps.db, whoOf(user, client), {
      action: 'auth.login-refused',
      entityType: 'user',
      entityId: user.id,
      after: { reason: 'locked', lockedUntil: user.lockedUntil.toISOString() },
      at: now,
    });
    throw lockedError(user.lockedUntil, now);
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  const outcome = await deps.db.transaction(async (tx) => {
    if (!passwordOk) {
      return registerFailure(tx, deps, user, client, 'auth.login-failed', new AppError('INVALID_CREDENTIALS'), now);
    }
    if (!user.active || (user.isDemo && !deps.config.demoMode)) {
      const reason = user.active ? 'demo-account-outside-demo-mode' : 'inactive';
      await recordAudit(tx, whoOf(user, client), {
        action: 'auth.login-refused',
        entityType: 'user',
        entityId: user.id,
        after: { reason },
        at: now,
      });
      return user.active
        ? new AppError('ACCOUNT_DISABLED', 'Tài khoản mẫu chỉ dùng được khi máy chủ chạy với --demo.')
        : new AppError('ACCOUNT_DISABLED');
    }
    if (previousSessionId) {
      await deleteSession(tx, previousSessionId);
    }
    await deleteStaleSessions(tx, now, deps.config.auth.sessionIdleSeconds);
    const stage = nextStage(user, deps.config, false);
    if (stage !== 'totp') {
      // The sign-in succeeded as far as secrets go; with TOTP pending, failures keep counting until the code.
      await updateUserAuthState(tx, user.id, { failedAttempts: 0, lockedUntil: null, lastLoginAt: now });
    }
    const issued = await issueSession(tx, deps, user, stage, client, now);
    await recordAudit(tx, whoOf(user, client), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { stage, userAgent: client.userAgent?.slice(0, 200) ?? null },
      at: now,
    });
    return issued;
  });
  if (outcome instanceof AppError) {
    throw outcome;
  }
  return outcome;
}

function requireStage(session: ActiveSession | null, stages: SignInStage[]): ActiveSession {
  if (!session) {
    throw new AppError('UNAUTHENTICATED');
  }
  if (!stages.includes(session.stage)) {
    throw new AppError('FORBIDDEN', 'Bước đăng nhập này không áp dụng cho phiên hiện tại.', { stage: session.stage });
  }
  return session;
}

/**
 * Second sign-in step: checks the TOTP code (±1 step); a code already used is refused (replay), also from another
 * session; a wrong code counts towards the lockout. On success the session id changes again.
 * @throws UNAUTHENTICATED, TOTP_INVALID, ACCOUNT_LOCKED
 */
export async function completeTotp(
  deps: AuthDeps,
  current: ActiveSession | null,
  code: string,
  client: ClientInfo,
): Promise<IssuedSession> {
  const session = requireStage(current, ['totp']);
  const now = deps.clock.now();
  const user = session.user;
  if (user.lockedUntil && user.lockedUntil > now) {
    throw lockedError(user.lockedUntil, now);
  }
  const step = user.totpSecret ? verifyTotp(user.totpSecret, code, now, user.totpLastStep) : null;
  const outcome = await deps.db.transaction(async (tx) => {
    if (step === null || !(await advanceTotpStep(tx, user.id, step))) {
      return registerFailure(tx, deps, user, client, 'auth.totp-failed', new AppError('TOTP_INVALID'), now);
    }
    await updateUserAuthState(tx, user.id, { failedAttempts: 0, lockedUntil: null, lastLoginAt: now });
    await deleteSession(tx, session.id);
    const stage = nextStage(user, deps.config, true);
    const issued = await issueSession(tx, deps, user, stage, client, now);
    await recordAudit(tx, whoOf(user, client), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { stage, factor: 'totp' },
      at: now,
    });
    return issued;
  });
  if (outcome instanceof AppError) {
    throw outcome;
  }
  return outcome;
}

/**
 * Changes the signed-in user's password (also the forced change after a one-time password). The current password
 * is checked (a wrong one counts towards the lockout), the new one must pass the password rules; every other
 * session of the user ends and this one gets a new id.
 * @throws UNAUTHENTICATED, INVALID_CREDENTIALS, ACCOUNT_LOCKED, WEAK_PASSWORD
 */
export async function changePassword(
  deps: AuthDeps,
  current: ActiveSession | null,
  input: PasswordChangeRequest,
  client: ClientInfo,
): Promise<IssuedSession> {
  const session = requireStage(current, ['full', 'password-change']);
  const now = deps.clock.now();
  const user = session.user;
  if (user.lockedUntil && user.lockedUntil > now) {
    throw lockedError(user.lockedUntil, now);
  }
  const rule = checkPasswordRules(input.newPassword, user.loginName);
  if (rule) {
    throw new AppError('WEAK_PASSWORD', PASSWORD_RULE_MESSAGES[rule], { rule });
  }
  if (input.newPassword.normalize('NFC') === input.currentPassword.normalize('NFC')) {
    throw new AppError('WEAK_PASSWORD', 'Mật khẩu mới phải khác mật khẩu hiện tại.', { rule: 'same-as-current' });
  }
  const currentOk = await verifyPassword(user.passwordHash, input.currentPassword);
  const newHash = currentOk ? await hashPassword(input.newPassword, deps.config.auth.argon2) : '';
  const outcome = await deps.db.transaction(async (tx) => {
    if (!currentOk) {
      return registerFailure(
        tx,
        deps,
        user,
        client,
        'user.password-change-failed',
        new AppError('INVALID_CREDENTIALS', 'Mật khẩu hiện tại không đúng.'),
        now,
      );
    }
    await updateUserAuthState(tx, user.id, {
      passwordHash: newHash,
      mustChangePassword: false,
      passwordChangedAt: now,
      failedAttempts: 0,
      lockedUntil: null,
      updatedAt: now,
    });
    await deleteSessionsOfUser(tx, user.id);
    const updated = { ...user, mustChangePassword: false };
    // This session already passed the TOTP step if the user has one: it could not be here otherwise.
    const issued = await issueSession(tx, deps, updated, nextStage(updated, deps.config, true), client, now);
    await recordAudit(tx, whoOf(user, client), {
      action: 'user.password-change',
      entityType: 'user',
      entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false },
      at: now,
    });
    return issued;
  });
  if (outcome instanceof AppError) {
    throw outcome;
  }
  return outcome;
}

/**
 * Starts TOTP enrolment: a new secret is stored (not yet active) and returned with its otpauth:// URI. Calling it
 * again replaces the pending secret. Refused when TOTP is already on (an administrator's reset turns it off).
 * @throws UNAUTHENTICATED, CONFLICT
 */
export async function startTotpSetup(deps: AuthDeps, current: ActiveSession | null): Promise<TotpSetupResponse> {
  const session = requireStage(current, ['full', 'totp-enrol']);
  if (session.user.totpEnabled) {
    throw new AppError('CONFLICT', 'Xác thực hai lớp đã được bật cho tài khoản này.');
  }
  const secret = generateTotpSecret();
  await updateUserAuthState(deps.db, session.user.id, {
    totpSecret: secret,
    totpEnabled: false,
    totpLastStep: null,
    updatedAt: deps.clock.now(),
  });
  const accountName = session.user.loginName;
  return { secret, otpauthUri: otpauthUri(TOTP_ISSUER, accountName, secret), issuer: TOTP_ISSUER, accountName };
}

/**
 * Finishes TOTP enrolment with a code from the new secret; from now on every sign-in asks for a code. The session
 * id changes (a session in the `totp-enrol` stage becomes `full`).
 * @throws UNAUTHENTICATED, CONFLICT, TOTP_INVALID
 */
export async function enableTotp(
  deps: AuthDeps,
  current: ActiveSession | null,
  code: string,
  client: ClientInfo,
): Promise<IssuedSession> {
  const session = requireStage(current, ['full', 'totp-enrol']);
  const now = deps.clock.now();
  const fresh = await findAuthUserById(deps.db, session.user.id);
  if (!fresh?.totpSecret || fresh.totpEnabled) {
    throw new AppError('CONFLICT', 'Chưa bắt đầu thiết lập xác thực hai lớp.');
  }
  const step = verifyTotp(fresh.totpSecret, code, now, null);
  if (step === null) {
    throw new AppError('TOTP_INVALID');
  }
  return deps.db.transaction(async (tx) => {
    await updateUserAuthState(tx, fresh.id, { totpEnabled: true, totpLastStep: step, updatedAt: now });
    await deleteSessionsOfUser(tx, fresh.id);
    const updated = { ...fresh, totpEnabled: true, totpLastStep: step };
    const issued = await issueSession(tx, deps, updated, nextStage(updated, deps.config, true), client, now);
    await recordAudit(tx, whoOf(fresh, client), {
      action: 'user.totp-enable',
      entityType: 'user',
      entityId: fresh.id,
      before: { totpEnabled: false },
      after: { totpEnabled: true },
      at: now,
    });
    return issued;
  });
}

/** Ends the session (its id is deleted; the cookie no longer opens anything). Without a session it does nothing. */
export async function logout(deps: AuthDeps, session: ActiveSession | null, client: ClientInfo): Promise<void> {
  if (!session) {
    return;
  }
  await deps.db.transaction(async (tx) => {
    await deleteSession(tx, session.id);
    await recordAudit(tx, whoOf(session.user, client), {
      action: 'auth.logout',
      entityType: 'user',
      entityId: session.user.id,
      at: deps.clock.now(),
    });
  });
}

/**
 * The session a cookie token opens, or null: unknown, past its absolute end, idle too long, user deactivated, or a
 * demo account outside demo mode. A dead session is deleted. `last_seen_at` moves forward at most once a minute.
 */
export async function resolveSession(deps: AuthDeps, token: string): Promise<ActiveSession | null> {
  if (token.length < 20 || token.length > 100) {
    return null;
  }
  const id = sessionIdOf(token);
  const found = await findSessionWithUser(deps.db, id);
  if (!found) {
    return null;
  }
  const { session, user } = found;
  const now = deps.clock.now();
  const idleMs = deps.config.auth.sessionIdleSeconds * 1000;
  const dead =
    session.expiresAt <= now ||
    now.getTime() - session.lastSeenAt.getTime() > idleMs ||
    !user.active ||
    (user.isDemo && !deps.config.demoMode);
  if (dead) {
    await deleteSession(deps.db, id);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, id, now);
  }
  return {
    id,
    stage: session.stage as SignInStage,
    csrfToken: session.csrfToken,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    user,
  };
}

/**
 * Opens a `full` session for a user without the HTTP sign-in steps. Only for trusted in-process callers (the test
 * helper and the bench); no route calls it.
 */
export async function openTrustedSession(deps: AuthDeps, userId: string, client: ClientInfo): Promise<IssuedSession> {
  const user = await findAuthUserById(deps.db, userId);
  if (!user) {
    throw new AppError('NOT_FOUND');
  }
  return issueSession(deps.db, deps, user, 'full', client, deps.clock.now());
}
