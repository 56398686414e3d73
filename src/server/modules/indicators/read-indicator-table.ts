import type { AgencyResolver } from '@server/modules/agencies/agency-resolver';
import type { SourceDocument, SourceTable } from '@server/modules/imports/source-document';
import type { ImportList, Problem } from '@shared/contracts/imports';
import {
  type IndicatorUnit,
  isRateUnit,
  monthPeriod,
  type PeriodKind,
  parsePeriod,
} from '@shared/domain/indicator-evaluation';
import { type DecimalHint, parseVietnameseNumber } from '@shared/domain/vn-number';
import { cleanText, foldText } from '@shared/lib/vn-text';

/** What the reader needs to know about a catalogue entry. */
export type CatalogueEntry = {
  id: string;
  code: string;
  name: string;
  unit: IndicatorUnit;
  matchPhrases: string[];
  numeratorLabel: string | null;
  denominatorLabel: string | null;
};

/** One agency's figures for one period, as a table row gives them. */
export type TableCell = {
  agencyId: string;
  agencyName: string;
  /** The name exactly as written in the table. */
  nameAsWritten: string;
  row: number;
  line: number | null;
  period: string;
  /** null = empty target cell: no target registered for that period. */
  target: number | null;
  hasTargetColumn: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  asOf: string | null;
  note: string | null;
};

export type ReportedAggregate = {
  period: string;
  scope: 'national' | 'ministries' | 'provinces';
  value: number;
  quote: string;
  line: number;
};

export type ReadIndicatorTable = {
  file: string;
  title: string;
  line: number | null;
  indicator: CatalogueEntry | null;
  year: number | null;
  periods: string[];
  rows: number;
  agencies: number;
  cells: TableCell[];
  reportedAggregates: ReportedAggregate[];
  problems: Problem[];
};

export type ReadOptions = {
  /** Use this indicator whatever the title says. */
  indicatorCode?: string;
  /** Year of periods written without one ("tháng 4"); by default read from the header, title or nearby text. */
  year?: number;
  /** The period of columns that name none ("Tỷ lệ đạt được"). */
  period?: string;
};

type ColumnKind = 'target' | 'value' | 'numerator' | 'denominator';

type PeriodRef = { kind: PeriodKind; number: number | null; year: number | null; asOfDay?: number; asOfMonth?: number };

type FigureColumn = { index: number; kind: ColumnKind; ref: PeriodRef | null };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

// Folded headers: "dat chi tieu thang 4", "ty le dat duoc thang 4", "ty le dat duoc den 09 7", "chi tieu quy ii 2025".
const PERIOD_TAIL = String.raw`(?: (thang|quy|nam) (\d{1,4}|i{1,3}|iv)(?: (\d{4}))?| den (?:ngay )?(\d{1,2}) (\d{1,2})(?: (\d{4}))?)?`;
const TARGET_HEADER = new RegExp(`^(?:dat |dang ky )?chi tieu(?: dang ky| dat ra| ke hoach)?${PERIOD_TAIL}$`);
const VALUE_HEADER = new RegExp(
  `^(?:ty le |gia tri |so lieu |ket qua )?(?:dat duoc|thuc hien|thuc te)${PERIOD_TAIL}$|^(?:ty le|gia tri|so lieu)${PERIOD_TAIL}$`,
);
const NUMERATOR_HEADER = new RegExp(`^tu so${PERIOD_TAIL}$`);
const DENOMINATOR_HEADER = new RegExp(`^mau so${PERIOD_TAIL}$`);
const AGENCY_HEADER =
  /^(?:ten )?(?:bo|nganh|bo nganh|tinh|tinh tp|tinh thanh pho|thanh pho|dia phuong|co quan|don vi|co quan don vi|bo nganh dia phuong)$/;
const NUMBER_HEADER = /^(?:s?tt|so thu tu)$/;
const NOTE_HEADER = /^(?:ghi chu|luu y)/;
const TOTAL_ROW = /^(?:tong(?: cong| so)?|cong|toan quoc|ca nuoc|binh quan|trung binh)\b/;
const EMPTY_MARKS = new Set(['', '-', '–', '—', 'x', 'khong', 'chua dang ky']);

