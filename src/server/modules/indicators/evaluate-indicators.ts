import type { DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import type {
  AgencySeries,
  BlocAggregate,
  EvaluationQuery,
  EvaluationResponse,
  EvaluationRow,
} from '@shared/contracts/indicators';
import {
  aggregateRate,
  aggregateSum,
  BLOCS,
  type Bloc,
  blocOfKind,
  combineTargets,
  EVALUATION_STATUS_LABELS,
  evaluate,
  type IndicatorDirection,
  type IndicatorFrequency,
  type IndicatorUnit,
  isRateUnit,
  parsePeriod,
  periodKindOfFrequency,
  periodsOfYear,
  rankValues,
  scaleOfUnit,
  TARGET_COMBINATION_RULE_TEXT,
  type TargetCombinationRule,
} from '@shared/domain/indicator-evaluation';
import {
  type EvaluationSourceRow,
  findAgencyBriefs,
  type IndicatorRow,
  listEvaluationSource,
  listIndicatorRows,
  listNationalTargetRows,
  listReportedAggregateRows,
  listTargetRows,
  listValueRows,
} from './indicators.repo';

export const EVALUATION_RULES = {
  comparison:
    'Đạt chỉ tiêu khi kết quả ≥ chỉ tiêu đã đăng ký (≤ với chỉ tiêu càng thấp càng tốt); bằng chỉ tiêu là đạt. ' +
    'Không có chỉ tiêu: “chưa đăng ký chỉ tiêu”, không coi là 0.',
  aggregation:
    'Tỷ lệ của khối = Σ tử số ÷ Σ mẫu số của các cơ quan báo cáo đủ tử số và mẫu số; cơ quan chỉ báo cáo tỷ lệ ' +
    '(không có tử số, mẫu số) không được tính vào tổng hợp. Không bao giờ lấy trung bình cộng các tỷ lệ.',
  targetCombination: TARGET_COMBINATION_RULE_TEXT,
} as const;

type Working = EvaluationSourceRow & {
  rolledUpFrom?: { agencyId: string; agencyName: string }[];
  targetRule?: TargetCombinationRule | null;
  targetNote?: string | null;
};

type Resolver = ReturnType<typeof createAgencyResolver>;

/**
 * Groups an indicator's rows by the agencies that carry the reporting agencies' work today. A row whose agency
 * still exists (or was only renamed into one successor with no other predecessor reporting) passes unchanged.
 * Merged agencies: the value is Σnum/Σden of the predecessors when all of them report both (else none: rates are
 * never averaged) — unless the successor reported its own value —, and the target follows
 * {@link TARGET_COMBINATION_RULE_TEXT}. An agency split into several keeps its own row (a value cannot be divided).
 */
function rollUpRows(rows: Working[], resolver: Resolver, day: string, unit: IndicatorUnit): Working[] {
  const groups = new Map<string, Working[]>();
  const kept: Working[] = [];
  for (const row of rows) {
    const successors = resolver.rollUp(row.agencyId, day);
    const only = successors.length === 1 ? successors[0] : undefined;
    if (!only) {
      kept.push({
        ...row,
        targetNote: successors.length > 1 ? 'Cơ quan đã chia tách: giữ số liệu theo cơ quan báo cáo.' : null,
      });
      continue;
    }
    const group = groups.get(only.id);
    if (group) {
      group.push(row);
    } else {
      groups.set(only.id, [row]);
    }
  }
  const rate = isRateUnit(unit);
  for (const [successorId, members] of groups) {
    const successor = resolver.getAgency(successorId);
    if (!successor) {
      kept.push(...members);
      continue;
    }
    const own = members.find((m) => m.agencyId === successorId) ?? null;
    if (members.length === 1 && own) {
      kept.push(own);
      continue;
    }
    const predecessors = members.filter((m) => m !== own);
    let value: number | null = own?.value ?? null;
    let numerator: number | null = own?.numerator ?? null;
    let denominator: number | null = own?.denominator ?? null;
    let note: string | null = null;
    if (!own || own.value === null) {
      if (predecessors.length === 1) {
        const only = predecessors[0] as Working;
        ({ value, numerator, denominator } = only);
      } else if (rate) {
        const agg = aggregateRate(predecessors, scaleOfUnit(unit));
        const complete = agg.excluded === 0 && agg.value !== null;
        value = complete ? agg.value : null;
        numerator = complete ? agg.numerator : null;
        denominator = complete ? agg.denominator : null;
        if (!complete) {
          note = `Không tổng hợp được tỷ lệ: ${agg.excluded} cơ quan tiền thân chỉ báo cáo tỷ lệ, không có tử số/mẫu số.`;
        }
      } else {
        value = aggregateSum(predecessors.map((p) => p.value)).value;
      }
    }
    const combined = combineTargets({
      successorTarget: own?.target ?? null,
      predecessors: predecessors.map((p) => ({ target: p.target, denominator: p.denominator })),
      isRate: rate,
    });
    kept.push({
      indicatorId: members[0]?.indicatorId ?? '',
      agencyId: successor.id,
      agencyName: successor.name,
      agencyKind: successor.kind,
      target: combined.value,
      value,
      numerator,
      denominator,
      asOf: own?.asOf ?? predecessors.map((p) => p.asOf).find((a) => a !== null) ?? null,
      note: note ?? own?.note ?? null,
      valueSource: own?.valueSource ?? null,
      valueVersion: own?.valueVersion ?? null,
      shortfallReason: own?.shortfallReason ?? null,
      remedialAction: own?.remedialAction ?? null,
      rolledUpFrom: predecessors.map((p) => ({ agencyId: p.agencyId, agencyName: p.agencyName })),
      targetRule: combined.rule,
      targetNote: combined.reason,
    });
  }
  return kept;
}

function blocExplanation(included: number, excluded: number, rate: boolean): string {
  if (!rate) {
    return `Tổng của ${included} cơ quan có số liệu.`;
  }
  if (included === 0 && excluded > 0) {
    return `Không tính được tỷ lệ của khối: cả ${excluded} cơ quan chỉ báo cáo tỷ lệ, không có tử số/mẫu số (không lấy trung bình cộng các tỷ lệ).`;
  }
  const left = excluded > 0 ? `; ${excluded} cơ quan chỉ báo cáo tỷ lệ (không có tử số/mẫu số) không được tính` : '';
  return `Σ tử số ÷ Σ mẫu số của ${included} cơ quan${left}.`;
}

function aggregateBloc(
  indicator: IndicatorRow,
  period: string,
  bloc: BlocAggregate['bloc'],
  rows: EvaluationRow[],
  reported: { value: number; quote: string } | undefined,
): BlocAggregate {
  const unit = indicator.unit as IndicatorUnit;
  const rate = isRateUnit(unit);
  const withValue = rows.filter((r) => r.value !== null);
  const count = (status: EvaluationRow['status']) => rows.filter((r) => r.status === status).length;
  let value: number | null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  let included: number;
  let excluded: number;
  let target: number | null = null;
  if (rate) {
    const agg = aggregateRate(withValue, scaleOfUnit(unit));
    ({ value, included, excluded } = agg);
    numerator = agg.included > 0 ? agg.numerator : null;
    denominator = agg.included > 0 ? agg.denominator : null;
    const targeted = withValue.filter((r) => r.target !== null && r.denominator !== null);
    const den = targeted.reduce((s, r) => s + (r.denominator as number), 0);
    target = den > 0 ? targeted.reduce((s, r) => s + (r.target as number) * (r.denominator as number), 0) / den : null;
  } else {
    const agg = aggregateSum(rows.map((r) => r.value));
    ({ value, included, excluded } = agg);
    const targets = aggregateSum(rows.map((r) => r.target));
    target = targets.value;
  }
  return {
    indicatorCode: indicator.code,
    period,
    bloc,
    agencies: rows.length,
    met: count('met'),
    notMet: count('not-met'),
    noTarget: count('no-target'),
    noData: count('no-data'),
    value,
    numerator,
    denominator,
    included,
    excludedWithoutComponents: rate ? excluded : 0,
    target,
    reported: reported?.value ?? null,
    reportedQuote: reported?.quote ?? null,
    explanation: blocExplanation(included, excluded, rate),
  };
}

const BLOC_ORDER = new Map<string, number>(BLOCS.map((b, i) => [b, i]));
// One collator for the whole sort: String#localeCompare builds one per call (seconds on 68,000 rows).
const VIETNAMESE = new Intl.Collator('vi');

/**
 * Evaluation of one period: for every agency with a registered target or a reported value, met / not met /
 * no target registered / no data, the gap to the target, the rank within its bloc, whether a shortfall lacks its
 * explanation; and per bloc (ministries, provinces, …) and overall the aggregate from numerators and
 * denominators (rate-only reports are excluded and counted), the denominator-weighted target and the figure the
 * source report states. With `rollUp`, values are grouped under today's successor agencies first.
 * Only indicators whose frequency matches the period are evaluated (a month evaluates monthly indicators).
 */
export async function evaluateIndicators(
  db: DbOrTx,
  query: EvaluationQuery,
  options: { today: string },
): Promise<EvaluationResponse> {
  const period = parsePeriod(query.period);
  if (!period) {
    throw new AppError('VALIDATION_FAILED', `Kỳ không hợp lệ: ${query.period}`);
  }
  const all = await listIndicatorRows(db);
  let chosen = all.filter(
    (r) => r.isActive && periodKindOfFrequency(r.frequency as IndicatorFrequency) === period.kind,
  );
  if (query.indicator) {
    const one = all.find((r) => r.code === query.indicator);
    if (!one) {
      throw new AppError('NOT_FOUND', `Không có chỉ tiêu mã ${query.indicator}.`);
    }
    if (periodKindOfFrequency(one.frequency as IndicatorFrequency) !== period.kind) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Chỉ tiêu ${one.code} có tần suất ${one.frequency}: kỳ ${query.period} không phù hợp.`,
      );
    }
    chosen = [one];
  }
  const ids = chosen.map((r) => r.id);
  const source = await listEvaluationSource(db, {
    period: period.key,
    indicatorIds: ids,
    ...(query.agencyId && !query.rollUp ? { agencyIds: [query.agencyId] } : {}),
  });
  const [nationalTargets, reported] = await Promise.all([
    listNationalTargetRows(db, ids),
    listReportedAggregateRows(db, ids, period.key),
  ]);
  const resolver = query.rollUp ? createAgencyResolver(await loadAgencyRegisterSnapshot(db)) : null;

  const sourceByIndicator = new Map<string, Working[]>();
  for (const s of source) {
    const list = sourceByIndicator.get(s.indicatorId);
    if (list) {
      list.push(s);
    } else {
      sourceByIndicator.set(s.indicatorId, [s]);
    }
  }
  const rows: EvaluationRow[] = [];
  const blocs: BlocAggregate[] = [];
  for (const indicator of chosen) {
    const direction = indicator.direction as IndicatorDirection;
    let working: Working[] = sourceByIndicator.get(indicator.id) ?? [];
    if (resolver) {
      working = rollUpRows(working, resolver, query.rollUpTo ?? options.today, indicator.unit as IndicatorUnit);
      if (query.agencyId) {
        working = working.filter((w) => w.agencyId === query.agencyId);
      }
    }
    const evaluated: EvaluationRow[] = working.map((w) => {
      const result = evaluate({ target: w.target, value: w.value, direction });
      const explanationRequired = result.met === false;
      return {
        indicatorCode: indicator.code,
        agencyId: w.agencyId,
        agencyName: w.agencyName,
        agencyKind: w.agencyKind,
        bloc: blocOfKind(w.agencyKind),
        period: period.key,
        target: w.target,
        value: w.value,
        numerator: w.numerator,
        denominator: w.denominator,
        hasComponents: w.numerator !== null && w.denominator !== null,
        asOf: w.asOf,
        status: result.status,
        statusLabel: EVALUATION_STATUS_LABELS[result.status],
        met: result.met,
        gap: result.gap,
        rank: null,
        note: w.note,
        valueSource: w.valueSource,
        valueVersion: w.valueVersion,
        explanationRequired,
        explanationMissing: explanationRequired && !(w.shortfallReason?.trim() && w.remedialAction?.trim()),
        shortfallReason: w.shortfallReason,
        remedialAction: w.remedialAction,
        ...(w.rolledUpFrom ? { rolledUpFrom: w.rolledUpFrom } : {}),
        ...(w.targetRule !== undefined ? { targetRule: w.targetRule } : {}),
        ...(w.targetNote !== undefined ? { targetNote: w.targetNote } : {}),
      };
    });
    const byBloc = new Map<Bloc, EvaluationRow[]>();
    for (const row of evaluated) {
      const members = byBloc.get(row.bloc);
      if (members) {
        members.push(row);
      } else {
        byBloc.set(row.bloc, [row]);
      }
    }
    for (const [bloc, members] of byBloc) {
      const ranks = rankValues(
        members.map((m) => m.value),
        direction,
      );
      members.forEach((m, i) => {
        m.rank = ranks[i] ?? null;
      });
      const stated = reported.find((r) => r.indicatorId === indicator.id && r.scope === bloc);
      blocs.push(aggregateBloc(indicator, period.key, bloc, members, stated));
    }
    if (evaluated.length > 0) {
      const stated = reported.find((r) => r.indicatorId === indicator.id && r.scope === 'national');
      blocs.push(aggregateBloc(indicator, period.key, 'all', evaluated, stated));
    }
    for (const row of evaluated) {
      rows.push(row);
    }
  }
  const filtered = query.bloc ? rows.filter((r) => r.bloc === query.bloc) : rows;
  filtered.sort(
    (a, b) =>
      a.indicatorCode.localeCompare(b.indicatorCode) ||
      (BLOC_ORDER.get(a.bloc) ?? 9) - (BLOC_ORDER.get(b.bloc) ?? 9) ||
      VIETNAMESE.compare(a.agencyName, b.agencyName),
  );
  return {
    period: period.key,
    rollUp: query.rollUp,
    indicators: chosen.map((r) => ({
      code: r.code,
      name: r.name,
      unit: r.unit as IndicatorUnit,
      unitLabel: r.unitLabel,
      direction: r.direction as IndicatorDirection,
      isCumulative: r.isCumulative,
      nationalTarget: nationalTargets.find((t) => t.indicatorId === r.id && t.year === period.year)?.value ?? null,
    })),
    rows: filtered,
    blocs: query.bloc ? blocs.filter((b) => b.bloc === query.bloc || b.bloc === 'all') : blocs,
    rules: EVALUATION_RULES,
  };
}

/** One agency's targets and values through a year, per indicator (the chart: target line and actual). */
export async function getAgencySeries(
  db: DbOrTx,
  agencyId: string,
  query: { year: number; indicator?: string | undefined },
): Promise<AgencySeries> {
  const agency = (await findAgencyBriefs(db, [agencyId])).get(agencyId);
  if (!agency) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy cơ quan.');
  }
  const indicatorRows = (await listIndicatorRows(db)).filter(
    (r) => r.isActive && (!query.indicator || r.code === query.indicator),
  );
  const [targets, values] = await Promise.all([
    listTargetRows(db, { agencyId, year: query.year, states: ['active'] }),
    listValueRows(db, { agencyId, year: query.year, currentOnly: true }),
  ]);
  const series = indicatorRows
    .map((indicator) => {
      const direction = indicator.direction as IndicatorDirection;
      const points = periodsOfYear(query.year, indicator.frequency as IndicatorFrequency).map((p) => {
        const target = targets.find((t) => t.indicatorId === indicator.id && t.period === p)?.value ?? null;
        const value = values.find((v) => v.indicatorId === indicator.id && v.period === p) ?? null;
        const result = evaluate({ target, value: value?.value ?? null, direction });
        return {
          period: p,
          target,
          value: value?.value ?? null,
          asOf: value?.asOf ?? null,
          status: result.status,
          met: result.met,
        };
      });
      return { indicatorCode: indicator.code, indicatorName: indicator.name, unitLabel: indicator.unitLabel, points };
    })
    .filter((s) => s.points.some((p) => p.target !== null || p.value !== null) || query.indicator);
  return { agencyId, agencyName: agency.name, year: query.year, series };
}
