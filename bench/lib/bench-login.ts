import { loadConfig } from '@server/config/env';
import { migrateDatabase, openDatabase } from '@server/db/client';
import { agencies, users } from '@server/db/schema/index';
import { newId } from '@server/lib/ids';
import { hashPassword } from '@server/modules/auth/password';
import type { Role } from '@shared/contracts/auth';
import { inArray } from 'drizzle-orm';

export type BenchAccount = { loginName: string; password: string };

export const BENCH_PASSWORD = 'Bench-Password-2025!';

/**
 * Makes sure `count` accounts `bench.<role>.<n>` exist in a data dir (not open in any other process), hashed with
 * the product's argon2id settings, no forced password change, no TOTP (role `viewer` by default, which needs none).
 * Adds one agency when the register is empty, so the accounts have one to belong to.
 */
export async function ensureBenchAccounts(
  dataDir: string,
  options: { count?: number; role?: Role } = {},
): Promise<BenchAccount[]> {
  const count = options.count ?? 1;
  const role = options.role ?? 'viewer';
  const wanted = Array.from({ length: count }, (_, i) => `bench.${role}.${i + 1}`);
  const handle = await openDatabase({ dataDir });
  try {
    await migrateDatabase(handle);
    let [agency] = await handle.db.select({ id: agencies.id }).from(agencies).limit(1);
    if (!agency) {
      agency = { id: newId() };
      await handle.db
        .insert(agencies)
        .values({ id: agency.id, name: 'Cơ quan đo hiệu năng', kind: 'other', nameFolded: 'co quan do hieu nang' });
    }
    const existing = await handle.db
      .select({ loginName: users.loginName })
      .from(users)
      .where(inArray(users.loginName, wanted));
    const have = new Set(existing.map((r) => r.loginName));
    const hash = await hashPassword(BENCH_PASSWORD, loadConfig({ dataDir }).auth.argon2);
    const missing = wanted.filter((name) => !have.has(name));
    if (missing.length > 0) {
      await handle.db.insert(users).values(
        missing.map((loginName) => ({
          id: newId(),
          loginName,
          displayName: `Tài khoản đo hiệu năng ${loginName}`,
          agencyId: agency.id,
          roles: [role],
          passwordHash: hash,
          mustChangePassword: false,
        })),
      );
    }
    return wanted.map((loginName) => ({ loginName, password: BENCH_PASSWORD }));
  } finally {
    await handle.close();
  }
}

/** Signs in over HTTP and returns the headers for later requests (cookie, and the CSRF token for writes). */
export async function signIn(
  baseUrl: string,
  account: BenchAccount,
): Promise<{ cookie: string; csrfToken: string; status: number }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  const body = (await res.json()) as { csrfToken?: string; stage?: string };
  if (res.status !== 200 || body.stage !== 'full') {
    throw new Error(`sign-in as ${account.loginName} → ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrfToken: body.csrfToken ?? '', status: res.status };
}
