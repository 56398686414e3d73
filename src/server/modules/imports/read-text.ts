import { normalizeText } from '@shared/lib/vn-text';
import { cleanCell, parseFootnoteLine, stripMarkup } from './cell-text';
import { isHeaderRow, isSameHeader } from './column-map';
import type {
  SourceBlock,
  SourceDocument,
  SourceFormat,
  SourceParagraph,
  SourceRow,
  SourceTable,
} from './source-document';

/**
 * The text reader. Plain-text exports of directive documents come in four layouts, often mixed in one file:
 *
 * - **one cell per line** (exports of Word tables): every cell line starts with a tab, continuation lines of a
 *   cell have none, a line that is a tab alone is an empty cell, an empty line separates rows — but blank lines
 *   also occur inside cells, so a row ends at a blank line only when the row is full and the next line starts a
 *   new row. The header row fixes the number of columns. A line starting with a space then a tab starts a row
 *   whose first cell is empty.
 * - **Markdown pipe tables** with `**bold**` and `<br>` in cells.
 * - **tab-separated rows**, one row per line, with the header repeated after every page break; a row with an
 *   empty first cell right after a repeated header holds the rest of the row cut by the page break.
 * - **paragraphs**: Markdown headings (`##`), appendix captions ("PHỤ LỤC 01"), titles and prose, one per line.
 *
 * Everything is NFC-normalised first (look-alike letters, NO-BREAK SPACEs), and every block keeps its 1-based line.
 */
export function readTextDocument(fileName: string, text: string): SourceDocument {
  const lines = normalizeText(text).replace(/\r\n?/g, '\n').replace(/\f/g, '\n').split('\n');
  const reader = new TextLayoutReader(lines);
  const blocks = reader.read();
  return { fileName, format: reader.format(), blocks };
}

type LineKind = 'blank' | 'cell' | 'tsv' | 'pipe' | 'text';

