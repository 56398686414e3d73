import type { ImportDirective, ListKind, Problem } from '@shared/contracts/imports';
import { cleanText, foldText } from '@shared/lib/vn-text';
import { parseFootnoteLine, stripFootnoteMarkers } from './cell-text';
import { type ColumnMap, type ColumnRole, isHeaderRow, isSameHeader, mapColumns, roleOfHeader } from './column-map';
import { DIRECTIVE_KINDS, type DocumentHeader, kindOfCitation, parseVietnameseDate } from './document-header';
import type { SourceDocument, SourceParagraph, SourceRow, SourceTable } from './source-document';

type DirectiveKind = ImportDirective['kind'];

/** A document cited in a text ("Thông báo số 05-TB/BCĐTW ngày 04/7/2025"), as the citation parser returns it. */
export type Citation = {
  key: string;
  kind: string;
  number: string | null;
  issuedOn: string | null;
  issuer: string | null;
  raw: string;
};

/** Finds every document citation in a text, in order. */
export type CitationFinder = (text: string) => Citation[];

/** A section of a directive met while reading (a group row of a table, a heading of a body). */
export type DraftSection = { label: string | null; title: string; parent: string | null };

/** A task row as read, before agencies and deadlines are resolved. */
export type DraftTask = {
  section: string | null;
  label: string | null;
  text: string;
  leadRaw: string | null;
  coordinatorsRaw: string | null;
  product: string | null;
  notes: string | null;
  /** The deadline cell as written ('' when empty). */
  deadlineRaw: string;
  /** The row has no deadline cell at all (truncated). */
  deadlineMissing: boolean;
  /** The row's own "Văn bản giao nhiệm vụ" cell, when the table has one. */
  assignedByText: string | null;
  status: string | null;
  unitsNotCompletedRaw: string | null;
  result: string | null;
  description: string | null;
  line: number;
  /** 1-based ordinal of the task among the list's task rows. */
  row: number;
};

/** A table read as a list, before agencies and deadlines are resolved. */
export type DraftList = {
  file: string;
  kind: ListKind;
  title: string;
  line: number;
  /** Citation of the directive the caption names, or null. */
  captionCitation: Citation | null;
  /** The document (within the file) that holds the table. */
  document: DocumentHeader;
  /** Appendix heading of the table, when it sits in one ("PHỤ LỤC NHIỆM VỤ, GIẢI PHÁP"). */
  appendix: string | null;
  /** Date the caption gives ("Kèm theo Báo cáo ngày 18 tháng 7 năm 2025"), ISO. */
  captionDate: string | null;
  columns: string[];
  roles: Array<ColumnRole | null>;
  tasks: DraftTask[];
  rows: Array<Record<string, string>> | undefined;
  sections: DraftSection[];
};

export type InterpretTablesInput = {
  doc: SourceDocument;
  documents: DocumentHeader[];
  findCitations: CitationFinder;
  problems: Problem[];
};

/**
 * Interprets every table of a document as a list: finds the header row and maps its columns by meaning, decides
 * the list kind (task list, status report, indicator table, comment table, other), names it from the caption
 * paragraphs above it, and reads each row as a task, a group row (a section), a note or a repeated header.
 */
export function interpretTables(input: InterpretTablesInput): DraftList[] {
  const { doc, documents } = input;
  const footnotes = collectFootnotes(doc);
  const captions = new CaptionTracker();
  const lists: DraftList[] = [];
  let segment = 0;
  doc.blocks.forEach((block, index) => {
    while (segment < documents.length - 1 && index >= (documents[segment]?.endBlock ?? 0)) {
      segment++;
      captions.reset();
    }
    const document = documents[segment];
    if (!document) {
      return;
    }
    if (block.kind === 'paragraph') {
      captions.see(block);
      return;
    }
    const caption = captions.captionFor();
    const list = interpretTable(block, { ...input, document, caption, footnotes });
    if (list) {
      lists.push(list);
    }
  });
  return lists;
}

