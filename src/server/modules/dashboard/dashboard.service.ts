import type { Db } from '@server/db/client';
import type { FileStorage } from '@server/lib/file-storage';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import { evaluateIndicators } from '@server/modules/indicators/evaluate-indicators';
import { getReportingCompliance } from '@server/modules/reporting/reporting.service';
import { listSnapshotTrend, previousPeriod } from '@server/modules/snapshots/snapshots.service';
import { evaluateScope, resolveDirective } from '@server/modules/status/status.service';
import type { Dashboard, DashboardQuery, DashboardStatusRow, Drill } from '@shared/contracts/reports';
import { BLOC_LABELS, blocOfKind } from '@shared/domain/indicator-evaluation';
import { STATUS_CATEGORIES, type StatusCategory } from '@shared/domain/task-status';
import { addDaysIso } from '@shared/lib/calendar';
import { selectAgencyKinds, selectCoordinatorAssignments, selectDirectiveLabels } from './dashboard.repo';

export type DashboardDeps = { db: Db; storage: FileStorage; clock: { now: () => Date } };

type Counts = Record<StatusCategory, number>;
const emptyCounts = (): Counts => Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, 0])) as Counts;
const OPEN = new Set<string>(['inProgress', 'overdue']);
/** The directives with the most tasks; the status page lists every directive. */
const MAX_DIRECTIVE_ROWS = 50;

function statusRow(key: string, name: string, counts: Counts, drill: Omit<Drill, 'category'>): DashboardStatusRow {
  const total = STATUS_CATEGORIES.reduce((n, c) => n + counts[c], 0);
  const cells = Object.fromEntries(
    STATUS_CATEGORIES.map((c) => [
      c,
      {
        count: counts[c],
        share: total === 0 ? 0 : Math.round((1000 * counts[c]) / total) / 10,
        drill: { ...drill, category: c },
      },
    ]),
  ) as DashboardStatusRow['cells'];
  return { key, name, total, cells };
}

/**
 * The leaders' live overview as of a date: task counts and shares (overall, by directive, by agency group), the trend
 * over snapshots, the overdue league table by agency, agencies that have not reported this period, tasks due in the
 * next 7/30 days and indicator achievement. Every number carries the filter (`drill`) that lists the tasks behind
 * it. `role` counts lead assignments (judged per lead) or coordinator assignments (judged by their task);
 * `agencyMode: 'rolled-up'` counts agencies that were merged under today's successor. Throws NOT_FOUND for an
 * unknown directive.
 */
