/**
 * Clean-up of the markup that converted documents leave in cells and lines: Markdown emphasis and escapes, and
 * the HTML fragments of HTML-to-text converters (`<p>`, `<i>`, `<br>`, `<ul> - a - b`). Line breaks that carry
 * meaning (list items, paragraphs inside a cell) are kept as '\n'.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
};

function decodeBasicEntities(text: string): string {
  return text.replace(/&(#\d{1,6}|#x[0-9a-f]{1,5}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) {
      return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    }
    if (body.startsWith('#')) {
      return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** `<ul> - A. - B.` (a list flattened onto one line) becomes "- A.\n- B.". */
function unfoldHtmlList(_whole: string, body: string): string {
  const items = body
    .split(/(?:^|\s)-\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? `\n${items.map((s) => `- ${s}`).join('\n')}\n` : '\n';
}

/** Removes HTML debris and Markdown emphasis; keeps meaningful line breaks. */
export function stripMarkup(input: string): string {
  let text = input;
  if (text.includes('<')) {
    text = text
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<ul\b[^>]*>([\s\S]*?)(?:<\/ul>|$)/gi, unfoldHtmlList)
      .replace(/<li\b[^>]*>/gi, '\n- ')
      .replace(/<\/p>\s*<p\b[^>]*>/gi, '\n')
      .replace(/<\/?[a-z][a-z0-9]*\b[^<>]*>/gi, '');
  }
  if (text.includes('&')) {
    text = decodeBasicEntities(text);
  }
  if (text.includes('*') || text.includes('_') || text.includes('\\')) {
    text = text
      .replace(/\*\*|__/g, '')
      .replace(/(^|[\s(“"])\*(?=\S)([^*\n]*?\S)\*(?=$|[\s).,;:”"])/g, '$1$2')
      .replace(/\\([*_|\\#`[\]()-])/g, '$1');
  }
  return text;
}

/** A cell as stored in a {@link SourceRow}: markup removed, each line trimmed, blank edges dropped. */
export function cleanCell(input: string): string {
  return stripMarkup(input)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Superscript digits used as footnote markers ("kỹ thuật ²", "thỏa thuận hợp tác⁶"). */
export const FOOTNOTE_MARKERS = '¹²³⁴⁵⁶⁷⁸⁹⁰';
const MARKER_RUN = /\s?[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g;
const SUPERSCRIPT_DIGITS: Record<string, string> = {
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
  '⁰': '0',
};

/** Strips superscript footnote markers; returns the text and the markers found (as digits, e.g. "2"). */
export function stripFootnoteMarkers(text: string): { text: string; markers: string[] } {
  const markers: string[] = [];
  const stripped = text.replace(MARKER_RUN, (run) => {
    markers.push(
      run
        .trim()
        .split('')
        .map((c) => SUPERSCRIPT_DIGITS[c] ?? '')
        .join(''),
    );
    return '';
  });
  return { text: markers.length > 0 ? stripped.replace(/[ \t]+\n/g, '\n').trim() : text, markers };
}

/** A footnote line ("² Kế hoạch số 01-KH/BCĐTW …"): its marker as digits and its text, or null. */
export function parseFootnoteLine(line: string): { marker: string; text: string } | null {
  const match = /^\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(\S.*)$/s.exec(line);
  if (!match?.[1] || !match[2]) {
    return null;
  }
  const marker = match[1]
    .split('')
    .map((c) => SUPERSCRIPT_DIGITS[c] ?? '')
    .join('');
  return { marker, text: match[2].trim() };
}
