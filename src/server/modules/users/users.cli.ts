import type { CliCommand } from '@server/cli/cli-context';
import { AppError } from '@server/lib/app-error';
import { systemClock } from '@server/lib/clock';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import { ensureReferenceAgencies } from '@server/modules/demo/reference-data';
import { LoginNameSchema, ROLE_LABELS, RoleSchema } from '@shared/contracts/auth';
import { businessDateOf } from '@shared/lib/vn-format';
import { createUserFromCli } from './users.service';

const USAGE =
  'tiendo users create LOGIN --role admin|standing-office|reporter|leader|viewer --agency "TÊN CƠ QUAN" [--name "HỌ TÊN"] [--json]';

type CreateArgs = { loginName: string; role: string; agency: string; name: string | undefined };

/** Parses `LOGIN --role R --agency NAME [--name NAME]` (also `--x=value`). Returns an error message instead of throwing. */
export function parseCreateArgs(args: string[]): CreateArgs | string {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!['--role', '--agency', '--name'].includes(flag)) {
      return `Tùy chọn không hợp lệ: ${flag}`;
    }
    const value = inline ?? args[++i];
    if (value === undefined) {
      return `Thiếu giá trị cho ${flag}`;
    }
    flags[flag.slice(2)] = value;
  }
  const [loginName, ...rest] = positional;
  if (!loginName || rest.length > 0) {
    return 'Cần đúng một tên đăng nhập.';
  }
  if (!flags.role || !flags.agency) {
    return 'Cần --role và --agency.';
  }
  return { loginName, role: flags.role, agency: flags.agency, name: flags.name };
}

/**
 * `tiendo users create`: makes an account from the server's shell, typically the first administrator of a new
 * installation, and prints its one-time password (shown once; changed at first sign-in).
 */
export const usersCreateCommand: CliCommand = {
  name: 'users create',
  summary: 'Tạo tài khoản từ dòng lệnh (ví dụ quản trị viên đầu tiên); in mật khẩu dùng một lần',
  usage: USAGE,
  async run(ctx, args) {
    const fail = (code: string, message: string, exitCode: number) => {
      if (ctx.json) {
        ctx.io.out(JSON.stringify({ ok: false, error: { code, message } }));
      } else {
        ctx.io.err(`${message}${code === 'USAGE' ? `\nCách dùng: ${USAGE}` : ''}`);
      }
      return exitCode;
    };
    const parsed = parseCreateArgs(args);
    if (typeof parsed === 'string') {
      return fail('USAGE', parsed, 2);
    }
    const login = LoginNameSchema.safeParse(parsed.loginName);
    const role = RoleSchema.safeParse(parsed.role);
    if (!login.success) {
      return fail('USAGE', `Tên đăng nhập không hợp lệ: ${parsed.loginName}`, 2);
    }
    if (!role.success) {
      return fail('USAGE', `Vai trò không hợp lệ: ${parsed.role}`, 2);
    }
    const handle = await ctx.openMigratedDatabase();
    try {
      await ensureReferenceAgencies(handle.db);
      const today = businessDateOf(new Date());
      const resolver = createAgencyResolver(await loadAgencyRegisterSnapshot(handle.db), { today: () => today });
      const agency = resolver.resolve(parsed.agency, today).agency;
      if (!agency) {
        return fail('UNKNOWN_AGENCY', `Không tìm thấy cơ quan: ${parsed.agency}`, 1);
      }
      const created = await createUserFromCli(
        { db: handle.db, clock: systemClock, config: ctx.config },
        {
          loginName: login.data,
          displayName: parsed.name ?? `${ROLE_LABELS[role.data]} — ${agency.name}`,
          agencyId: agency.id,
          roles: [role.data],
        },
      );
      ctx.print({ ok: true, ...created }, () =>
        [
          `Đã tạo tài khoản ${created.user.loginName} (${ROLE_LABELS[role.data]}, ${agency.name}).`,
          `Mật khẩu dùng một lần: ${created.oneTimePassword}`,
          'Mật khẩu chỉ hiển thị lần này; người dùng phải đổi mật khẩu ở lần đăng nhập đầu.',
        ].join('\n'),
      );
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        return fail(error.code, error.message, 1);
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
