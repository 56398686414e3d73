import type { DbOrTx } from '@server/db/client';
import { newId } from '@server/lib/ids';
import type { AgencyResolver } from '@server/modules/agencies/agency-resolver';
import { type AuditWho, recordAudit } from '@server/modules/audit/audit.service';
import type { SourceDocument } from '@server/modules/imports/source-document';
import type { ImportList, Problem } from '@shared/contracts/imports';
import type { IndicatorImportResult } from '@shared/contracts/indicators';
import { isRateUnit, parsePeriod, rateOf, scaleOfUnit } from '@shared/domain/indicator-evaluation';
import {
  type CurrentFigure,
  insertTargets,
  insertValues,
  listCurrentFigures,
  listIndicatorRows,
  retireValues,
  setTargetStates,
  type TargetInsert,
  upsertReportedAggregates,
  type ValueInsert,
} from './indicators.repo';
import { ensureIndicatorCatalogue } from './indicators.service';
import { type CatalogueEntry, type ReadOptions, readIndicatorTable, type TableCell } from './read-indicator-table';

export type IndicatorImportInput = {
  lists: ImportList[];
  docs: SourceDocument[];
  resolver: Pick<AgencyResolver, 'resolve'>;
  now: Date;
  /** Who imports (null: the system, e.g. the CLI). */
  actor: { userId: string | null; agencyId: string | null; ip?: string | null | undefined } | null;
  importRunId: string | null;
  options?: ReadOptions;
};

export type IndicatorImportOutcome = Omit<IndicatorImportResult, 'dryRun'>;

type Counts = { created: number; updated: number; unchanged: number };

const SAME = 1e-9;

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(a));
}

function sourceRefOf(cell: TableCell, file: string): string {
  return cell.line !== null ? `${file}, dòng ${cell.line}` : `${file}, hàng ${cell.row}`;
}

/** Loads the catalogue in the shape the table reader wants. */
export async function loadCatalogueEntries(db: DbOrTx): Promise<CatalogueEntry[]> {
  const rows = await listIndicatorRows(db);
  return rows
    .filter((r) => r.isActive)
    .map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      unit: r.unit as CatalogueEntry['unit'],
      matchPhrases: r.matchPhrases,
      numeratorLabel: r.numeratorLabel,
      denominatorLabel: r.denominatorLabel,
    }));
}

/**
 * Stores the indicator tables of an import (seed 001 Phụ lục 03 and tables in its layout) inside the caller's
 * transaction: every registered target and every reported value, each with its file and line. Idempotent: a figure
 * equal to the current one is left alone; a different one becomes a new version (the old one stays, as history).
 * Targets read from a report are written as the report states them (source "import"), whatever the registration
 * window says: the report is the standing office's own record of what was registered.
 */