function periodRefOf(match: RegExpExecArray, offset: number): PeriodRef | null {
  const unit = match[offset];
  const n = match[offset + 1];
  const year = match[offset + 2];
  const day = match[offset + 3];
  const month = match[offset + 4];
  const yearOfDate = match[offset + 5];
  if (day && month) {
    return {
      kind: 'month',
      number: Number(month),
      year: yearOfDate ? Number(yearOfDate) : null,
      asOfDay: Number(day),
      asOfMonth: Number(month),
    };
  }
  if (!unit || !n) {
    return null;
  }
  const number = ROMAN[n] ?? Number(n);
  if (unit === 'nam') {
    return { kind: 'year', number: null, year: number };
  }
  return { kind: unit === 'quy' ? 'quarter' : 'month', number, year: year ? Number(year) : null };
}

function matchColumn(folded: string, pattern: RegExp, kind: ColumnKind): FigureColumn | null {
  const m = pattern.exec(folded);
  if (!m) {
    return null;
  }
  // The value pattern has two alternatives; use whichever captured.
  const offset = m[1] !== undefined || m[4] !== undefined || kind !== 'value' ? 1 : 7;
  return { index: -1, kind, ref: periodRefOf(m, offset) };
}

function labelPattern(label: string | null): RegExp | null {
  const folded = label ? foldText(label) : '';
  if (!folded) {
    return null;
  }
  return new RegExp(`^${folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${PERIOD_TAIL}$`);
}

function classifyColumns(columns: string[], indicator: CatalogueEntry | null) {
  let agency: number | null = null;
  let note: number | null = null;
  let number: number | null = null;
  const figures: FigureColumn[] = [];
  const numeratorLabel = labelPattern(indicator?.numeratorLabel ?? null);
  const denominatorLabel = labelPattern(indicator?.denominatorLabel ?? null);
  columns.forEach((header, index) => {
    const folded = foldText(header);
    const figure =
      matchColumn(folded, TARGET_HEADER, 'target') ??
      matchColumn(folded, NUMERATOR_HEADER, 'numerator') ??
      matchColumn(folded, DENOMINATOR_HEADER, 'denominator') ??
      (numeratorLabel ? matchColumn(folded, numeratorLabel, 'numerator') : null) ??
      (denominatorLabel ? matchColumn(folded, denominatorLabel, 'denominator') : null) ??
      matchColumn(folded, VALUE_HEADER, 'value');
    if (figure) {
      figures.push({ ...figure, index });
    } else if (NUMBER_HEADER.test(folded) && number === null) {
      number = index;
    } else if (NOTE_HEADER.test(folded) && note === null) {
      note = index;
    } else if (AGENCY_HEADER.test(folded) && agency === null) {
      agency = index;
    }
  });
  return { agency, note, number, figures };
}

function findIndicator(title: string, catalogue: CatalogueEntry[], code: string | undefined): CatalogueEntry | null {
  if (code) {
    return catalogue.find((c) => c.code === code) ?? null;
  }
  const folded = foldText(title);
  return (
    catalogue.find((c) => c.matchPhrases.some((p) => folded.includes(p))) ??
    catalogue.find((c) => folded.includes(foldText(c.name))) ??
    null
  );
}

const YEAR_IN_TEXT = /(?:năm|\/|-)\s*(20\d{2})\b/iu;

function yearNear(doc: SourceDocument | undefined, line: number | null): number | null {
  if (!doc || line === null) {
    return null;
  }
  const before = doc.blocks
    .filter((b) => b.kind === 'paragraph' && b.line < line)
    .slice(-60)
    .reverse();
  for (const block of before) {
    if (block.kind === 'paragraph') {
      const m = YEAR_IN_TEXT.exec(block.text);
      if (m) {
        return Number(m[1]);
      }
    }
  }
  return null;
}