// ---------------------------------------------------------------------------------------------------------------
// Captions

type Caption = {
  title: string | null;
  appendix: string | null;
  /** Texts to search for the directive the list belongs to, most specific first. */
  citationTexts: string[];
  date: string | null;
};

const APPENDIX = /^(?:PHỤ LỤC|Phụ lục)(?![\p{L}\p{N}])/u;
const ATTACHMENT = /^\(?\s*(?:Ban hành\s+)?kèm theo\b/i;
const NUMBERED_CAPTION = /^(\d{1,2})[.)]\s+\S/;
const LETTERED_CAPTION = /^([a-zđ])\)\s+\S/;

/** Follows the caption paragraphs (appendix heading, numbered and lettered sub-captions) above each table. */
class CaptionTracker {
  private appendix: { heading: string; title: string[]; attachment: string[]; lastLine: number; open: boolean } | null =
    null;
  private numbered: string | null = null;
  private lettered: string | null = null;
  private plain: string | null = null;

  reset(): void {
    this.appendix = null;
    this.numbered = null;
    this.lettered = null;
    this.plain = null;
  }

  see(p: SourceParagraph): void {
    const text = cleanText(p.text);
    if (APPENDIX.test(text) && text.length <= 300) {
      const { heading, rest } = splitAppendixHeading(text);
      this.appendix = { heading, title: rest ? [rest] : [], attachment: [], lastLine: p.line, open: true };
      this.numbered = null;
      this.lettered = null;
      this.plain = null;
      return;
    }
    const appendix = this.appendix;
    if (appendix?.open) {
      const inAttachment = appendix.attachment.length > 0 && !appendix.attachment.join(' ').includes(')');
      if (inAttachment || ATTACHMENT.test(text)) {
        appendix.attachment.push(text);
        appendix.lastLine = p.line;
        if (text.includes(')')) {
          appendix.open = false;
        }
        return;
      }
      const close = p.line <= appendix.lastLine + 2;
      if (close && appendix.attachment.length === 0 && (isUpperDominant(text) || text.startsWith('('))) {
        appendix.title.push(text);
        appendix.lastLine = p.line;
        return;
      }
      if (close && appendix.title.length === 0 && text.length <= 300) {
        appendix.title.push(text);
        appendix.lastLine = p.line;
        return;
      }
      appendix.open = false;
    }
    // A long numbered or lettered paragraph is a heading of its own (or an item): it ends the captions above it.
    if (NUMBERED_CAPTION.test(text)) {
      this.numbered = text.length <= 160 ? text : null;
      this.lettered = null;
      this.plain = null;
    } else if (LETTERED_CAPTION.test(text)) {
      this.lettered = text.length <= 160 ? text : null;
      this.plain = null;
    } else {
      this.plain = text.length <= 200 && !/^Ghi chú(?![\p{L}\p{N}])/iu.test(text) ? text : null;
    }
  }

  captionFor(): Caption {
    const appendix = this.appendix;
    const appendixTitle = appendix ? [appendix.heading, appendix.title.join(' ')].filter(Boolean).join(': ') : null;
    const parts = [appendixTitle, this.numbered, this.lettered, this.plain]
      .filter((p): p is string => Boolean(p))
      .map((p) => p.replace(/[\s:]+$/, ''));
    const attachment = appendix ? appendix.attachment.join(' ') : '';
    const caption: Caption = {
      title: parts.length > 0 ? parts.join(' › ') : null,
      appendix: appendixTitle,
      citationTexts: [this.plain, this.lettered, this.numbered, appendix?.title.join(' ') ?? null, attachment].filter(
        (t): t is string => Boolean(t),
      ),
      date: attachment ? parseVietnameseDate(attachment) : null,
    };
    // A caption names one table; the next table needs its own.
    this.plain = null;
    return caption;
  }
}

/**
 * "PHỤ LỤC 04: DANH MỤC …" → heading "PHỤ LỤC 04", rest "DANH MỤC …"; a heading without a number
 * ("PHỤ LỤC NHIỆM VỤ, GIẢI PHÁP") stays whole.
 */