export async function getDashboard(
  deps: DashboardDeps,
  query: DashboardQuery & { asOf: string; today: string },
): Promise<Dashboard> {
  const started = performance.now();
  const { asOf } = query;
  const directive = query.directiveId ? await resolveDirective(deps.db, query.directiveId) : null;
  const directiveId = directive?.id ?? null;
  const [evaluations, agencies, directives, coordinators, trendRows] = await Promise.all([
    evaluateScope({ db: deps.db, storage: deps.storage }, { directiveId }, asOf),
    selectAgencyKinds(deps.db),
    selectDirectiveLabels(deps.db),
    query.role === 'coordinator' ? selectCoordinatorAssignments(deps.db, directiveId) : Promise.resolve([]),
    listSnapshotTrend(deps.db, asOf, 12),
  ]);
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  const directiveName = new Map(directives.map((d) => [d.id, d.name]));
  const resolver =
    query.agencyMode === 'rolled-up' ? createAgencyResolver(await loadAgencyRegisterSnapshot(deps.db)) : null;
  const canonical = (agencyId: string): string => {
    if (!resolver) {
      return agencyId;
    }
    const successors = resolver.rollUp(agencyId, query.today);
    return successors.length === 1 && successors[0] ? successors[0].id : agencyId;
  };
  const base = { asOf, ...(directiveId ? { directiveId } : {}) };

  const totals = emptyCounts();
  const perDirective = new Map<string, Counts>();
  const taskCategory = new Map<string, StatusCategory>();
  let due7 = 0;
  let due30 = 0;
  const in7 = addDaysIso(asOf, 7);
  const in30 = addDaysIso(asOf, 30);
  // (agency, category) pairs, per the role asked for.
  const pairs: { agencyId: string; category: StatusCategory }[] = [];
  for (const e of evaluations) {
    const c = e.status.category;
    totals[c]++;
    taskCategory.set(e.taskId, c);
    const d = perDirective.get(e.directiveId) ?? emptyCounts();
    d[c]++;
    perDirective.set(e.directiveId, d);
    const due = e.status.effectiveDue;
    if (OPEN.has(c) && due !== null && due > asOf) {
      if (due <= in7) {
        due7++;
      }
      if (due <= in30) {
        due30++;
      }
    }
    if (query.role === 'lead') {
      for (const l of e.leads) {
        pairs.push({ agencyId: canonical(l.agencyId), category: l.status.category });
      }
    }
  }
  for (const c of coordinators) {
    const category = taskCategory.get(c.task_id);
    if (category) {
      pairs.push({ agencyId: canonical(c.agency_id), category });
    }
  }
  const perBloc = new Map<string, Counts>();
  const perAgency = new Map<string, { overdue: number; total: number }>();
  for (const p of pairs) {
    const bloc = blocOfKind(agencyById.get(p.agencyId)?.kind ?? 'other');
    const key = bloc === 'communes' ? 'provinces' : bloc;
    const b = perBloc.get(key) ?? emptyCounts();
    b[p.category]++;
    perBloc.set(key, b);
    const a = perAgency.get(p.agencyId) ?? { overdue: 0, total: 0 };
    a.total++;
    if (p.category === 'overdue') {
      a.overdue++;
    }
    perAgency.set(p.agencyId, a);
  }

  const trendBySnapshot = new Map<string, { snapshotId: string; asOf: string; counts: Counts }>();
  for (const r of trendRows) {
    const t = trendBySnapshot.get(r.snapshot_id) ?? { snapshotId: r.snapshot_id, asOf: r.as_of, counts: emptyCounts() };
    t.counts[r.category as StatusCategory] = r.n;
    trendBySnapshot.set(r.snapshot_id, t);
  }

  let notReported: Dashboard['notReported'] = null;
  try {
    const compliance = await getReportingCompliance(deps, null, { asOf });
    const missing = compliance.agencies.filter((a) => a.notReported > 0);
    notReported = {
      period: compliance.period,
      agencies: missing.length,
      items: missing.slice(0, 20).map((a) => ({ agencyId: a.agencyId, agencyName: a.agencyName, owed: a.notReported })),
    };
  } catch {
    notReported = null;
  }

  const indicators: Dashboard['indicators'] = [];
  try {
    const period = previousPeriod(asOf.slice(0, 7));
    const evaluation = await evaluateIndicators(deps.db, { period, rollUp: false }, { today: query.today });
    for (const b of evaluation.blocs.filter((x) => x.bloc === 'all')) {
      const indicator = evaluation.indicators.find((i) => i.code === b.indicatorCode);
      indicators.push({
        indicatorCode: b.indicatorCode,
        indicatorName: indicator?.name ?? b.indicatorCode,
        period,
        agencies: b.agencies,
        met: b.met,
        notMet: b.notMet,
        noTarget: b.noTarget,
      });
    }
  } catch {
    // No indicator catalogue yet: the panel shows "chưa có số liệu".
  }

  return {
    asOf,
    directiveId,
    agencyMode: query.agencyMode,
    role: query.role,
    totals: statusRow('all', 'Tất cả nhiệm vụ', totals, base),
    byDirective: [...perDirective.entries()]
      .map(([id, counts]) => statusRow(id, directiveName.get(id) ?? id, counts, { ...base, directiveId: id }))
      .sort((a, b) => b.total - a.total)
      .slice(0, MAX_DIRECTIVE_ROWS),
    byAgencyGroup: (['ministries', 'provinces', 'other'] as const)
      .filter((k) => perBloc.has(k))
      .map((k) => statusRow(k, BLOC_LABELS[k], perBloc.get(k) as Counts, { ...base, group: k })),
    trend: [...trendBySnapshot.values()].sort((a, b) => a.asOf.localeCompare(b.asOf)),
    overdueLeague: [...perAgency.entries()]
      .filter(([, v]) => v.overdue > 0)
      .map(([id, v]) => ({
        agencyId: id,
        agencyName: agencyById.get(id)?.name ?? id,
        overdue: v.overdue,
        total: v.total,
        drill: { ...base, agencyId: id, category: 'overdue' as const },
      }))
      .sort((a, b) => b.overdue - a.overdue || a.agencyName.localeCompare(b.agencyName, 'vi'))
      .slice(0, 20),
    notReported,
    dueSoon: {
      next7: { count: due7, drill: { ...base, dueFrom: addDaysIso(asOf, 1), dueTo: in7 } },
      next30: { count: due30, drill: { ...base, dueFrom: addDaysIso(asOf, 1), dueTo: in30 } },
    },
    indicators,
    timings: { ms: Math.round(performance.now() - started) },
  };
}