const CELL_LINE = /^( *)\t([^\t]*)$/;
const PIPE_LINE = /^\s*\|/;
const PIPE_SEPARATOR = /^\s*:?-{2,}:?\s*$/;
const MARKDOWN_HEADING = /^\s{0,3}(#{1,6})\s+(.*)$/;
const ROW_LABEL = /^\s*(\d{1,3}\.?|[IVXLC]{1,6}\.?)\s*$/;
/** Lines that end a one-cell-per-line table wherever they occur: appendix captions, Markdown headings, rules. */
const STRONG_HEADING =
  /^\s*(?:#{1,6}\s+.*|\**\s*PHỤ LỤC\b.*|\**\s*Phụ lục\s*(?:[0-9IVX]+)?\s*[:.]?\s*\**\s*|-{3,}\s*)$/;

function classify(line: string): LineKind {
  if (line === '' || /^[ \u3000]+$/.test(line)) {
    return 'blank';
  }
  if (CELL_LINE.test(line)) {
    return 'cell';
  }
  if (PIPE_LINE.test(line)) {
    return 'pipe';
  }
  if (line.includes('\t')) {
    return line.replace(/\t/g, '').trim() === '' ? 'blank' : 'tsv';
  }
  return 'text';
}

class TextLayoutReader {
  private readonly kinds: LineKind[];
  /** For each line, the index of the next cell line at or after it (or -1). */
  private readonly nextCell: Int32Array;
  /** For each line, the index of the next strong heading at or after it (or -1). */
  private readonly nextHeading: Int32Array;
  private readonly blocks: SourceBlock[] = [];
  private sawPipeTable = false;
  private sawMarkdown = false;
  private sawTsv = false;

  constructor(private readonly lines: string[]) {
    this.kinds = lines.map(classify);
    const n = lines.length;
    this.nextCell = new Int32Array(n + 1).fill(-1);
    this.nextHeading = new Int32Array(n + 1).fill(-1);
    for (let i = n - 1; i >= 0; i--) {
      this.nextCell[i] = this.kinds[i] === 'cell' ? i : (this.nextCell[i + 1] ?? -1);
      const line = lines[i] ?? '';
      this.nextHeading[i] = this.kinds[i] === 'text' && STRONG_HEADING.test(line) ? i : (this.nextHeading[i + 1] ?? -1);
    }
  }

  /** Pipe tables make a Markdown file; otherwise tab-separated rows make a TSV file, whatever the emphasis. */
  format(): SourceFormat {
    if (this.sawPipeTable) {
      return 'markdown';
    }
    if (this.sawTsv) {
      return 'tsv';
    }
    return this.sawMarkdown ? 'markdown' : 'text';
  }

  read(): SourceBlock[] {
    let i = 0;
    const n = this.lines.length;
    while (i < n) {
      const kind = this.kinds[i];
      if (kind === 'cell') {
        i = this.readCellTable(i);
      } else if (kind === 'pipe') {
        i = this.readPipeTable(i);
      } else if (kind === 'tsv') {
        i = this.readTsvTable(i);
      } else {
        if (kind === 'text') {
          this.pushParagraph(i);
        }
        i++;
      }
    }
    return this.blocks;
  }

  private line(i: number): string {
    return this.lines[i] ?? '';
  }

  private pushParagraph(i: number): void {
    const paragraph = toParagraph(this.line(i), i + 1);
    if (paragraph) {
      if (paragraph.headingLevel !== undefined || /\*\*\S/.test(this.line(i))) {
        this.sawMarkdown = true;
      }
      this.blocks.push(paragraph);
    }
  }

  /** A table needs two rows and two columns; anything less is a line of text that happens to hold a tab or a bar. */
  private pushTable(rows: SourceRow[]): void {
    const cleaned = rows.map((r) => ({ line: r.line, cells: r.cells.map((c) => cleanCell(c)) }));
    const first = cleaned[0];
    if (!first) {
      return;
    }
    const isTable = cleaned.length >= 2 && cleaned.some((r) => r.cells.filter((c) => c !== '').length >= 2);
    if (isTable) {
      const table: SourceTable = { kind: 'table', rows: cleaned, line: first.line };
      this.blocks.push(table);
      return;
    }
    for (const row of cleaned) {
      const text = row.cells
        .filter((c) => c !== '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (/[\p{L}\p{N}]/u.test(text)) {
        this.blocks.push({ kind: 'paragraph', text, line: row.line });
      }
    }
  }

  /** One cell per line (see the module comment). Returns the index of the first line after the table. */
  private readCellTable(start: number): number {
    const rows: SourceRow[] = [];
    let cur: SourceRow | null = null;
    let width: number | null = null;
    let pendingBlank = false;
    let i = start;
    const n = this.lines.length;
    const finish = () => {
      if (cur) {
        rows.push(cur);
        if (width === null) {
          width = cur.cells.length;
        }
      }
      cur = null;
    };
    const appendToLastCell = (text: string, paragraphBreak: boolean) => {
      if (!cur) {
        return;
      }
      const last = cur.cells.length - 1;
      if (last < 0) {
        cur.cells.push(text);
      } else {
        cur.cells[last] = `${cur.cells[last]}${paragraphBreak ? '\n\n' : '\n'}${text}`;
      }
    };

    while (i < n) {
      const kind = this.kinds[i];
      const line = this.line(i);
      if (kind === 'blank') {
        pendingBlank = true;
        i++;
        continue;
      }
      if (kind === 'cell') {
        const match = CELL_LINE.exec(line);
        const spaced = (match?.[1]?.length ?? 0) > 0;
        const content = match?.[2] ?? '';
        const row: SourceRow | null = cur;
        if (row === null) {
          cur = { cells: spaced ? ['', content] : [content], line: i + 1 };
        } else if (spaced && width !== null) {
          finish();
          cur = { cells: ['', content], line: i + 1 };
        } else if (width === null) {
          // Still in the header row: it ends at a blank line, or where a row number follows a complete header.
          if (pendingBlank || (ROW_LABEL.test(content) && isHeaderRow(row.cells))) {
            finish();
            cur = { cells: [content], line: i + 1 };
          } else {
            row.cells.push(content);
          }
        } else if (row.cells.length >= width) {
          finish();
          cur = { cells: [content], line: i + 1 };
        } else {
          row.cells.push(content);
        }
        pendingBlank = false;
        i++;
        continue;
      }
      if (kind !== 'text') {
        break;
      }
      // A line without a tab: a continuation of the last cell, or the first paragraph after the table.
      if (cur === null || STRONG_HEADING.test(line)) {
        break;
      }
      const row: SourceRow = cur;
      if (pendingBlank && width !== null && row.cells.length >= width) {
        const nextCell = this.nextCell[i] ?? -1;
        const nextHeading = this.nextHeading[i] ?? -1;
        if (nextHeading !== -1 && (nextCell === -1 || nextHeading < nextCell)) {
          // Text up to the next caption still belongs to the last cell (a stray paragraph after a blank line).
          for (let j = i; j < nextHeading; j++) {
            if (this.kinds[j] === 'text') {
              appendToLastCell(this.line(j).trim(), j === i);
            }
          }
          i = nextHeading;
          break;
        }
        if (nextCell === -1 || this.startsHeaderRow(nextCell)) {
          break;
        }
      }
      appendToLastCell(line.trim(), pendingBlank);
      pendingBlank = false;
      i++;
    }
    finish();
    this.pushTable(rows);
    return i;
  }

  /** True when the cell lines from `index` up to the next blank line read as a header row. */
  private startsHeaderRow(index: number): boolean {
    const cells: string[] = [];
    for (let j = index; j < this.lines.length && cells.length < 40; j++) {
      const kind = this.kinds[j];
      if (kind === 'cell') {
        cells.push(CELL_LINE.exec(this.line(j))?.[2] ?? '');
      } else if (kind === 'text' && cells.length > 0) {
        cells[cells.length - 1] = `${cells[cells.length - 1]} ${this.line(j).trim()}`;
      } else {
        break;
      }
    }
    return isHeaderRow(cells);
  }

  /** Consecutive `| a | b |` lines; separator rows are dropped. */
  private readPipeTable(start: number): number {
    const rows: SourceRow[] = [];
    let i = start;
    while (i < this.lines.length && this.kinds[i] === 'pipe') {
      const cells = splitPipeRow(this.line(i));
      const isSeparator =
        cells.some((c) => PIPE_SEPARATOR.test(c)) && cells.every((c) => PIPE_SEPARATOR.test(c) || c.trim() === '');
      if (!isSeparator) {
        rows.push({ cells, line: i + 1 });
      }
      i++;
    }
    this.sawPipeTable = true;
    this.pushTable(rows);
    return i;
  }

  /**
   * Tab-separated rows. Blank lines, footnote lines ("² Kế hoạch số …") and page numbers between rows do not end
   * the table; the header repeated after a page break is dropped, and a row with an empty first cell right after
   * it is merged into the row above (the page break cut that row).
   */
  private readTsvTable(start: number): number {
    const rows: SourceRow[] = [];
    const interludes: number[] = [];
    let header: string[] | null = null;
    let afterPageBreak = false;
    let i = start;
    const n = this.lines.length;
    while (i < n) {
      const kind = this.kinds[i];
      const line = this.line(i);
      if (kind === 'blank') {
        i++;
        continue;
      }
      if (kind === 'text' || kind === 'pipe') {
        if (parseFootnoteLine(line) || /^\s*\**\d{1,3}\**\s*$/.test(line)) {
          if (this.tsvContinuesAfter(i)) {
            interludes.push(i);
            i++;
            continue;
          }
        }
        break;
      }
      const cells = (kind === 'cell' ? line.replace(/^ +/, '') : line).split('\t');
      if (header === null) {
        header = cells;
        rows.push({ cells, line: i + 1 });
      } else if (isSameHeader(cells, header)) {
        afterPageBreak = true;
      } else {
        const previous = rows[rows.length - 1];
        if (afterPageBreak && previous && rows.length > 1 && cleanCell(cells[0] ?? '') === '') {
          mergeContinuation(previous, cells);
        } else {
          rows.push({ cells, line: i + 1 });
        }
        afterPageBreak = false;
      }
      this.sawTsv = true;
      i++;
    }
    this.pushTable(rows);
    for (const index of interludes) {
      this.pushParagraph(index);
    }
    return i;
  }

  /** True when, past blank and footnote lines, the next line is a table row again. */
  private tsvContinuesAfter(index: number): boolean {
    for (let j = index + 1; j < this.lines.length; j++) {
      const kind = this.kinds[j];
      if (kind === 'tsv' || kind === 'cell') {
        return true;
      }
      if (kind === 'blank' || parseFootnoteLine(this.line(j))) {
        continue;
      }
      return false;
    }
    return false;
  }
}

function mergeContinuation(previous: SourceRow, cells: string[]): void {
  cells.forEach((raw, j) => {
    if (j === 0) {
      return;
    }
    const fragment = cleanCell(raw);
    if (fragment === '') {
      return;
    }
    const before = cleanCell(previous.cells[j] ?? '');
    const separator = before === '' ? '' : fragment.startsWith('- ') ? '\n' : ' ';
    while (previous.cells.length <= j) {
      previous.cells.push('');
    }
    previous.cells[j] = `${before}${separator}${fragment}`;
  });
}

function splitPipeRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) {
    body = body.slice(1);
  }
  if (body.endsWith('|') && !body.endsWith('\\|')) {
    body = body.slice(0, -1);
  }
  return body.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
}

/** A text line as a paragraph: Markdown heading level kept, markup removed; null for lines without letters. */
function toParagraph(raw: string, line: number): SourceParagraph | null {
  let text = raw;
  let headingLevel: number | undefined;
  const heading = MARKDOWN_HEADING.exec(text);
  if (heading?.[1] && heading[2] !== undefined) {
    headingLevel = heading[1].length;
    text = heading[2];
  }
  text = text.replace(/^\s*\*\s+/, '- ');
  text = stripMarkup(text)
    .replace(/[ \t]+/g, ' ')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(text)) {
    return null;
  }
  return headingLevel === undefined
    ? { kind: 'paragraph', text, line }
    : { kind: 'paragraph', text, line, headingLevel };
}