export function splitAppendixHeading(text: string): { heading: string; rest: string } {
  const match = /^((?:PHỤ LỤC|Phụ lục)(?:\s*(?:\d+|[IVXLC]+)(?=[\s:.]|$))?)\s*([:.])?\s*(.*)$/u.exec(text);
  if (!match?.[1]) {
    return { heading: text, rest: '' };
  }
  const numbered = match[1].length > 'PHỤ LỤC'.length;
  if (!numbered && !match[2] && match[3]) {
    return { heading: text, rest: '' };
  }
  return { heading: match[1], rest: (match[3] ?? '').trim() };
}

function isUpperDominant(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4) {
    return false;
  }
  return letters.replace(/[^\p{Lu}]/gu, '').length / letters.length >= 0.8;
}

// ---------------------------------------------------------------------------------------------------------------
// Footnotes

type Footnote = { marker: string; text: string; line: number };

function collectFootnotes(doc: SourceDocument): Footnote[] {
  const notes: Footnote[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      const note = parseFootnoteLine(block.text);
      if (note) {
        notes.push({ ...note, line: block.line });
      }
    }
  }
  return notes;
}

/** The footnote text for a marker: the definition nearest to the line where the marker is used. */
function footnoteText(footnotes: Footnote[], marker: string, line: number): string | null {
  let best: Footnote | null = null;
  for (const note of footnotes) {
    if (note.marker === marker && (!best || Math.abs(note.line - line) < Math.abs(best.line - line))) {
      best = note;
    }
  }
  return best?.text ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

type TableInput = InterpretTablesInput & { document: DocumentHeader; caption: Caption; footnotes: Footnote[] };

const ROMAN = /^[IVXLC]{1,6}\.?$/;
const LETTER_GROUP = /^[A-HK-UW-Z]\.?$/;
const ROW_NUMBER = /^\d{1,4}(?:\.\d{1,3})*[.)]?$/;
const SUBHEADING = /^([a-zđ])\)\s+\S/;
const DEADLINE_ONLY =
  /^(?:(?:trước|trong)\s+(?:ngày\s+)?)?(?:\d{1,2}\/\d{1,2}\/\d{4}|tháng\s+\d{1,2}\/\d{4}|quý\s+[IV1-4]+\/\d{4}|năm\s+\d{4})\.?$/i;
/** Informational problems of one code beyond this many per file are summarised in one line. */
const MAX_INFO_PER_CODE = 20;
const ROLE_LABELS: Partial<Record<ColumnRole, string>> = {
  text: 'nội dung nhiệm vụ',
  lead: 'cơ quan chủ trì',
  coordinators: 'cơ quan phối hợp',
  product: 'sản phẩm',
  deadline: 'thời hạn',
  notes: 'ghi chú',
};

