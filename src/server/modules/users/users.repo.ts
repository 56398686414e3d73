import type { DbOrTx } from '@server/db/client';
import { agencies, sessions, users } from '@server/db/schema/index';
import { and, arrayContains, asc, count, eq, like, or, type SQL, sql } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect & { agencyName: string };
export type UserInsert = typeof users.$inferInsert;

const userColumns = {
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

export type UserFilter = {
  /** Restricts to one agency (the data scope of a non-standing-office caller, or a filter). */
  agencyId?: string;
  /** Search text: matched as typed (lower-case) against login names, folded against display and agency names. */
  q?: { lower: string; folded: string };
  role?: string;
  active?: boolean;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function whereOf(filter: UserFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.agencyId) {
    conditions.push(eq(users.agencyId, filter.agencyId));
  }
  if (filter.role) {
    conditions.push(arrayContains(users.roles, [filter.role]));
  }
  if (filter.active !== undefined) {
    conditions.push(eq(users.active, filter.active));
  }
  if (filter.q) {
    const lower = `%${escapeLike(filter.q.lower)}%`;
    const folded = `%${escapeLike(filter.q.folded)}%`;
    const match = or(
      like(users.loginName, lower),
      sql`unaccent(lower(${users.displayName})) like ${folded}`,
      like(agencies.nameFolded, folded),
    );
    if (match) {
      conditions.push(match);
    }
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function selectUserPage(db: DbOrTx, filter: UserFilter, limit: number, offset: number) {
  const where = whereOf(filter);
  const [total] = await db
    .select({ n: count() })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(where);
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(where)
    .orderBy(asc(agencies.name), asc(users.loginName))
    .limit(limit)
    .offset(offset);
  return { total: total?.n ?? 0, rows };
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | null> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

/** Login names starting with one of the prefixes, with their agency (for planning new names without clashes). */
export async function selectLoginNamesByPrefix(db: DbOrTx, prefixes: string[]): Promise<Map<string, string>> {
  if (prefixes.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({ loginName: users.loginName, agencyId: users.agencyId })
    .from(users)
    .where(or(...prefixes.map((p) => like(users.loginName, `${escapeLike(p)}%`))));
  return new Map(rows.map((r) => [r.loginName, r.agencyId]));
}

/** Inserts accounts; a login name that exists already is skipped. Returns the ids actually inserted. */
export async function insertUsers(db: DbOrTx, rows: UserInsert[]): Promise<string[]> {
  if (rows.length === 0) {
    return [];
  }
  const inserted = await db
    .insert(users)
    .values(rows)
    .onConflictDoNothing({ target: users.loginName })
    .returning({ id: users.id });
  return inserted.map((r) => r.id);
}

export async function updateUser(db: DbOrTx, id: string, values: Partial<UserInsert>): Promise<void> {
  await db.update(users).set(values).where(eq(users.id, id));
}

export async function deleteSessionsOfUser(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function findAgencyName(db: DbOrTx, agencyId: string): Promise<string | null> {
  const [row] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId)).limit(1);
  return row?.name ?? null;
}
