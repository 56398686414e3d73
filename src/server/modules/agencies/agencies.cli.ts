import type { CliCommand, CliContext } from '@server/cli/cli-context';
import { AGENCY_KIND_LABELS, type AgencyKind, AgencyKindSchema } from '@shared/contracts/agencies';
import { businessDateOf, formatIsoDate } from '@shared/lib/vn-format';
import { loadReferenceAgencies } from './agencies.service';
import {
  type AgencyRegisterSnapshot,
  buildAgencyRegisterSnapshotFromReference,
  createAgencyResolver,
  loadAgencyRegisterSnapshot,
} from './agency-resolver';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

class UsageError extends Error {}

type ParsedArgs = { positional: string[]; asOf?: string; kind?: AgencyKind; dryRun: boolean };

/** Parses `--as-of DATE`, `--kind K`, `--dry-run` (also `--x=value`); anything else starting with "--" is an error. */
function parseArgs(args: string[], allowed: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], dryRun: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      out.positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!allowed.includes(flag)) {
      throw new UsageError(`Tùy chọn không hợp lệ: ${flag}`);
    }
    if (flag === '--dry-run') {
      out.dryRun = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) {
      throw new UsageError(`Thiếu giá trị cho ${flag}`);
    }
    if (flag === '--as-of') {
      if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
        throw new UsageError(`Ngày không hợp lệ (cần YYYY-MM-DD): ${value}`);
      }
      out.asOf = value;
    } else if (flag === '--kind') {
      const kind = AgencyKindSchema.safeParse(value);
      if (!kind.success) {
        throw new UsageError(`Loại cơ quan không hợp lệ: ${value} (${AgencyKindSchema.options.join(', ')})`);
      }
      out.kind = kind.data;
    }
  }
  return out;
}

/** Runs a command body, turning usage errors into exit code 2 with the usage line. */
async function withUsage(ctx: CliContext, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      if (ctx.json) {
        ctx.io.out(JSON.stringify({ ok: false, error: { code: 'USAGE', message: error.message } }));
      } else {
        ctx.io.err(`${error.message}\nCách dùng: ${usage}`);
      }
      return 2;
    }
    throw error;
  }
}

/** The register in the database; the shipped reference data when nothing has been loaded yet. */
async function readSnapshot(ctx: CliContext): Promise<AgencyRegisterSnapshot> {
  const handle = await ctx.openMigratedDatabase();
  try {
    const snapshot = await loadAgencyRegisterSnapshot(handle.db);
    return snapshot.agencies.length > 0 ? snapshot : buildAgencyRegisterSnapshotFromReference();
  } finally {
    await handle.close();
  }
}

const RESOLVE_USAGE = 'tiendo agencies resolve NAME… [--as-of YYYY-MM-DD] [--json]';

export const agenciesResolveCommand: CliCommand = {
  name: 'agencies resolve',
  summary: 'Tra cứu tên cơ quan (tên viết tắt, tên cũ, nhóm "các bộ, ngành, địa phương") theo ngày',
  usage: RESOLVE_USAGE,
  run: (ctx, args) =>
    withUsage(ctx, RESOLVE_USAGE, async () => {
      const parsed = parseArgs(args, ['--as-of']);
      if (parsed.positional.length === 0) {
        throw new UsageError('Cần ít nhất một tên cơ quan.');
      }
      const asOf = parsed.asOf ?? businessDateOf(new Date());
      const resolver = createAgencyResolver(await readSnapshot(ctx));
      const results = parsed.positional.map((name) => {
        const r = resolver.resolve(name, asOf);
        return { input: r.input, agency: r.agency, group: r.group ? r.group.members.map((m) => m.name) : null };
      });
      ctx.print(results, () =>
        results
          .map((r) => {
            if (r.agency) {
              const today = resolver.rollUp(r.agency.id).filter((a) => a.id !== r.agency?.id);
              const now = today.length > 0 ? `; nay: ${today.map((a) => a.name).join(', ')}` : '';
              return `${r.input} → ${r.agency.name} (${AGENCY_KIND_LABELS[r.agency.kind]}${now})`;
            }
            if (r.group) {
              return `${r.input} → nhóm ${r.group.length} cơ quan tại ngày ${formatIsoDate(asOf)}`;
            }
            return `${r.input} → không xác định`;
          })
          .join('\n'),
      );
      // An unknown name is an answer (agency: null), not a failure.
      return 0;
    }),
};

const LIST_USAGE = `tiendo agencies list [--kind ${AgencyKindSchema.options.join('|')}] [--as-of YYYY-MM-DD] [--json]`;

export const agenciesListCommand: CliCommand = {
  name: 'agencies list',
  summary: 'Danh sách cơ quan có hiệu lực tại một ngày',
  usage: LIST_USAGE,
  run: (ctx, args) =>
    withUsage(ctx, LIST_USAGE, async () => {
      const parsed = parseArgs(args, ['--as-of', '--kind']);
      if (parsed.positional.length > 0) {
        throw new UsageError(`Tham số thừa: ${parsed.positional.join(' ')}`);
      }
      const asOf = parsed.asOf ?? businessDateOf(new Date());
      const resolver = createAgencyResolver(await readSnapshot(ctx));
      const items = resolver.list(asOf, parsed.kind).map((a) => ({
        id: a.id,
        name: a.name,
        shortName: a.shortName,
        kind: a.kind,
        parentId: a.parentId,
        code: a.code,
        validFrom: a.validFrom,
        validTo: a.validTo,
      }));
      ctx.print(items, () =>
        [
          ...items.map((a) => `${a.code ? `${a.code.padEnd(6)} ` : ''}${a.name} (${AGENCY_KIND_LABELS[a.kind]})`),
          `Tổng: ${items.length} cơ quan tại ngày ${formatIsoDate(asOf)}.`,
        ].join('\n'),
      );
      return 0;
    }),
};

const LOAD_USAGE = 'tiendo agencies load-reference [--dry-run] [--json]';

export const agenciesLoadReferenceCommand: CliCommand = {
  name: 'agencies load-reference',
  summary: 'Nạp danh mục cơ quan chuẩn (34 tỉnh, 3.321 xã, bộ ngành sau sắp xếp 2025); chạy lại không đổi gì',
  usage: LOAD_USAGE,
  run: (ctx, args) =>
    withUsage(ctx, LOAD_USAGE, async () => {
      const parsed = parseArgs(args, ['--dry-run']);
      if (parsed.positional.length > 0) {
        throw new UsageError(`Tham số thừa: ${parsed.positional.join(' ')}`);
      }
      const handle = await ctx.openMigratedDatabase();
      try {
        const result = await loadReferenceAgencies(handle.db, { dryRun: parsed.dryRun });
        ctx.print(
          result,
          () =>
            `${result.dryRun ? 'Chạy thử (không ghi): ' : ''}thêm ${result.created}, cập nhật ${result.updated}, ` +
            `giữ nguyên ${result.unchanged} cơ quan; ${result.aliases} tên gọi khác, ${result.groups} nhóm, ` +
            `${result.successions} quan hệ kế thừa được ghi.`,
        );
        return 0;
      } finally {
        await handle.close();
      }
    }),
};