function interpretTable(table: SourceTable, input: TableInput): DraftList | null {
  const { doc, caption, problems } = input;
  const file = doc.fileName;
  const rows = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) {
    return null;
  }
  const headerAt = rows.slice(0, 3).findIndex((r) => isHeaderRow(r.cells));
  const reportOnce = (problem: Problem) => {
    const same = problems.filter((p) => p.file === file && p.code === problem.code).length;
    if (same < MAX_INFO_PER_CODE) {
      problems.push(problem);
    } else if (same === MAX_INFO_PER_CODE) {
      problems.push({ ...problem, line: null, message: 'Còn những bảng khác cùng loại; không liệt kê thêm.' });
    }
  };
  const title = caption.title ?? `Bảng tại dòng ${table.line}`;
  const citation = findDirectiveCitation(caption.citationTexts, input.findCitations);
  const base = {
    file,
    title,
    line: table.line,
    captionCitation: citation,
    document: input.document,
    appendix: caption.appendix,
    captionDate: caption.date,
    sections: [] as DraftSection[],
  };
  if (headerAt === -1) {
    const width = Math.max(...rows.map((r) => r.cells.length));
    const columns = Array.from({ length: width }, (_, i) => `Cột ${i + 1}`);
    reportOnce({
      file,
      line: table.line,
      row: null,
      code: 'TABLE_NOT_INTERPRETED',
      message: `Bảng “${shorten(title)}” không có dòng tiêu đề cột nhận ra được (STT, nội dung nhiệm vụ, cơ quan chủ trì, thời hạn…); giữ nguyên các dòng.`,
      severity: 'info',
    });
    return {
      ...base,
      kind: 'other-table',
      columns,
      roles: columns.map(() => null),
      tasks: [],
      rows: rows.map((r) => toRecord(columns, r.cells)),
    };
  }

  let headerRow = rows[headerAt] as SourceRow;
  let next = headerAt + 1;
  const second = rows[next];
  if (second && isSubHeaderRow(second.cells)) {
    headerRow = { line: headerRow.line, cells: mergeHeaderRows(headerRow.cells, second.cells) };
    next++;
  }
  let map = mapColumns(headerRow.cells);
  const body = rows.slice(next);
  resolveProgressColumn(map, body);
  const kind = kindOf(map);
  const columns = map.headers;

  if (kind === 'comment-table' || kind === 'indicator-table' || kind === 'other-table') {
    if (kind === 'other-table') {
      reportMissingColumns(map, { file, line: table.line, title, problems, reportOnce });
    }
    return {
      ...base,
      kind,
      columns,
      roles: map.roles,
      tasks: [],
      rows: body.filter((r) => !isSameHeader(r.cells, headerRow.cells)).map((r) => toRecord(columns, r.cells)),
    };
  }
  if (map.index.lead === undefined) {
    problems.push({
      file,
      line: table.line,
      row: null,
      code: 'MISSING_COLUMN',
      message: `Bảng “${shorten(title)}” không có cột cơ quan chủ trì; các nhiệm vụ được nhập không có cơ quan chủ trì.`,
      severity: 'warning',
    });
  }

  const tasks: DraftTask[] = [];
  const sections = new SectionStack();
  for (const row of body) {
    if (isSameHeader(row.cells, headerRow.cells)) {
      continue;
    }
    if (isHeaderRow(row.cells) && row.cells.filter((c) => roleOfHeader(c) !== null).length >= 3) {
      // A different header in the middle of a table: the columns change from here on.
      headerRow = row;
      map = mapColumns(row.cells);
      resolveProgressColumn(map, body);
      continue;
    }
    const read = readRow(row, map);
    if (read.kind === 'empty' || read.kind === 'note') {
      continue;
    }
    if (read.kind === 'group') {
      sections.push(read.level, read.label, read.title);
      continue;
    }
    if (read.kind === 'orphan') {
      problems.push({
        file,
        line: row.line,
        row: null,
        code: 'ROW_WITHOUT_TEXT',
        message: `Dòng ${row.line} của bảng “${shorten(title)}” có dữ liệu nhưng không có nội dung nhiệm vụ; đã bỏ qua.`,
        severity: 'warning',
      });
      continue;
    }
    const ordinal = tasks.length + 1;
    const task = buildTask(read.cells, {
      map,
      row,
      ordinal,
      section: sections.path(),
      input,
      title,
    });
    if (row.cells.length < headerRow.cells.length) {
      const missing = map.roles
        .slice(row.cells.length)
        .map((role, i) => (role ? (ROLE_LABELS[role] ?? map.headers[row.cells.length + i]) : null))
        .filter((r): r is string => Boolean(r));
      if (missing.length > 0) {
        problems.push({
          file,
          line: row.line,
          row: ordinal,
          code: 'TRUNCATED_ROW',
          message: `Dòng bị cắt cụt: thiếu ô ${missing.join(', ')} (có ${row.cells.length}/${headerRow.cells.length} ô).`,
          severity: 'warning',
        });
      }
    }
    tasks.push(task);
  }
  return {
    ...base,
    kind,
    columns,
    roles: map.roles,
    tasks,
    rows: undefined,
    sections: sections.all(),
  };
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function toRecord(columns: string[], cells: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  const seen = new Map<string, number>();
  columns.forEach((name, i) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    const key = count === 1 ? name || `Cột ${i + 1}` : `${name} (${count})`;
    record[key] = cells[i] ?? '';
  });
  cells.slice(columns.length).forEach((cell, i) => {
    if (cell) {
      record[`Cột ${columns.length + i + 1}`] = cell;
    }
  });
  return record;
}

