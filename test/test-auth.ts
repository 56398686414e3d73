import type { Db } from '@server/db/client';
import { agencies } from '@server/db/schema/index';
import { newId } from '@server/lib/ids';
import { hashPassword } from '@server/modules/auth/password';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@server/modules/auth/session-cookies';
import { insertUsers } from '@server/modules/users/users.repo';
import type { Role } from '@shared/contracts/auth';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';

/** The password of every account made by {@link createUser} (tests that sign in over HTTP use it). */
export const TEST_PASSWORD = 'Kiem-Thu-2025!';

// Cheap argon2id parameters: test accounts are throwaway and a test file makes dozens of them.
const TEST_ARGON2 = { memoryCost: 4096, timeCost: 1, parallelism: 1 };
let testHash: Promise<string> | undefined;

export type TestUser = { id: string; loginName: string; agencyId: string; roles: Role[] };

export type TestLogin = {
  user: TestUser;
  /** Headers for `app.inject`: the session cookie plus the CSRF header (needed on POST/PUT/PATCH/DELETE). */
  headers: { cookie: string; 'x-csrf-token': string };
  /** Only the cookie (to show that a state-changing request without the CSRF header is refused). */
  cookieHeader: { cookie: string };
  sessionToken: string;
  csrfToken: string;
};

let counter = 0;

/** The id of an agency of the reference register, by its exact name ("Bộ Công an", "Tỉnh Hà Tĩnh"). */
export async function agencyIdByName(db: Db, name: string): Promise<string> {
  const [row] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, name)).limit(1);
  if (!row) {
    throw new Error(`no agency named ${name} in the test register`);
  }
  return row.id;
}

/**
 * Inserts an active account (password {@link TEST_PASSWORD}, no forced change, no TOTP). Options let a test ask
 * for the states it exercises (TOTP secret, forced change, demo flag).
 */
export async function createUser(
  db: Db,
  options: {
    role?: Role;
    roles?: Role[];
    agencyId: string;
    loginName?: string;
    mustChangePassword?: boolean;
    totpSecret?: string;
    isDemo?: boolean;
  },
): Promise<TestUser> {
  counter += 1;
  testHash ??= hashPassword(TEST_PASSWORD, TEST_ARGON2);
  const roles = options.roles ?? [options.role ?? 'reporter'];
  const user: TestUser = {
    id: newId(),
    loginName: options.loginName ?? `test.${roles[0]}.${process.pid}.${counter}`,
    agencyId: options.agencyId,
    roles,
  };
  await insertUsers(db, [
    {
      id: user.id,
      loginName: user.loginName,
      displayName: `Người dùng thử ${counter}`,
      agencyId: user.agencyId,
      roles,
      passwordHash: await testHash,
      mustChangePassword: options.mustChangePassword ?? false,
      isDemo: options.isDemo ?? false,
      ...(options.totpSecret ? { totpSecret: options.totpSecret, totpEnabled: true } : {}),
    },
  ]);
  return user;
}

/** Cookie and CSRF headers for a session token pair. */
export function sessionHeaders(sessionToken: string, csrfToken: string): TestLogin['headers'] {
  return { cookie: `${SESSION_COOKIE}=${sessionToken}; ${CSRF_COOKIE}=${csrfToken}`, [CSRF_HEADER]: csrfToken };
}

/**
 * Creates a user with one role for an agency and a signed-in session for it, without going through the HTTP
 * sign-in steps (those are tested in auth.db.test.ts): use `login.headers` on `app.inject` to call protected
 * routes. The session is created with the app's own clock, so it is fresh whatever clock the test app uses.
 */
export async function createUserAndLogin(
  app: FastifyInstance,
  db: Db,
  options: { role: Role; agencyId: string; loginName?: string },
): Promise<TestLogin> {
  const user = await createUser(db, options);
  const issued = await app.auth.openTrustedSession(user.id);
  const headers = sessionHeaders(issued.token, issued.csrfToken);
  return {
    user,
    headers,
    cookieHeader: { cookie: headers.cookie },
    sessionToken: issued.token,
    csrfToken: issued.csrfToken,
  };
}
