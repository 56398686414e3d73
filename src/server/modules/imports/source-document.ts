/**
 * What a reader makes of a file before any interpretation: paragraphs and tables in document order, each
 * with its position in the file so that every task can be traced back to its source line or row.
 * Readers (text, markdown, tab-separated, .docx, .xlsx) produce this; the interpreters turn it into lists,
 * tasks and directives.
 */

export type SourceParagraph = {
  kind: 'paragraph';
  /** NFC-normalised text; line breaks inside one paragraph are kept as '\n'. */
  text: string;
  /** 1-based line in a text file, paragraph index in .docx, row in .xlsx. */
  line: number;
  /** Markdown heading level or Word heading style level, when known. */
  headingLevel?: number;
};

export type SourceRow = {
  /** Cell texts, NFC-normalised, in column order; multi-line cells keep '\n'. A merged cell repeats its text. */
  cells: string[];
  /** 1-based line (text), row number (xlsx) or row index (docx) of the row's first cell. */
  line: number;
};

export type SourceTable = {
  kind: 'table';
  rows: SourceRow[];
  line: number;
  /** Sheet name for .xlsx. */
  sheet?: string;
};

export type SourceBlock = SourceParagraph | SourceTable;

export type SourceFormat = 'text' | 'markdown' | 'tsv' | 'docx' | 'xlsx';

export type SourceDocument = {
  fileName: string;
  format: SourceFormat;
  blocks: SourceBlock[];
};
