import type { DbOrTx } from '@server/db/client';
import { agencies, sessions, users } from '@server/db/schema/index';
import { and, eq, lt, ne, or, sql } from 'drizzle-orm';

// Sign-in reads and writes on users and sessions. Account administration (list, create, roles) lives in
// users.repo.ts; this file holds only what authentication itself needs.

export type AuthUserRow = typeof users.$inferSelect & { agencyName: string };
export type SessionRow = typeof sessions.$inferSelect;

const authUserColumns = {
  id: users.id,
  loginName: users.loginName,
  displayName: users.displayName,
  email: users.email,
  agencyId: users.agencyId,
  roles: users.roles,
  passwordHash: users.passwordHash,
  mustChangePassword: users.mustChangePassword,
  active: users.active,
  isDemo: users.isDemo,
  totpSecret: users.totpSecret,
  totpEnabled: users.totpEnabled,
  totpLastStep: users.totpLastStep,
  failedAttempts: users.failedAttempts,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  passwordChangedAt: users.passwordChangedAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  agencyName: agencies.name,
};

export async function findAuthUserByLogin(db: DbOrTx, loginName: string): Promise<AuthUserRow | null> {
  const [row] = await db
    .select(authUserColumns)
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.loginName, loginName))
    .limit(1);
  return row ?? null;
}

export async function findAuthUserById(db: DbOrTx, userId: string): Promise<AuthUserRow | null> {
  const [row] = await db
    .select(authUserColumns)
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

/** Locks the user row for the rest of the transaction, so two concurrent failures both count. */
export async function lockUserRow(db: DbOrTx, userId: string): Promise<void> {
  await db.execute(sql`select 1 from ${users} where ${users.id} = ${userId} for update`);
}

export async function updateUserAuthState(
  db: DbOrTx,
  userId: string,
  values: Partial<
    Pick<
      typeof users.$inferInsert,
      | 'failedAttempts'
      | 'lockedUntil'
      | 'lastLoginAt'
      | 'passwordHash'
      | 'mustChangePassword'
      | 'passwordChangedAt'
      | 'totpSecret'
      | 'totpEnabled'
      | 'totpLastStep'
      | 'updatedAt'
    >
  >,
): Promise<void> {
  await db.update(users).set(values).where(eq(users.id, userId));
}

/**
 * Moves the last-used TOTP step forward only if it is still behind `step`: of two concurrent requests with
 * the same code, exactly one wins. Returns whether this one did.
 */
export async function advanceTotpStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(sql`${users.totpLastStep} is null`, lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return updated.length === 1;
}

export async function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

export type SessionWithUser = { session: SessionRow; user: AuthUserRow };

export async function findSessionWithUser(db: DbOrTx, sessionId: string): Promise<SessionWithUser | null> {
  const [row] = await db
    .select({ session: sessions, user: authUserColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row ?? null;
}

export async function touchSession(db: DbOrTx, sessionId: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, except `keepSessionId` when given. */
export async function deleteSessionsOfUser(db: DbOrTx, userId: string, keepSessionId?: string): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(
      keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId),
    )
    .returning({ id: sessions.id });
  return deleted.length;
}

/** Removes sessions past their absolute end or idle for longer than `idleSeconds`. */
export async function deleteStaleSessions(db: DbOrTx, now: Date, idleSeconds: number): Promise<void> {
  const idleBefore = new Date(now.getTime() - idleSeconds * 1000);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)));
}
