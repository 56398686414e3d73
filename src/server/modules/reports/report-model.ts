import type { SnapshotIndicatorRow } from '@server/db/schema/index';
import type { SnapshotData } from '@server/modules/snapshots/snapshots.service';
import type { ReportKind } from '@shared/contracts/reports';
import { BLOC_LABELS, blocOfKind } from '@shared/domain/indicator-evaluation';
import { STATUS_CATEGORIES, type StatusCategory } from '@shared/domain/task-status';
import { addDaysIso, isoLastDayOfMonth } from '@shared/lib/calendar';
import { formatIsoDate, formatNumber } from '@shared/lib/vn-format';

/**
 * The content of a report, independent of the file format: the Word and Excel writers render the same model, so
 * the two files always carry the same rows. Built only from a snapshot (never from live tables).
 */

export type CellValue = string | number | { date: string } | null;
export type ColumnKind = 'index' | 'text' | 'number' | 'date';
export type ReportColumn = { header: string; kind: ColumnKind /** Relative width. */; width: number };

export type Appendix = {
  /** "01", "02", … */
  code: string;
  /** Sheet name (≤ 31 characters). */
  sheet: string;
  title: string;
  caption: string | null;
  columns: ReportColumn[];
  rows: CellValue[][];
  /** Shown instead of an empty table. */
  emptyText: string;
  landscape: boolean;
};

export type SummaryTable = { caption: string; columns: ReportColumn[]; rows: CellValue[][] };
export type ReportSection = { heading: string; paragraphs: string[]; table?: SummaryTable };

export type ReportModel = {
  kind: ReportKind;
  issuer: string;
  numberLine: string;
  place: string;
  asOf: string;
  title: string;
  subject: string;
  /** "(Kèm theo Báo cáo ngày … của …)" printed under every appendix title. */
  attachedTo: string;
  sections: ReportSection[];
  appendices: Appendix[];
  fileStem: string;
  snapshotId: string;
};

export type ReportScope =
  | { kind: 'monthly' }
  | { kind: 'agency'; agencyId: string; agencyName: string }
  | { kind: 'directive'; directiveId: string; directiveLabel: string };

const ISSUER = 'BỘ KHOA HỌC VÀ CÔNG NGHỆ';
const COMPLETED = new Set<string>(['completedOnTime', 'completedLate', 'completedUndated']);

const col = (header: string, kind: ColumnKind, width: number): ReportColumn => ({ header, kind, width });

/** Seed 001 Phụ lục 01 columns, verbatim. */
export const COMPLETED_COLUMNS: ReportColumn[] = [
  col('TT', 'index', 4),
  col('Tên nhiệm vụ', 'text', 26),
  col('Cơ quan chủ trì', 'text', 11),
  col('Cơ quan phối hợp', 'text', 11),
  col('Kết quả dự kiến', 'text', 11),
  col('Thời gian hoàn thành', 'text', 9),
  col('Kết quả thực hiện', 'text', 10),
  col('Mô tả', 'text', 18),
];

/** Seed 001 Phụ lục 02 columns, verbatim. */
export const OVERDUE_COLUMNS: ReportColumn[] = [
  col('TT', 'index', 4),
  col('Nhiệm vụ cụ thể', 'text', 34),
  col('Văn bản giao nhiệm vụ', 'text', 14),
  col('Cơ quan chủ trì thực hiện', 'text', 14),
  col('Thời hạn hoàn thành', 'date', 9),
  col('Đơn vị chưa hoàn thành', 'text', 25),
];

/** Seed 001 Phụ lục 03 (indicator tables), by agency. */
export const INDICATOR_COLUMNS: ReportColumn[] = [
  col('TT', 'index', 4),
  col('Cơ quan', 'text', 24),
  col('Khối', 'text', 12),
  col('Kỳ', 'text', 7),
  col('Chỉ tiêu đăng ký', 'number', 9),
  col('Kết quả thực hiện', 'number', 9),
  col('Đánh giá', 'text', 13),
  col('Ghi chú', 'text', 26),
];