function tableAt(doc: SourceDocument | undefined, line: number | null): SourceTable | null {
  if (!doc || line === null) {
    return null;
  }
  const block = doc.blocks.find((b) => b.kind === 'table' && b.line === line);
  return block?.kind === 'table' ? block : null;
}

/** Line of each list row in the source table: rows are matched in order on their agency cell. */
function rowLines(table: SourceTable | null, names: string[], agencyColumn: number): (number | null)[] {
  if (!table) {
    return names.map(() => null);
  }
  const lines: (number | null)[] = [];
  let cursor = 1;
  for (const name of names) {
    let found: number | null = null;
    for (let i = cursor; i < table.rows.length; i++) {
      const row = table.rows[i];
      if (row && cleanText(row.cells[agencyColumn] ?? '') === name) {
        found = row.line;
        cursor = i + 1;
        break;
      }
    }
    lines.push(found);
  }
  return lines;
}

function periodKeyOf(ref: PeriodRef | null, year: number | null, fallback: string | undefined): string | null {
  if (!ref) {
    return fallback && parsePeriod(fallback) ? fallback : null;
  }
  const y = ref.year ?? year;
  if (y === null) {
    return null;
  }
  if (ref.kind === 'year') {
    return String(y);
  }
  if (ref.kind === 'quarter') {
    return ref.number !== null && ref.number >= 1 && ref.number <= 4 ? `${y}-Q${ref.number}` : null;
  }
  return ref.number !== null && ref.number >= 1 && ref.number <= 12 ? monthPeriod(y, ref.number) : null;
}

