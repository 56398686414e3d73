import { normalizeText } from '@shared/lib/vn-text';

/** One piece of a cell between separators, with the separator text that followed it ('' at the end). */
export type CellSegment = { text: string; separator: string };

const HTML_TAG = /<\/?[a-z][^>]*>/gi;
const FOOTNOTE_MARKS = /[\u00b9\u00b2\u00b3\u2070-\u209f]/g;
/** A list bullet: a dash or bullet at the start of a line or after a full stop, semicolon or colon. */
const BULLET = /(^|\n|[.;:])[ \t]*[-–•+*][ \t]+/g;
const WORD_SEPARATOR = /\s+(và|cùng)\s+/iuy;

/**
 * Cuts a lead/coordinator cell at every place where one agency name may end: ",", ";", ":", newlines, list
 * bullets, HTML tags, and the words "và"/"cùng". Nothing inside parentheses is cut ("Văn phòng Thành ủy (CSDL tổ
 * chức Đảng, đảng viên)"). The resolver then glues segments back together when a longer name is known.
 */
export function segmentAgencyCell(cellText: string): CellSegment[] {
  const text = normalizeText(cellText).replace(HTML_TAG, '\n').replace(FOOTNOTE_MARKS, ' ').replace(BULLET, '$1\n');
  const segments: CellSegment[] = [];
  let buffer = '';
  let depth = 0;
  const push = (separator: string): void => {
    const trimmed = buffer.replace(/\s+/g, ' ').trim();
    if (trimmed) {
      segments.push({ text: trimmed, separator });
    } else if (segments.length > 0 && separator) {
      // Two separators in a row (",\n"): keep the stronger one, a list end (";", newline) wins over a comma.
      const last = segments[segments.length - 1] as CellSegment;
      if (last.separator === ',' || last.separator === '') {
        last.separator = separator;
      }
    }
    buffer = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1);
    }
    if (depth === 0) {
      if (ch === ',' || ch === ';' || ch === ':' || ch === '\n') {
        push(ch);
        continue;
      }
      if (/\s/.test(ch)) {
        WORD_SEPARATOR.lastIndex = i;
        const m = WORD_SEPARATOR.exec(text);
        if (m) {
          push(` ${m[1]} `);
          i += m[0].length - 1;
          continue;
        }
      }
    }
    buffer += ch;
  }
  push('');
  const last = segments[segments.length - 1];
  if (last) {
    last.separator = '';
  }
  return segments;
}
