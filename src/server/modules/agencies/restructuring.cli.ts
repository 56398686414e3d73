import type { CliCommand, CliContext } from '@server/cli/cli-context';
import type { Db } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import { systemClock } from '@server/lib/clock';
import {
  type RestructuringApplyResponse,
  type RestructuringInput,
  RestructuringKindSchema,
  type RestructuringPreview,
  type SuccessorInput,
} from '@shared/contracts/restructuring';
import { addDaysIso } from '@shared/lib/calendar';
import { formatIsoDate } from '@shared/lib/vn-format';
import { foldText } from '@shared/lib/vn-text';
import { createAgencyResolver, isAgencyValidOn, loadAgencyRegisterSnapshot } from './agency-resolver';
import { createRestructuring, findRestructuringFor, previewRestructuring } from './restructuring.service';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const USAGE =
  'tiendo agencies restructure --kind merge|split|rename|move --from ID[,ID…] --into TÊN_HOẶC_ID [--into …] ' +
  '--effective YYYY-MM-DD --basis "Nghị quyết 202/2025/QH15" [--basis-date YYYY-MM-DD] [--parent ID] ' +
  '[--default-successor N] [--draft] [--dry-run] [--json]';

class UsageError extends Error {}

type ParsedArgs = {
  kind: RestructuringInput['kind'];
  from: string[];
  into: string[];
  effective: string;
  basis: string;
  basisDate?: string;
  parent?: string;
  defaultSuccessor?: number;
  draft: boolean;
  dryRun: boolean;
};

const VALUE_FLAGS = [
  '--kind',
  '--from',
  '--into',
  '--effective',
  '--basis',
  '--basis-date',
  '--parent',
  '--default-successor',
] as const;

function isoDate(flag: string, value: string): string {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`${flag}: ngày không hợp lệ (cần YYYY-MM-DD): ${value}`);
  }
  return value;
}