/** Seed 001 Phụ lục 06 §2 a)–e) columns (tasks due in the coming months), verbatim. */
export const UPCOMING_COLUMNS: ReportColumn[] = [
  col('TT', 'index', 4),
  col('Tên nhiệm vụ', 'text', 36),
  col('Cơ quan chủ trì', 'text', 15),
  col('Cơ quan phối hợp', 'text', 15),
  col('Kết quả dự kiến', 'text', 15),
  col('Thời gian hoàn thành', 'text', 10),
];

/** The same, with the assigning document, for the appendix that gathers the remaining directives. */
export const UPCOMING_OTHER_COLUMNS: ReportColumn[] = [
  col('TT', 'index', 4),
  col('Tên nhiệm vụ', 'text', 30),
  col('Văn bản giao nhiệm vụ', 'text', 12),
  col('Cơ quan chủ trì', 'text', 14),
  col('Cơ quan phối hợp', 'text', 14),
  col('Kết quả dự kiến', 'text', 13),
  col('Thời gian hoàn thành', 'text', 10),
];

const MAX_UPCOMING_APPENDICES = 3;

const COUNT_COLUMNS: ReportColumn[] = [
  col('TT', 'index', 6),
  col('Văn bản / khối cơ quan', 'text', 36),
  col('Tổng số', 'number', 9),
  col('Đã hoàn thành', 'number', 9),
  col('Trong đó đúng hạn', 'number', 9),
  col('Đang thực hiện trong hạn', 'number', 10),
  col('Quá hạn', 'number', 8),
  col('Thường xuyên, chưa có hạn', 'number', 13),
];

type Counts = Record<StatusCategory, number>;
const emptyCounts = (): Counts => Object.fromEntries(STATUS_CATEGORIES.map((c) => [c, 0])) as Counts;
const completedOf = (c: Counts) => c.completedOnTime + c.completedLate + c.completedUndated;
const totalOf = (c: Counts) => STATUS_CATEGORIES.reduce((n, k) => n + c[k], 0);
const pct = (n: number, d: number) => (d === 0 ? '0' : formatNumber((100 * n) / d, 1));

function countRow(index: number | string, name: string, c: Counts): CellValue[] {
  return [
    index,
    name,
    totalOf(c),
    completedOf(c),
    c.completedOnTime,
    c.inProgress,
    c.overdue,
    c.recurring + c.noDeadline,
  ];
}

function monthYear(iso: string): string {
  const [y, m] = iso.split('-');
  return `tháng ${Number(m)} năm ${y}`;
}

/** End of the month after the cut-off's: "the next period" of a monthly report. */
export function nextPeriodEnd(asOf: string): string {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return m === 12 ? isoLastDayOfMonth(y + 1, 1) : isoLastDayOfMonth(y, m + 1);
}

function completionText(category: string): string {
  if (category === 'completedOnTime') {
    return 'Đã hoàn thành (đúng hạn)';
  }
  if (category === 'completedLate') {
    return 'Đã hoàn thành (quá hạn)';
  }
  return 'Đã hoàn thành';
}

/**
 * Builds the report from a snapshot. Monthly: every task; agency: the tasks the agency leads, judged on its own
 * assignment (what it sent and what it owes); directive: the tasks of one directive.
 */
