import type { DbOrTx } from '@server/db/client';
import { newId } from '@server/lib/ids';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import { recordAudit } from '@server/modules/audit/audit.service';
import { type Argon2Params, hashPassword } from '@server/modules/auth/password';
import type { Role } from '@shared/contracts/auth';
import { businessDateOf } from '@shared/lib/vn-format';
import { insertUsers } from './users.repo';

/** The password of every demo account (docs/demo-accounts.md). Demo accounts sign in only under `serve --demo`. */
export const DEMO_PASSWORD = 'Demo@2025';

export type DemoAccount = { loginName: string; displayName: string; role: Role; agencyName: string };

/** One account per role, for the agencies the seed documents talk about (docs/demo-accounts.md lists them). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { loginName: 'admin', displayName: 'Quản trị hệ thống (mẫu)', role: 'admin', agencyName: 'Bộ Khoa học và Công nghệ' },
  {
    loginName: 'thuongtruc',
    displayName: 'Cán bộ Thường trực (mẫu)',
    role: 'standing-office',
    agencyName: 'Bộ Khoa học và Công nghệ',
  },
  {
    loginName: 'baocao.bocongan',
    displayName: 'Cán bộ báo cáo Bộ Công an (mẫu)',
    role: 'reporter',
    agencyName: 'Bộ Công an',
  },
  {
    loginName: 'lanhdao.bocongan',
    displayName: 'Lãnh đạo Bộ Công an (mẫu)',
    role: 'leader',
    agencyName: 'Bộ Công an',
  },
  {
    loginName: 'baocao.hatinh',
    displayName: 'Cán bộ báo cáo UBND tỉnh Hà Tĩnh (mẫu)',
    role: 'reporter',
    agencyName: 'Tỉnh Hà Tĩnh',
  },
  {
    loginName: 'lanhdao.hatinh',
    displayName: 'Lãnh đạo UBND tỉnh Hà Tĩnh (mẫu)',
    role: 'leader',
    agencyName: 'Tỉnh Hà Tĩnh',
  },
  {
    loginName: 'xem',
    displayName: 'Thành viên Ban Chỉ đạo (mẫu, chỉ xem)',
    role: 'viewer',
    agencyName: 'Ban Chỉ đạo Trung ương',
  },
];

/** The argon2 cost for demo accounts: the product default (the password is public anyway). */
const DEMO_ARGON2: Argon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * Creates the demo accounts that do not exist yet (by login name; an account changed or deactivated by hand is
 * left alone). They are flagged `is_demo`: they can sign in only while the server runs with `--demo`, and then
 * need neither a password change nor TOTP. Returns the login names created. Needs the agency register loaded.
 */
export async function ensureDemoAccounts(db: DbOrTx, options: { now?: Date } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const today = businessDateOf(now);
  const resolver = createAgencyResolver(await loadAgencyRegisterSnapshot(db), { today: () => today });
  const passwordHash = await hashPassword(DEMO_PASSWORD, DEMO_ARGON2);
  const rows = DEMO_ACCOUNTS.flatMap((account) => {
    const agency = resolver.resolve(account.agencyName, today).agency;
    if (!agency) {
      return [];
    }
    return [
      {
        id: newId(),
        loginName: account.loginName,
        displayName: account.displayName,
        agencyId: agency.id,
        roles: [account.role],
        passwordHash,
        mustChangePassword: false,
        isDemo: true,
        createdAt: now,
        updatedAt: now,
      },
    ];
  });
  const insertedIds = new Set(await insertUsers(db, rows));
  const created = rows.filter((r) => insertedIds.has(r.id));
  for (const row of created) {
    await recordAudit(db, null, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: { loginName: row.loginName, agencyId: row.agencyId, roles: row.roles, demo: true },
      at: now,
    });
  }
  return created.map((r) => r.loginName);
}