function asOfOf(ref: PeriodRef | null, year: number | null): string | null {
  const y = ref?.year ?? year;
  if (!ref?.asOfDay || !ref.asOfMonth || y === null) {
    return null;
  }
  const iso = `${y}-${String(ref.asOfMonth).padStart(2, '0')}-${String(ref.asOfDay).padStart(2, '0')}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? null : iso;
}

function hintFor(unit: IndicatorUnit, cells: string[]): DecimalHint {
  if (isRateUnit(unit)) {
    // Rates are small numbers: "49.79" is dot-decimal; a column written "51,7" is comma-decimal.
    const comma = cells.some((c) => /^\d+,\d+$/.test(c));
    const dot = cells.some((c) => /^\d+\.\d+$/.test(c));
    return comma && !dot ? 'comma-decimal' : 'dot-decimal';
  }
  return 'comma-decimal';
}

const AGGREGATE_PATTERNS: { scope: ReportedAggregate['scope']; pattern: RegExp }[] = [
  { scope: 'national', pattern: /đến hết tháng (\d{1,2})\/(\d{4})\s*:\s*(\d+(?:[.,]\d+)?)\s*%/iu },
  { scope: 'ministries', pattern: /khối bộ,?\s*ngành đạt(?: tỷ lệ)?\s*:?\s*(\d+(?:[.,]\d+)?)\s*%/iu },
  { scope: 'provinces', pattern: /khối tỉnh đạt(?: tỷ lệ)?\s*:?\s*(\d+(?:[.,]\d+)?)\s*%/iu },
];

/**
 * Bloc totals stated in words just before the first table of an appendix ("Tỷ lệ … đến hết tháng 6/2025: 40.1%,
 * trong đó khối bộ ngành đạt tỷ lệ: 51,7%, khối tỉnh đạt tỷ lệ: 15.5%"): kept as reported facts.
 */
function readReportedAggregates(doc: SourceDocument | undefined, line: number | null): ReportedAggregate[] {
  if (!doc || line === null) {
    return [];
  }
  const previousTable = doc.blocks.filter((b) => b.kind === 'table' && b.line < line).at(-1)?.line ?? 0;
  const out: ReportedAggregate[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'paragraph' || block.line <= previousTable || block.line >= line) {
      continue;
    }
    const national = AGGREGATE_PATTERNS[0]?.pattern.exec(block.text);
    if (!national) {
      continue;
    }
    const period = monthPeriod(Number(national[2]), Number(national[1]));
    for (const { scope, pattern } of AGGREGATE_PATTERNS) {
      const m = pattern.exec(block.text);
      const raw = scope === 'national' ? m?.[3] : m?.[1];
      const value = raw ? parseVietnameseNumber(raw) : null;
      if (m && value !== null) {
        out.push({ period, scope, value, quote: cleanText(block.text), line: block.line });
      }
    }
  }
  return out;
}

/**
 * Reads one indicator table in the layout of seed 001 Phụ lục 03: an agency column, per period a target column
 * ("Đặt chỉ tiêu tháng N") and an achieved column ("Tỷ lệ đạt được tháng N" or "… đến DD/M", a partial month),
 * optionally numerator/denominator columns ("Tử số", "Mẫu số" or the indicator's own labels) and a note column.
 * Agencies resolve as constituted at the end of the table's last period (PL03b's 63 pre-merger provinces resolve
 * to the pre-merger provinces). Empty target cells stay empty ("chưa đăng ký chỉ tiêu"); unknown agencies and
 * unreadable numbers are reported as problems, never guessed.
 */
export function readIndicatorTable(
  list: ImportList,
  deps: {
    doc?: SourceDocument;
    catalogue: CatalogueEntry[];
    resolver: Pick<AgencyResolver, 'resolve'>;
    options?: ReadOptions;
  },
): ReadIndicatorTable {
  const options = deps.options ?? {};
  const file = list.file;
  const problems: Problem[] = [];
  const problem = (code: string, message: string, severity: Problem['severity'], line: number | null, row?: number) =>
    problems.push({ file, line, row: row ?? null, code, message, severity });
  const columns = list.columns ?? [];
  const records = list.rows ?? [];
  const indicator = findIndicator(list.title, deps.catalogue, options.indicatorCode);
  const base: ReadIndicatorTable = {
    file,
    title: list.title,
    line: list.line,
    indicator,
    year: null,
    periods: [],
    rows: records.length,
    agencies: 0,
    cells: [],
    reportedAggregates: [],
    problems,
  };
  if (!indicator) {
    problem(
      'INDICATOR_UNKNOWN',
      options.indicatorCode
        ? `Không có chỉ tiêu mã ${options.indicatorCode} trong danh mục.`
        : `Không xác định được chỉ tiêu của bảng “${list.title}”; dùng --indicator MÃ để chỉ rõ.`,
      'warning',
      list.line,
    );
    return base;
  }
  const layout = classifyColumns(columns, indicator);
  if (layout.agency === null || layout.figures.length === 0) {
    problem(
      'MISSING_COLUMN',
      `Bảng “${list.title}” thiếu cột tên cơ quan hoặc cột chỉ tiêu/số liệu; không đọc được.`,
      'warning',
      list.line,
    );
    return base;
  }
  const headerYear = layout.figures.find((f) => f.ref?.year)?.ref?.year ?? null;
  const titleYear = YEAR_IN_TEXT.exec(list.title)?.[1];
  const year = headerYear ?? options.year ?? (titleYear ? Number(titleYear) : null) ?? yearNear(deps.doc, list.line);
  base.year = year;

  type Slot = { period: string; asOf: string | null } & Partial<Record<ColumnKind, number>>;
  const slots = new Map<string, Slot>();
  for (const figure of layout.figures) {
    const period = periodKeyOf(figure.ref, year, options.period);
    if (!period) {
      problem(
        year === null ? 'INDICATOR_YEAR_UNKNOWN' : 'INDICATOR_PERIOD_UNKNOWN',
        year === null
          ? `Không xác định được năm của cột “${columns[figure.index]}”; dùng --year YYYY.`
          : `Không xác định được kỳ của cột “${columns[figure.index]}”; dùng --period.`,
        'warning',
        list.line,
      );
      continue;
    }
    const slot = slots.get(period) ?? { period, asOf: null };
    if (slot[figure.kind] === undefined) {
      slot[figure.kind] = figure.index;
    }
    slot.asOf = slot.asOf ?? asOfOf(figure.ref, year);
    slots.set(period, slot);
  }
  const ordered = [...slots.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
  base.periods = ordered.map((s) => s.period);
  const last = ordered.at(-1);
  if (!last) {
    return base;
  }
  const resolveOn = last.asOf ?? parsePeriod(last.period)?.end ?? undefined;
  const agencyColumn = columns[layout.agency] ?? '';
  const noteColumn = layout.note === null ? null : (columns[layout.note] ?? null);
  const numberColumn = layout.number === null ? null : (columns[layout.number] ?? null);

  const figureCells = (index: number | undefined) =>
    index === undefined ? [] : records.map((r) => cleanText(r[columns[index] ?? ''] ?? ''));
  const hints = new Map<number, DecimalHint>();
  for (const figure of layout.figures) {
    hints.set(
      figure.index,
      hintFor(
        figure.kind === 'numerator' || figure.kind === 'denominator' ? 'count' : indicator.unit,
        figureCells(figure.index),
      ),
    );
  }

  const names = records.map((r) => cleanText(r[agencyColumn] ?? ''));
  const lines = rowLines(tableAt(deps.doc, list.line), names, layout.agency);
  const resolvedAgencies = new Set<string>();
  records.forEach((record, i) => {
    const rowNumber = i + 1;
    const line = lines[i] ?? null;
    const name = names[i] ?? '';
    const label = numberColumn ? cleanText(record[numberColumn] ?? '') : '';
    if (!name || (!label && TOTAL_ROW.test(foldText(name)))) {
      return;
    }
    const resolution = deps.resolver.resolve(name, resolveOn);
    if (resolution.status !== 'agency' || !resolution.agency) {
      problem(
        resolution.status === 'ambiguous' ? 'AMBIGUOUS_AGENCY' : 'UNKNOWN_AGENCY',
        `Hàng ${rowNumber}: không xác định được cơ quan “${name}” trong danh mục; bỏ qua hàng này.`,
        'warning',
        line,
        rowNumber,
      );
      return;
    }
    resolvedAgencies.add(resolution.agency.id);
    const note = noteColumn ? cleanText(record[noteColumn] ?? '') || null : null;
    const read = (index: number | undefined, what: string): { value: number | null; empty: boolean } => {
      if (index === undefined) {
        return { value: null, empty: true };
      }
      const text = cleanText(record[columns[index] ?? ''] ?? '');
      if (EMPTY_MARKS.has(foldText(text)) || text === '-') {
        return { value: null, empty: true };
      }
      const value = parseVietnameseNumber(text, hints.get(index));
      if (value === null) {
        problem(
          'VALUE_UNREADABLE',
          `Hàng ${rowNumber} (${name}), ${what}: không đọc được số “${text}”; coi như để trống.`,
          'warning',
          line,
          rowNumber,
        );
      }
      return { value, empty: false };
    };
    for (const slot of ordered) {
      const target = read(slot.target, `cột “${columns[slot.target ?? -1] ?? ''}”`);
      const value = read(slot.value, `cột “${columns[slot.value ?? -1] ?? ''}”`);
      const numerator = read(slot.numerator, 'tử số');
      const denominator = read(slot.denominator, 'mẫu số');
      const hasComponents = numerator.value !== null && denominator.value !== null;
      if (target.value === null && value.value === null && !hasComponents) {
        continue;
      }
      base.cells.push({
        agencyId: resolution.agency.id,
        agencyName: resolution.agency.name,
        nameAsWritten: name,
        row: rowNumber,
        line,
        period: slot.period,
        target: target.value,
        hasTargetColumn: slot.target !== undefined,
        value: value.value,
        numerator: hasComponents ? numerator.value : null,
        denominator: hasComponents ? denominator.value : null,
        asOf: slot.asOf,
        note,
      });
    }
  });
  base.agencies = resolvedAgencies.size;
  base.reportedAggregates = readReportedAggregates(deps.doc, list.line);
  return base;
}