/** A second header row under merged header cells ("Cơ quan" over "Chủ trì" / "Phối hợp"). */
function isSubHeaderRow(cells: readonly string[]): boolean {
  const nonEmpty = cells.map((c) => cleanText(c)).filter(Boolean);
  if (nonEmpty.length === 0 || nonEmpty.some((c) => c.length > 40 || ROW_NUMBER.test(c) || ROMAN.test(c))) {
    return false;
  }
  const known = nonEmpty.filter((c) => roleOfHeader(c) !== null).length;
  return known / nonEmpty.length >= 0.5 && !nonEmpty.every((c) => roleOfHeader(c) === 'label');
}

function mergeHeaderRows(top: readonly string[], bottom: readonly string[]): string[] {
  const width = Math.max(top.length, bottom.length);
  return Array.from({ length: width }, (_, i) => {
    const a = cleanText(top[i] ?? '');
    const b = cleanText(bottom[i] ?? '');
    if (!b || foldText(a) === foldText(b)) {
      return a;
    }
    return a ? `${a} ${b}` : b;
  });
}

const DATE_LIKE =
  /\d{1,2}\/\d{4}|\d{1,2}\/\d{1,2}\/\d{4}|(?<![\p{L}])quý(?![\p{L}\p{N}])|năm\s+\d{4}|thường xuyên|hằng (năm|tháng|quý)/iu;

/** "Tiến độ" holds dates in some tables (a deadline) and words in others (a status): decide from the cells. */
function resolveProgressColumn(map: ColumnMap, body: SourceRow[]): void {
  const i = map.index.progress;
  if (i === undefined) {
    return;
  }
  const values = body.map((r) => cleanText(r.cells[i] ?? '')).filter(Boolean);
  const dated = values.filter((v) => DATE_LIKE.test(v)).length;
  const role: ColumnRole =
    map.index.deadline === undefined && values.length > 0 && dated / values.length >= 0.5 ? 'deadline' : 'status';
  map.roles[i] = role;
  delete map.index.progress;
  if (map.index[role] === undefined) {
    map.index[role] = i;
  }
}

function kindOf(map: ColumnMap): ListKind {
  const has = (role: ColumnRole) => map.index[role] !== undefined;
  if (has('comment') || has('response')) {
    return 'comment-table';
  }
  if (!has('text')) {
    return has('indicator') ? 'indicator-table' : 'other-table';
  }
  if (has('status') || has('unitsNotCompleted') || has('result')) {
    return 'status-report';
  }
  return 'task-list';
}

function reportMissingColumns(
  map: ColumnMap,
  where: { file: string; line: number; title: string; problems: Problem[]; reportOnce: (p: Problem) => void },
): void {
  const taskish = (['lead', 'coordinators', 'deadline', 'product', 'label'] as const).filter(
    (r) => map.index[r] !== undefined,
  );
  if (taskish.length >= 2 || (taskish.length === 1 && taskish[0] !== 'label')) {
    where.problems.push({
      file: where.file,
      line: where.line,
      row: null,
      code: 'MISSING_COLUMN',
      message: `Bảng “${shorten(where.title)}” có cột ${taskish
        .map((r) => ROLE_LABELS[r] ?? 'số thứ tự')
        .join(
          ', ',
        )} nhưng không có cột nội dung nhiệm vụ (“Tên nhiệm vụ”, “Nội dung nhiệm vụ”…); không nhập được nhiệm vụ nào từ bảng này.`,
      severity: 'error',
    });
  } else {
    where.reportOnce({
      file: where.file,
      line: where.line,
      row: null,
      code: 'TABLE_NOT_INTERPRETED',
      message: `Bảng “${shorten(where.title)}” không phải danh mục nhiệm vụ; giữ nguyên các dòng.`,
      severity: 'info',
    });
  }
}