export function buildReportModel(data: SnapshotData, scope: ReportScope): ReportModel {
  const { snapshot } = data;
  const asOf = snapshot.asOf;
  const agencyCategory = new Map<string, string>();
  if (scope.kind === 'agency') {
    for (const a of data.assignments) {
      if (a.agencyId === scope.agencyId) {
        agencyCategory.set(a.taskId, a.category);
      }
    }
  }
  const tasks = data.tasks
    .filter((t) =>
      scope.kind === 'agency'
        ? agencyCategory.has(t.taskId)
        : scope.kind === 'directive'
          ? t.directiveId === scope.directiveId
          : true,
    )
    .map((t) => (scope.kind === 'agency' ? { ...t, category: agencyCategory.get(t.taskId) ?? t.category } : t));
  const inScope = new Set(tasks.map((t) => t.taskId));
  const assignments = data.assignments.filter(
    (a) => inScope.has(a.taskId) && (scope.kind !== 'agency' || a.agencyId === scope.agencyId),
  );

  const totals = emptyCounts();
  const byDirective = new Map<string, { label: string; counts: Counts }>();
  for (const t of tasks) {
    totals[t.category as StatusCategory]++;
    const d = byDirective.get(t.directiveId) ?? { label: t.directiveLabel, counts: emptyCounts() };
    d.counts[t.category as StatusCategory]++;
    byDirective.set(t.directiveId, d);
  }
  const byBloc = new Map<string, Counts>();
  for (const a of assignments) {
    const bloc = blocOfKind(a.agencyKind);
    const key = bloc === 'communes' ? 'provinces' : bloc;
    const c = byBloc.get(key) ?? emptyCounts();
    c[a.category as StatusCategory]++;
    byBloc.set(key, c);
  }

  const completed = tasks.filter((t) => COMPLETED.has(t.category));
  const overdue = tasks.filter((t) => t.category === 'overdue');
  const horizon = nextPeriodEnd(asOf);
  const upcoming = tasks.filter(
    (t) =>
      (t.category === 'inProgress' || t.category === 'overdue') &&
      t.effectiveDue !== null &&
      t.effectiveDue > asOf &&
      t.effectiveDue <= horizon,
  );
  const total = tasks.length;
  const done = completedOf(totals);

  const scopeText =
    scope.kind === 'agency'
      ? ` do ${scope.agencyName} chủ trì`
      : scope.kind === 'directive'
        ? ` theo ${scope.directiveLabel}`
        : '';
  const sections: ReportSection[] = [];
  const directiveRows = [...byDirective.values()].sort((a, b) => totalOf(b.counts) - totalOf(a.counts));
  const shown = directiveRows.slice(0, 15);
  const rest = directiveRows.slice(15);
  const directiveTableRows = shown.map((d, i) => countRow(i + 1, d.label, d.counts));
  if (rest.length > 0) {
    const other = emptyCounts();
    for (const d of rest) {
      for (const c of STATUS_CATEGORIES) {
        other[c] += d.counts[c];
      }
    }
    directiveTableRows.push(
      countRow(shown.length + 1, `Các văn bản khác (${formatNumber(rest.length)} văn bản)`, other),
    );
  }
  directiveTableRows.push(countRow('', 'Tổng cộng', totals));
  sections.push({
    heading: 'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
    paragraphs: [
      `Tính đến hết ngày ${formatIsoDate(asOf)}, tổng số nhiệm vụ được theo dõi${scopeText} là ${formatNumber(total)} nhiệm vụ. ` +
        `Đã hoàn thành ${formatNumber(done)}/${formatNumber(total)} nhiệm vụ (${pct(done, total)}%), trong đó ${formatNumber(totals.completedOnTime)} nhiệm vụ hoàn thành đúng hạn, ` +
        `${formatNumber(totals.completedLate)} nhiệm vụ hoàn thành quá hạn và ${formatNumber(totals.completedUndated)} nhiệm vụ hoàn thành chưa xác định được thời hạn.`,
      `Đang thực hiện trong hạn: ${formatNumber(totals.inProgress)} nhiệm vụ; quá hạn chưa hoàn thành: ${formatNumber(totals.overdue)} nhiệm vụ (${pct(totals.overdue, total)}%); ` +
        `nhiệm vụ thường xuyên, định kỳ: ${formatNumber(totals.recurring)}; chưa có thời hạn cụ thể: ${formatNumber(totals.noDeadline)}.`,
      'Kết quả theo từng văn bản giao nhiệm vụ như sau:',
    ],
    table: {
      caption: 'Bảng 1. Kết quả thực hiện theo văn bản giao nhiệm vụ',
      columns: COUNT_COLUMNS,
      rows: directiveTableRows,
    },
  });
  const blocRows: CellValue[][] = [];
  const blocTotal = emptyCounts();
  let n = 0;
  for (const key of ['ministries', 'provinces', 'other'] as const) {
    const c = byBloc.get(key);
    if (c) {
      n++;
      blocRows.push(countRow(n, BLOC_LABELS[key], c));
      for (const k of STATUS_CATEGORIES) {
        blocTotal[k] += c[k];
      }
    }
  }
  if (blocRows.length > 0) {
    blocRows.push(countRow('', 'Tổng cộng (lượt giao chủ trì)', blocTotal));
  }
  const blocParagraphs = (['ministries', 'provinces', 'other'] as const).flatMap((key) => {
    const c = byBloc.get(key);
    if (!c) {
      return [];
    }
    const t = totalOf(c);
    return [
      `${BLOC_LABELS[key]}: ${formatNumber(completedOf(c))}/${formatNumber(t)} lượt nhiệm vụ chủ trì đã hoàn thành, trong đó ${formatNumber(c.completedOnTime)} đúng hạn; ${formatNumber(c.overdue)} lượt quá hạn.`,
    ];
  });
  sections.push({
    heading: 'II. KẾT QUẢ THEO KHỐI CƠ QUAN CHỦ TRÌ',
    paragraphs: [
      'Tính theo lượt giao chủ trì (một nhiệm vụ giao nhiều cơ quan chủ trì được tính cho từng cơ quan):',
      ...blocParagraphs,
    ],
    ...(blocRows.length > 0
      ? {
          table: {
            caption: 'Bảng 2. Kết quả thực hiện theo khối cơ quan chủ trì',
            columns: COUNT_COLUMNS,
            rows: blocRows,
          },
        }
      : {}),
  });
  const unitCounts = new Map<string, number>();
  for (const t of overdue) {
    for (const u of t.unitsNotCompleted) {
      unitCounts.set(u, (unitCounts.get(u) ?? 0) + 1);
    }
  }
  const topUnits = [...unitCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'))
    .slice(0, 5)
    .map(([u, c]) => `${u} (${c})`);
  const disputed = tasks.filter((t) => t.discrepancies.length > 0).length;
  sections.push({
    heading: 'III. NHIỆM VỤ QUÁ HẠN, ĐƠN VỊ CHƯA HOÀN THÀNH',
    paragraphs: [
      `Có ${formatNumber(overdue.length)} nhiệm vụ quá hạn chưa hoàn thành (chi tiết tại Phụ lục 02)` +
        (topUnits.length > 0 ? `; các đơn vị có nhiều nhiệm vụ chưa hoàn thành nhất: ${topUnits.join(', ')}.` : '.'),
      ...(disputed > 0
        ? [
            `Có ${formatNumber(disputed)} nhiệm vụ mà các nguồn số liệu (báo cáo, văn bản) ghi nhận khác nhau; số liệu trên tính theo nguồn ghi nhận sau cùng đến ngày chốt, chi tiết chênh lệch xem trên hệ thống.`,
          ]
        : []),
    ],
  });
  const upcomingByDirective = new Map<string, { label: string; rows: typeof upcoming }>();
  for (const t of [...upcoming].sort(
    (a, b) => (a.effectiveDue ?? '').localeCompare(b.effectiveDue ?? '') || a.position - b.position,
  )) {
    const g = upcomingByDirective.get(t.directiveId) ?? { label: t.directiveLabel, rows: [] };
    g.rows.push(t);
    upcomingByDirective.set(t.directiveId, g);
  }
  const groups = [...upcomingByDirective.values()].sort((a, b) => b.rows.length - a.rows.length);
  sections.push({
    heading: 'IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
    paragraphs: [
      `Có ${formatNumber(upcoming.length)} nhiệm vụ đến hạn từ ngày ${formatIsoDate(addDaysIso(asOf, 1))} đến ngày ${formatIsoDate(horizon)}` +
        (groups.length > 0
          ? ` thuộc ${formatNumber(groups.length)} văn bản (chi tiết tại các Phụ lục 04 trở đi).`
          : '.'),
    ],
  });
  const indicators =
    scope.kind === 'agency' ? (data.indicators ?? []).filter((r) => r.agencyId === scope.agencyId) : data.indicators;
  const met = (indicators ?? []).filter((r) => r.met === true).length;
  const evaluated = (indicators ?? []).filter((r) => r.met !== null).length;
  sections.push({
    heading: 'V. KẾT QUẢ THỰC HIỆN CHỈ TIÊU',
    paragraphs: [
      indicators && indicators.length > 0
        ? `${formatNumber(met)}/${formatNumber(evaluated)} lượt cơ quan đạt chỉ tiêu đã đăng ký (chi tiết tại Phụ lục 03).`
        : 'Chưa có số liệu chỉ tiêu trong kỳ (Phụ lục 03).',
    ],
  });
  sections.push({
    heading: 'VI. KIẾN NGHỊ, ĐỀ XUẤT',
    paragraphs: ['(Đơn vị soạn thảo bổ sung nội dung kiến nghị, đề xuất.)'],
  });

  const attachedTo = `(Kèm theo Báo cáo ngày ${formatIsoDate(asOf).split('/')[0]} ${monthYear(asOf)} của Bộ Khoa học và Công nghệ)`;
  const appendices: Appendix[] = [
    {
      code: '01',
      sheet: 'PL01 Đã hoàn thành',
      title: `DANH MỤC NHIỆM VỤ ĐÃ HOÀN THÀNH TÍNH ĐẾN NGÀY ${formatIsoDate(asOf)}`,
      caption: 'CÁC NHIỆM VỤ ĐÃ HOÀN THÀNH:',
      columns: COMPLETED_COLUMNS,
      rows: completed.map((t, i) => [
        i + 1,
        t.text,
        t.leadNames,
        t.coordinatorNames,
        t.product ?? '',
        t.deadlineRaw ?? formatIsoDate(t.originalDue),
        completionText(t.category),
        [
          t.completedOn ? `Hoàn thành ngày ${formatIsoDate(t.completedOn)}` : null,
          t.basis ? `Căn cứ: ${t.basis}` : null,
        ]
          .filter(Boolean)
          .join('. '),
      ]),
      emptyText: 'Không có nhiệm vụ đã hoàn thành.',
      landscape: true,
    },
    {
      code: '02',
      sheet: 'PL02 Quá hạn',
      title: `DANH MỤC NHIỆM VỤ QUÁ HẠN TÍNH ĐẾN NGÀY ${formatIsoDate(asOf)}`,
      caption: 'CÁC NHIỆM VỤ QUÁ HẠN:',
      columns: OVERDUE_COLUMNS,
      rows: overdue.map((t, i) => [
        i + 1,
        t.text,
        t.directiveLabel,
        t.leadNames,
        t.effectiveDue ? { date: t.effectiveDue } : null,
        t.unitsNotCompleted.join(', '),
      ]),
      emptyText: 'Không có nhiệm vụ quá hạn.',
      landscape: true,
    },
    indicatorAppendix(indicators),
  ];
  // Seed 001 gives three such appendices (04–06); with more directives, the third gathers the rest with their source.
  const own = groups.length > MAX_UPCOMING_APPENDICES ? groups.slice(0, MAX_UPCOMING_APPENDICES - 1) : groups;
  const others = groups.slice(own.length);
  own.forEach((g, i) => {
    const code = String(4 + i).padStart(2, '0');
    appendices.push({
      code,
      sheet: `PL${code} Kỳ tới`,
      title: `DANH MỤC NHIỆM VỤ THEO ${g.label.toUpperCase()} CÓ THỜI HẠN ĐẾN NGÀY ${formatIsoDate(horizon)}`,
      caption: null,
      columns: UPCOMING_COLUMNS,
      rows: g.rows.map((t, j) => [
        j + 1,
        t.text,
        t.leadNames,
        t.coordinatorNames,
        t.product ?? '',
        t.deadlineRaw ?? formatIsoDate(t.effectiveDue),
      ]),
      emptyText: 'Không có nhiệm vụ.',
      landscape: true,
    });
  });
  if (others.length > 0) {
    const code = String(4 + own.length).padStart(2, '0');
    const rows = others.flatMap((g) => g.rows);
    appendices.push({
      code,
      sheet: `PL${code} Kỳ tới (khác)`,
      title: `DANH MỤC NHIỆM VỤ THEO CÁC VĂN BẢN KHÁC (${formatNumber(others.length)} VĂN BẢN) CÓ THỜI HẠN ĐẾN NGÀY ${formatIsoDate(horizon)}`,
      caption: null,
      columns: UPCOMING_OTHER_COLUMNS,
      rows: rows.map((t, j) => [
        j + 1,
        t.text,
        t.directiveLabel,
        t.leadNames,
        t.coordinatorNames,
        t.product ?? '',
        t.deadlineRaw ?? formatIsoDate(t.effectiveDue),
      ]),
      emptyText: 'Không có nhiệm vụ.',
      landscape: true,
    });
  }
  if (groups.length === 0) {
    appendices.push({
      code: '04',
      sheet: 'PL04 Kỳ tới',
      title: `DANH MỤC NHIỆM VỤ CÓ THỜI HẠN ĐẾN NGÀY ${formatIsoDate(horizon)}`,
      caption: null,
      columns: UPCOMING_COLUMNS,
      rows: [],
      emptyText: 'Không có nhiệm vụ đến hạn trong kỳ tới.',
      landscape: true,
    });
  }

  const subjectScope =
    scope.kind === 'agency'
      ? `của ${scope.agencyName}`
      : scope.kind === 'directive'
        ? `theo ${scope.directiveLabel}`
        : `${monthYear(asOf)}`;
  const stem =
    scope.kind === 'agency'
      ? `bao-cao-co-quan-${asOf}`
      : scope.kind === 'directive'
        ? `bao-cao-van-ban-${asOf}`
        : `bao-cao-thang-${asOf}`;
  return {
    kind: scope.kind,
    issuer: ISSUER,
    numberLine: 'Số:        /BC-BKHCN',
    place: 'Hà Nội',
    asOf,
    title: 'BÁO CÁO',
    subject: `Kết quả thực hiện nhiệm vụ ${subjectScope}`,
    attachedTo,
    sections,
    appendices,
    fileStem: stem,
    snapshotId: snapshot.id,
  };
}

function indicatorAppendix(rows: SnapshotIndicatorRow[] | null): Appendix {
  const sorted = [...(rows ?? [])].sort(
    (a, b) =>
      a.indicatorCode.localeCompare(b.indicatorCode) ||
      a.period.localeCompare(b.period) ||
      a.bloc.localeCompare(b.bloc) ||
      a.agencyName.localeCompare(b.agencyName, 'vi'),
  );
  return {
    code: '03',
    sheet: 'PL03 Chỉ tiêu',
    title: 'BÁO CÁO SỐ LIỆU CHỈ TIÊU',
    caption:
      sorted.length > 0
        ? [...new Set(sorted.map((r) => `${r.indicatorName}${r.unitLabel ? ` (${r.unitLabel})` : ''}`))].join('; ')
        : null,
    columns: INDICATOR_COLUMNS,
    rows: sorted.map((r, i) => [
      i + 1,
      r.agencyName,
      BLOC_LABELS[r.bloc as keyof typeof BLOC_LABELS] ?? r.bloc,
      `${r.period.slice(5)}/${r.period.slice(0, 4)}`,
      r.target,
      r.value,
      r.statusLabel,
      r.note ?? '',
    ]),
    emptyText: rows === null ? 'Chưa có số liệu (chưa có danh mục chỉ tiêu).' : 'Chưa có số liệu chỉ tiêu trong kỳ.',
    landscape: true,
  };
}