/** "Nghị quyết 202/2025/QH15 ngày 12/6/2025" → 2025-06-12. */
function dateInBasis(basis: string): string | undefined {
  const m = /ngay (\d{1,2}) (\d{1,2}) (\d{4})\b/.exec(foldText(basis));
  if (!m) {
    return undefined;
  }
  const iso = `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? undefined : iso;
}

export function parseRestructureArgs(args: string[]): ParsedArgs {
  const values = new Map<string, string[]>();
  let draft = false;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      throw new UsageError(`Tham số thừa: ${arg}`);
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--dry-run') {
      dryRun = true;
      continue;
    }
    if (flag === '--draft') {
      draft = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new UsageError(`Tùy chọn không hợp lệ: ${flag}`);
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.trim() === '') {
      throw new UsageError(`Thiếu giá trị cho ${flag}`);
    }
    values.set(flag, [...(values.get(flag) ?? []), value.trim()]);
  }
  const one = (flag: string): string | undefined => {
    const list = values.get(flag) ?? [];
    if (list.length > 1) {
      throw new UsageError(`${flag} chỉ được nêu một lần.`);
    }
    return list[0];
  };
  const kind = RestructuringKindSchema.safeParse(one('--kind'));
  if (!kind.success) {
    throw new UsageError(`--kind phải là một trong: ${RestructuringKindSchema.options.join(', ')}`);
  }
  const from = values.get('--from') ?? [];
  const into = values.get('--into') ?? [];
  const effective = one('--effective');
  const basis = one('--basis');
  if (from.length === 0 || into.length === 0 || !effective || !basis) {
    throw new UsageError('Cần --from, --into, --effective và --basis.');
  }
  const basisDate = one('--basis-date');
  const parent = one('--parent');
  const defaultSuccessor = one('--default-successor');
  if (defaultSuccessor !== undefined && !/^\d+$/.test(defaultSuccessor)) {
    throw new UsageError('--default-successor là số thứ tự (từ 0) của cơ quan trong các --into.');
  }
  const inferredDate = basisDate ? isoDate('--basis-date', basisDate) : dateInBasis(basis);
  return {
    kind: kind.data,
    from,
    into,
    effective: isoDate('--effective', effective),
    basis,
    ...(inferredDate ? { basisDate: inferredDate } : {}),
    ...(parent ? { parent } : {}),
    ...(defaultSuccessor !== undefined ? { defaultSuccessor: Number(defaultSuccessor) } : {}),
    draft,
    dryRun,
  };
}

/**
 * Turns the command line into an event: `--from` takes agency ids (comma-separated or repeated) or one name
 * resolved as of the day before the effective date; `--into` is an agency id, the name of an agency that exists on
 * the effective date (it absorbs the predecessors), or the name of a new agency the event creates.
 */
async function toInput(db: Db, parsed: ParsedArgs): Promise<RestructuringInput> {
  const resolver = createAgencyResolver(await loadAgencyRegisterSnapshot(db));
  const lastDay = addDaysIso(parsed.effective, -1);
  const predecessorIds: string[] = [];
  for (const value of parsed.from) {
    const tokens = value.split(',').map((t) => t.trim());
    if (tokens.every((t) => resolver.getAgency(t))) {
      predecessorIds.push(...tokens);
      continue;
    }
    const found = resolver.resolve(value, lastDay).agency;
    if (!found) {
      throw new UsageError(`--from: không tìm thấy cơ quan "${value}".`);
    }
    predecessorIds.push(found.id);
  }
  const base = {
    kind: parsed.kind,
    effectiveOn: parsed.effective,
    legalBasis: { number: parsed.basis, ...(parsed.basisDate ? { date: parsed.basisDate } : {}) },
    predecessorIds,
    ...(parsed.parent ? { newParentId: parsed.parent } : {}),
    ...(parsed.defaultSuccessor !== undefined ? { transfers: { defaultSuccessor: parsed.defaultSuccessor } } : {}),
  };
  // Run again after it was applied, a new successor's name finds the agency the run created: the event recorded
  // with that name as a new agency is the one meant.
  const asNew: RestructuringInput = {
    ...base,
    successors: parsed.into.map((value) =>
      resolver.getAgency(value) ? { agencyId: value } : { newAgency: { name: value } },
    ),
  };
  if (await findRestructuringFor(db, asNew)) {
    return asNew;
  }
  const successors: SuccessorInput[] = parsed.into.map((value) => {
    if (resolver.getAgency(value)) {
      return { agencyId: value };
    }
    const found = resolver.resolve(value, parsed.effective).agency;
    const agency = found ? resolver.getAgency(found.id) : undefined;
    if (agency && isAgencyValidOn(agency, parsed.effective) && !predecessorIds.includes(agency.id)) {
      return { agencyId: agency.id };
    }
    return { newAgency: { name: value } };
  });
  return { ...base, successors };
}

function describePreview(p: RestructuringPreview): string {
  const lines = [
    `Chạy thử (không ghi): ${p.predecessors.map((a) => a.name).join(', ')} → ${p.successors
      .map((s) => `${s.name}${s.isNew ? ' (mới)' : ''}`)
      .join(', ')}, hiệu lực ${formatIsoDate(p.effectiveOn)} theo ${p.legalBasis.number}.`,
  ];
  for (const item of p.perPredecessor) {
    const moved = item.transfers.map((t) => `${t.count} → ${t.successor.name}`).join('; ');
    lines.push(
      `- ${item.predecessor.name}: chuyển ${moved || '0'}; giữ lại ${item.completed.count} đã hoàn thành` +
        (item.untransferred.count > 0 ? `; ${item.untransferred.count} chưa chỉ định cơ quan nhận` : '') +
        (item.children > 0 ? `; ${item.children} đơn vị trực thuộc giữ nguyên` : '') +
        '.',
    );
  }
  lines.push(
    `Tài khoản chuyển: ${p.counts.usersMoved}; giữ lại: ${p.counts.usersStaying}; tên gọi thêm: ${p.counts.aliasesAdded}.`,
  );
  return lines.join('\n');
}

function describeApplied(r: RestructuringApplyResponse): string {
  const c = r.event.counts;
  if (r.alreadyApplied) {
    return `Sự kiện ${r.event.id} đã được áp dụng trước đó; không thay đổi gì.`;
  }
  if (!c) {
    return `Đã ghi nhận bản nháp ${r.event.id}.`;
  }
  return (
    `Đã áp dụng sự kiện ${r.event.id}: chuyển ${c.transferred} nhiệm vụ đang thực hiện, giữ lại ${c.completedStaying} ` +
    `đã hoàn thành, chuyển ${c.usersMoved} tài khoản, thêm ${c.aliasesAdded} tên gọi.`
  );
}

export const agenciesRestructureCommand: CliCommand = {
  name: 'agencies restructure',
  summary: 'Ghi nhận và áp dụng sự kiện sắp xếp cơ quan (hợp nhất, chia tách, đổi tên, chuyển trực thuộc)',
  usage: USAGE,
  async run(ctx: CliContext, args: string[]): Promise<number> {
    let parsed: ParsedArgs;
    try {
      parsed = parseRestructureArgs(args);
    } catch (error) {
      if (error instanceof UsageError) {
        if (ctx.json) {
          ctx.io.out(JSON.stringify({ ok: false, error: { code: 'USAGE', message: error.message } }));
        } else {
          ctx.io.err(`${error.message}\nCách dùng: ${USAGE}`);
        }
        return 2;
      }
      throw error;
    }
    const handle = await ctx.openMigratedDatabase();
    try {
      const deps = { db: handle.db, clock: systemClock };
      const input = await toInput(handle.db, parsed);
      if (parsed.dryRun) {
        const preview = await previewRestructuring(deps, null, input);
        ctx.print(preview, () => describePreview(preview));
        return 0;
      }
      const result = await createRestructuring(deps, null, { ...input, mode: parsed.draft ? 'draft' : 'apply' });
      ctx.print(result, () => describeApplied(result));
      return 0;
    } catch (error) {
      if (error instanceof UsageError || (error instanceof AppError && error.status < 500)) {
        const code = error instanceof AppError ? error.code : 'USAGE';
        const details = error instanceof AppError ? error.details : undefined;
        if (ctx.json) {
          ctx.io.out(JSON.stringify({ ok: false, error: { code, message: error.message, details } }));
        } else {
          ctx.io.err(error.message);
        }
        return error instanceof UsageError ? 2 : 1;
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