type ReadRow =
  | { kind: 'empty' }
  | { kind: 'note' }
  | { kind: 'orphan' }
  | { kind: 'group'; level: number; label: string | null; title: string }
  | { kind: 'task'; cells: Partial<Record<ColumnRole, string>> };

/** Roles whose cells make a row a task when filled (besides the text). */
const DETAIL_ROLES: ColumnRole[] = [
  'lead',
  'coordinators',
  'product',
  'deadline',
  'notes',
  'status',
  'result',
  'description',
  'unitsNotCompleted',
  'assignedBy',
  'proposal',
];

function readRow(row: SourceRow, map: ColumnMap): ReadRow {
  const cells: Partial<Record<ColumnRole, string>> = {};
  map.roles.forEach((role, i) => {
    if (role && cells[role] === undefined) {
      cells[role] = row.cells[i] ?? '';
    }
  });
  const label = cleanText(cells.label ?? '');
  const text = (cells.text ?? '').trim();
  const hasDetails = DETAIL_ROLES.some((r) => cleanText(cells[r] ?? '') !== '');
  const otherCells = row.cells.filter((c, i) => i !== map.index.label && i !== map.index.text && c.trim() !== '');
  if (!label && !text && otherCells.length === 0) {
    return { kind: 'empty' };
  }
  if (!hasDetails && text) {
    if (ROMAN.test(label)) {
      return { kind: 'group', level: 1, label: label.replace(/\.$/, ''), title: tidyTitle(text) };
    }
    if (LETTER_GROUP.test(label)) {
      return { kind: 'group', level: 0, label: label.replace(/\.$/, ''), title: tidyTitle(text) };
    }
    if (!label && SUBHEADING.test(text)) {
      return { kind: 'group', level: 2, label: null, title: tidyTitle(text) };
    }
    if (!label && isUpperDominant(text) && text.length <= 200) {
      return { kind: 'group', level: 2, label: null, title: tidyTitle(text) };
    }
  }
  if (!text) {
    // A note spanning the row (merged cell) sits in the number column: "Tập trung hoàn thành nhiệm vụ …".
    if (label && !ROW_NUMBER.test(label) && !ROMAN.test(label) && otherCells.length === 0) {
      return { kind: 'note' };
    }
    if (ROMAN.test(label) && otherCells.length === 0) {
      return { kind: 'group', level: 1, label: label.replace(/\.$/, ''), title: '' };
    }
    return hasDetails ? { kind: 'orphan' } : { kind: 'note' };
  }
  return { kind: 'task', cells };
}

function tidyTitle(text: string): string {
  return cleanText(text).replace(/[;:,]+$/, '');
}

class SectionStack {
  private stack: Array<{ level: number; text: string }> = [];
  private seen: DraftSection[] = [];

  private lastLetter: string | null = null;

  push(rawLevel: number, label: string | null, title: string): void {
    // "C", "D", "L", "M" after "B", "C", "K", "L" are letters of an A, B, C… sequence, not roman numerals.
    const follows = label && this.lastLetter ? label.charCodeAt(0) === this.lastLetter.charCodeAt(0) + 1 : false;
    const level = rawLevel === 1 && label && /^[CDLM]$/.test(label) && follows ? 0 : rawLevel;
    if (level === 0 && label) {
      this.lastLetter = label;
    }
    while (this.stack.length > 0 && (this.stack[this.stack.length - 1]?.level ?? 0) >= level) {
      this.stack.pop();
    }
    const parent = this.path();
    const text = label ? (title ? `${label}. ${title}` : label) : title;
    this.stack.push({ level, text });
    this.seen.push({ label: label ? `${label}.` : null, title: title || label || '', parent });
  }