export async function importIndicatorLists(tx: DbOrTx, input: IndicatorImportInput): Promise<IndicatorImportOutcome> {
  const problems: Problem[] = [];
  const empty = { created: 0, updated: 0, unchanged: 0 };
  if (!input.lists.some((l) => l.kind === 'indicator-table')) {
    return { tables: [], targets: empty, values: { ...empty }, reportedAggregates: 0, problems };
  }
  await ensureIndicatorCatalogue(tx);
  const catalogue = await loadCatalogueEntries(tx);
  const docsByFile = new Map(input.docs.map((d) => [d.fileName, d]));
  const tables = input.lists
    .filter((l) => l.kind === 'indicator-table')
    .map((list) => {
      const doc = docsByFile.get(list.file);
      return readIndicatorTable(list, {
        catalogue,
        resolver: input.resolver,
        ...(doc ? { doc } : {}),
        ...(input.options ? { options: input.options } : {}),
      });
    });
  for (const table of tables) {
    problems.push(...table.problems);
  }

  // One figure per (indicator, agency, period): the last table wins, and the clash is reported.
  type Keyed = { table: (typeof tables)[number]; cell: TableCell; indicator: CatalogueEntry };
  const byKey = new Map<string, Keyed>();
  for (const table of tables) {
    const indicator = table.indicator;
    if (!indicator) {
      continue;
    }
    for (const cell of table.cells) {
      const key = `${indicator.id}|${cell.agencyId}|${cell.period}`;
      const previous = byKey.get(key);
      if (previous) {
        problems.push({
          file: table.file,
          line: cell.line,
          row: cell.row,
          code: 'DUPLICATE_INDICATOR_ROW',
          message: `${cell.agencyName}, kỳ ${cell.period}: đã có số liệu ở ${sourceRefOf(previous.cell, previous.table.file)}; dùng số liệu ở hàng này.`,
          severity: 'warning',
        });
      }
      byKey.set(key, { table, cell, indicator });
    }
  }
  const entries = [...byKey.values()];
  const indicatorIds = [...new Set(entries.map((e) => e.indicator.id))];
  const periods = [...new Set(entries.map((e) => e.cell.period))];
  const current = new Map<string, CurrentFigure>();
  for (const figure of await listCurrentFigures(tx, { indicatorIds, periods })) {
    current.set(`${figure.kind}|${figure.indicatorId}|${figure.agencyId}|${figure.period}`, figure);
  }

  const targets: Counts = { created: 0, updated: 0, unchanged: 0 };
  const values: Counts = { created: 0, updated: 0, unchanged: 0 };
  const targetRows: TargetInsert[] = [];
  const supersededTargets: string[] = [];
  const valueRows: ValueInsert[] = [];
  const retiredValues: string[] = [];
  for (const { table, cell, indicator } of entries) {
    const key = `${indicator.id}|${cell.agencyId}|${cell.period}`;
    const year = parsePeriod(cell.period)?.year ?? 0;
    const sourceRef = sourceRefOf(cell, table.file);
    if (cell.target !== null) {
      const existing = current.get(`target|${key}`);
      if (existing && sameNumber(existing.value, cell.target)) {
        targets.unchanged += 1;
      } else {
        if (existing) {
          supersededTargets.push(existing.id);
          targets.updated += 1;
        } else {
          targets.created += 1;
        }
        targetRows.push({
          id: newId(),
          indicatorId: indicator.id,
          agencyId: cell.agencyId,
          period: cell.period,
          year,
          value: String(cell.target),
          version: (existing?.version ?? 0) + 1,
          state: 'active',
          source: 'import',
          reason: null,
          sourceRef,
          importRunId: input.importRunId,
          supersedesId: existing?.id ?? null,
          requestedByUserId: input.actor?.userId ?? null,
          requestedAt: input.now,
          decidedAt: input.now,
          decidedByUserId: input.actor?.userId ?? null,
        });
      }
    }
    const hasComponents = cell.numerator !== null && cell.denominator !== null;
    let value = cell.value;
    if (hasComponents && isRateUnit(indicator.unit)) {
      const computed = rateOf(cell.numerator as number, cell.denominator as number, scaleOfUnit(indicator.unit));
      if (computed !== null && value !== null && Math.abs(computed - value) > 0.01) {
        problems.push({
          file: table.file,
          line: cell.line,
          row: cell.row,
          code: 'RATE_MISMATCH',
          message: `${cell.agencyName}, kỳ ${cell.period}: tỷ lệ ghi ${value} khác tử số/mẫu số (${computed.toFixed(2)}); dùng tử số/mẫu số.`,
          severity: 'warning',
        });
      }
      value = computed ?? value;
    }
    if (value === null) {
      continue;
    }
    const existing = current.get(`value|${key}`);
    if (
      existing &&
      sameNumber(existing.value, value) &&
      sameNumber(existing.numerator, hasComponents ? cell.numerator : null) &&
      sameNumber(existing.denominator, hasComponents ? cell.denominator : null) &&
      existing.asOf === cell.asOf &&
      (existing.note ?? null) === cell.note
    ) {
      values.unchanged += 1;
      continue;
    }
    if (existing) {
      retiredValues.push(existing.id);
      values.updated += 1;
    } else {
      values.created += 1;
    }
    valueRows.push({
      id: newId(),
      indicatorId: indicator.id,
      agencyId: cell.agencyId,
      period: cell.period,
      year,
      version: (existing?.version ?? 0) + 1,
      isCurrent: true,
      value: String(value),
      numerator: hasComponents ? String(cell.numerator) : null,
      denominator: hasComponents ? String(cell.denominator) : null,
      asOf: cell.asOf,
      source: 'import',
      sourceRef,
      importRunId: input.importRunId,
      note: cell.note,
      correctionReason: existing ? `Nhập lại từ ${table.file}` : null,
      supersedesId: existing?.id ?? null,
      enteredByUserId: input.actor?.userId ?? null,
      enteredAt: input.now,
    });
  }
  // Retire first: the partial unique indexes allow one active target and one current value per key.
  await setTargetStates(tx, supersededTargets, { state: 'superseded' });
  await retireValues(tx, retiredValues);
  await insertTargets(tx, targetRows);
  await insertValues(tx, valueRows);

  let reportedAggregates = 0;
  for (const table of tables) {
    if (!table.indicator || table.reportedAggregates.length === 0) {
      continue;
    }
    const indicatorId = table.indicator.id;
    reportedAggregates += await upsertReportedAggregates(
      tx,
      table.reportedAggregates.map((a) => ({
        id: newId(),
        indicatorId,
        period: a.period,
        scope: a.scope,
        value: String(a.value),
        quote: a.quote,
        sourceRef: `${table.file}, dòng ${a.line}`,
        importRunId: input.importRunId,
      })),
    );
  }

  const outcome: IndicatorImportOutcome = {
    tables: tables.map((t) => ({
      file: t.file,
      title: t.title,
      line: t.line,
      indicatorCode: t.indicator?.code ?? null,
      year: t.year,
      rows: t.rows,
      agencies: t.agencies,
      periods: t.periods,
      targets: t.cells.filter((c) => c.target !== null).length,
      emptyTargets: t.cells.filter((c) => c.target === null && c.hasTargetColumn).length,
      values: t.cells.filter((c) => c.value !== null || c.numerator !== null).length,
      valuesWithoutComponents: t.cells.filter((c) => c.value !== null && c.numerator === null).length,
    })),
    targets,
    values,
    reportedAggregates,
    problems,
  };
  if (targetRows.length + valueRows.length + reportedAggregates > 0) {
    const { actor } = input;
    const who: AuditWho | null =
      actor?.userId && actor.agencyId ? { userId: actor.userId, agencyId: actor.agencyId, ip: actor.ip ?? null } : null;
    await recordAudit(tx, who, {
      action: 'indicator.import',
      entityType: 'indicator_import',
      entityId: input.importRunId,
      after: {
        tables: outcome.tables.map((t) => ({ file: t.file, title: t.title, indicator: t.indicatorCode })),
        targets,
        values,
        reportedAggregates,
      },
      at: input.now,
    });
  }
  return outcome;
}
