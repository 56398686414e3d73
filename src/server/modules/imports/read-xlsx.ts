import ExcelJS from 'exceljs';
import { tidy } from './html-blocks';
import { ImportReadError } from './import-errors';
import type { SourceBlock, SourceDocument, SourceRow } from './source-document';
import { hasZipMagic, listZipEntries } from './zip-entries';

/** True when the ZIP entries are those of an Excel workbook package. */
export function isXlsxPackage(entryNames: readonly string[]): boolean {
  return entryNames.includes('[Content_Types].xml') && entryNames.includes('xl/workbook.xml');
}

/**
 * Read an .xlsx: one table per non-empty sheet (sheet name kept), merged cells expanded, every value turned into
 * text as a person sees it (rich text joined, formula results, dates as D/M/YYYY, percentages as %). Rows keep
 * their sheet row numbers as `line`; fully empty rows and columns are dropped. Title rows above the header (one
 * distinct value, often merged across the table) become paragraphs, so the caption reader finds them.
 */
export async function readXlsxDocument(fileName: string, bytes: Buffer): Promise<SourceDocument> {
  if (bytes.length === 0) {
    throw new ImportReadError('EMPTY_FILE', fileName);
  }
  if (!hasZipMagic(bytes) || !isXlsxPackage(listZipEntries(bytes).map((e) => e.name))) {
    throw new ImportReadError('NOT_AN_XLSX', fileName);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; the bytes are the same.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportReadError('NOT_AN_XLSX', fileName, `Không đọc được bảng tính (${reason}).`);
  }
  const blocks: SourceBlock[] = [];
  for (const sheet of workbook.worksheets) {
    blocks.push(...readSheet(sheet));
  }
  return { fileName, format: 'xlsx', blocks };
}

function readSheet(sheet: ExcelJS.Worksheet): SourceBlock[] {
  const sparse: Array<{ line: number; cells: Map<number, string> }> = [];
  const usedColumns = new Set<number>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = new Map<number, string>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const text = cellToText(cell);
      if (text) {
        cells.set(col, text);
        usedColumns.add(col);
      }
    });
    if (cells.size > 0) {
      sparse.push({ line: rowNumber, cells });
    }
  });
  if (sparse.length === 0) {
    return [];
  }
  const columns = [...usedColumns].sort((a, b) => a - b);
  const rows: SourceRow[] = sparse.map((r) => ({ line: r.line, cells: columns.map((c) => r.cells.get(c) ?? '') }));

  const blocks: SourceBlock[] = [];
  const headerIndex = rows.findIndex((r) => distinctValues(r.cells) >= 2);
  let start = 0;
  if (headerIndex > 0) {
    for (; start < headerIndex; start++) {
      const row = rows[start];
      const text = row?.cells.find((c) => c !== '');
      if (row && text) {
        blocks.push({ kind: 'paragraph', text, line: row.line });
      }
    }
  }
  const tableRows = rows.slice(start);
  const first = tableRows[0];
  if (first) {
    blocks.push({ kind: 'table', rows: tableRows, line: first.line, sheet: sheet.name });
  }
  return blocks;
}

function distinctValues(cells: string[]): number {
  return new Set(cells.filter((c) => c !== '')).size;
}

function cellToText(cell: ExcelJS.Cell): string {
  const numFmt = cell.isMerged ? (cell.master.numFmt ?? cell.numFmt) : cell.numFmt;
  return tidy(valueToText(cell.value, numFmt));
}

function valueToText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return numberToText(value, numFmt);
  }
  if (typeof value === 'boolean') {
    return value ? 'TRUE' : 'FALSE';
  }
  if (value instanceof Date) {
    return dateToText(value);
  }
  if ('richText' in value) {
    return value.richText.map((run) => run.text).join('');
  }
  if ('error' in value) {
    return String(value.error);
  }
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') {
      return text;
    }
    if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) {
      return text.richText.map((run: { text?: unknown }) => String(run.text ?? '')).join('');
    }
    return value.hyperlink;
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) {
      return '';
    }
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) {
      return String(result.error);
    }
    return valueToText(result as ExcelJS.CellValue, numFmt);
  }
  return '';
}

function numberToText(value: number, numFmt: string | undefined): string {
  if (numFmt?.includes('%')) {
    return `${roundNoise(value * 100)}%`;
  }
  return String(roundNoise(value));
}

/** 0.1 + 0.2 stored as 0.30000000000000004 reads as 0.3. */
function roundNoise(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

/** Excel dates are local wall-clock times stored without a zone; exceljs hands them over as UTC. */
function dateToText(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const day = `${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear()}`;
  const hours = date.getUTCHours();
  const minutes = date.getUTCMinutes();
  if (hours === 0 && minutes === 0) {
    return day;
  }
  return `${day} ${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