  path(): string | null {
    return this.stack.length > 0 ? this.stack.map((s) => s.text).join(' › ') : null;
  }

  all(): DraftSection[] {
    return this.seen;
  }
}

/** Task text: markers stripped, lines joined, except where a line starts a list item. */
function tidyTaskText(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .reduce(
      (acc, line) =>
        acc === '' ? line : /^([-+•–]|\(\w{1,4}\)|\w\))\s/.test(line) ? `${acc}\n${line}` : `${acc} ${line}`,
      '',
    )
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function buildTask(
  cells: Partial<Record<ColumnRole, string>>,
  ctx: { map: ColumnMap; row: SourceRow; ordinal: number; section: string | null; input: TableInput; title: string },
): DraftTask {
  const { row, ordinal, input, map } = ctx;
  const notes: string[] = [];
  const markers = new Set<string>();
  const take = (role: ColumnRole): string => {
    const raw = cells[role] ?? '';
    const { text, markers: found } = stripFootnoteMarkers(raw);
    for (const m of found) {
      markers.add(m);
    }
    return text.trim();
  };
  const text = tidyTaskText(take('text'));
  const lead = take('lead');
  const coordinators = take('coordinators');
  let product = cleanText(take('product'));
  let deadline = cleanText(take('deadline'));
  const noteCell = cleanText(take('notes'));
  const proposal = cleanText(take('proposal'));
  if (noteCell) {
    notes.push(noteCell);
  }
  if (proposal) {
    notes.push(`${map.headers[map.index.proposal ?? 0] ?? 'Đề xuất'}: ${proposal}`);
  }

  // A deadline written in the product column while the deadline column is empty (a shifted cell).
  if (!deadline && map.index.deadline !== undefined && DEADLINE_ONLY.test(product)) {
    input.problems.push({
      file: input.doc.fileName,
      line: row.line,
      row: ctx.ordinal,
      code: 'VALUE_IN_WRONG_COLUMN',
      message: `Thời hạn “${product}” nằm ở cột “${map.headers[map.index.product ?? 0] ?? ''}” trong khi cột “${map.headers[map.index.deadline] ?? ''}” để trống; đã dùng giá trị này làm thời hạn.`,
      severity: 'warning',
    });
    deadline = product;
    product = '';
  }

  for (const marker of markers) {
    const note = footnoteText(input.footnotes, marker, row.line);
    notes.push(note ? `Chú thích ${marker}: ${note}` : `Chú thích ${marker} (không tìm thấy nội dung chú thích)`);
  }

  const deadlineIndex = map.index.deadline;
  return {
    section: ctx.section,
    label: cleanText(cells.label ?? '') || null,
    text,
    leadRaw: lead || null,
    coordinatorsRaw: coordinators || null,
    product: product || null,
    notes: notes.length > 0 ? notes.join('\n') : null,
    deadlineRaw: deadline,
    deadlineMissing: deadlineIndex !== undefined && deadlineIndex >= row.cells.length,
    assignedByText: cleanText(cells.assignedBy ?? '') || null,
    status: cleanText(cells.status ?? '') || null,
    unitsNotCompletedRaw: cleanText(cells.unitsNotCompleted ?? '') || null,
    result: (cells.result ?? '').trim() || null,
    description: (cells.description ?? '').trim() || null,
    line: row.line,
    row: ordinal,
  };
}

/** The first directive a caption cites (a report or a letter does not assign tasks). */
function findDirectiveCitation(texts: string[], findCitations: CitationFinder): Citation | null {
  for (const text of texts) {
    for (const citation of findCitations(text)) {
      const kind = citation.kind === 'khac' ? kindOfCitation(citation.raw) : (citation.kind as DirectiveKind);
      if (citation.number && kind && DIRECTIVE_KINDS.has(kind)) {
        return citation;
      }
    }
  }
  return null;
}
