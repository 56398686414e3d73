import { normalizeText } from '@shared/lib/vn-text';
import type { SourceBlock, SourceRow } from './source-document';

/**
 * A small, forgiving HTML reader for the HTML that mammoth writes from a .docx: headings, paragraphs, lists,
 * line breaks and tables (with colspan/rowspan), and the entities mammoth escapes. It is not a general HTML
 * parser: unknown tags are treated as transparent containers, stray closing tags are ignored, and unclosed ones
 * are closed when their parent closes.
 */

type HtmlElement = { kind: 'element'; name: string; attrs: Record<string, string>; children: HtmlNode[] };
type HtmlText = { kind: 'text'; text: string };
type HtmlNode = HtmlElement | HtmlText;

const VOID_ELEMENTS = new Set(['br', 'img', 'hr', 'col', 'meta', 'link', 'input', 'wbr']);
const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
// Opening one of these closes an open element of the listed names (up to the nearest boundary).
const IMPLIED_CLOSE: Record<string, { closes: string[]; boundary: string[] }> = {
  p: { closes: ['p'], boundary: ['td', 'th', 'li', 'table', 'body'] },
  li: { closes: ['li', 'p'], boundary: ['ul', 'ol', 'table'] },
  tr: { closes: ['tr', 'td', 'th', 'p'], boundary: ['table', 'thead', 'tbody', 'tfoot'] },
  td: { closes: ['td', 'th', 'p'], boundary: ['tr', 'table'] },
  th: { closes: ['td', 'th', 'p'], boundary: ['tr', 'table'] },
};
// Block elements end an open paragraph, as in HTML.
for (const name of ['table', 'ul', 'ol', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']) {
  IMPLIED_CLOSE[name] = { closes: ['p'], boundary: ['td', 'th', 'li', 'table', 'body'] };
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  deg: '°',
  sup1: '¹',
  sup2: '²',
  sup3: '³',
  times: '×',
  shy: '',
};

/** Replace `&amp;`, `&#233;`, `&#xE9;` and the common named entities; unknown ones are left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) {
      return codePoint(Number.parseInt(body.slice(2), 16)) ?? whole;
    }
    if (body.startsWith('#')) {
      return codePoint(Number.parseInt(body.slice(1), 10)) ?? whole;
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function codePoint(value: number): string | null {
  if (!Number.isFinite(value) || value <= 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
    return null;
  }
  return String.fromCodePoint(value);
}

/** Parse HTML into a tree. Never throws: malformed markup gives a best-effort tree. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { kind: 'element', name: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const top = (): HtmlElement => stack[stack.length - 1] ?? root;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      top().children.push({ kind: 'text', text: decodeEntities(html.slice(i)) });
      break;
    }
    if (lt > i) {
      top().children.push({ kind: 'text', text: decodeEntities(html.slice(i, lt)) });
    }
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<!', lt) || html.startsWith('<?', lt)) {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      // A lone '<' in text.
      top().children.push({ kind: 'text', text: '<' });
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (tag.closing) {
      const index = findOpen(stack, tag.name);
      if (index > 0) {
        stack.length = index;
      }
      continue;
    }
    const implied = IMPLIED_CLOSE[tag.name];
    if (implied) {
      closeImplied(stack, implied.closes, implied.boundary);
    }
    const element: HtmlElement = { kind: 'element', name: tag.name, attrs: tag.attrs, children: [] };
    top().children.push(element);
    if (!tag.selfClosing && !VOID_ELEMENTS.has(tag.name)) {
      stack.push(element);
    }
  }
  return root;
}

type Tag = { name: string; attrs: Record<string, string>; closing: boolean; selfClosing: boolean; end: number };

function readTag(html: string, start: number): Tag | null {
  const match = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(start, start + 64));
  if (!match) {
    return null;
  }
  const closing = match[1] === '/';
  const name = (match[2] ?? '').toLowerCase();
  let i = start + match[0].length;
  const attrs: Record<string, string> = {};
  const attrPattern = /\s*([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/y;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '>') {
      return { name, attrs, closing, selfClosing: false, end: i + 1 };
    }
    if (ch === '/' && html[i + 1] === '>') {
      return { name, attrs, closing, selfClosing: true, end: i + 2 };
    }
    attrPattern.lastIndex = i;
    const attr = attrPattern.exec(html);
    if (!attr || attr[0].length === 0) {
      i++;
      continue;
    }
    const attrName = (attr[1] ?? '').toLowerCase();
    if (attrName) {
      attrs[attrName] = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '');
    }
    i += attr[0].length;
  }
  return { name, attrs, closing, selfClosing: false, end: html.length };
}

function findOpen(stack: HtmlElement[], name: string): number {
  for (let i = stack.length - 1; i > 0; i--) {
    if (stack[i]?.name === name) {
      return i;
    }
  }
  return -1;
}

function closeImplied(stack: HtmlElement[], closes: string[], boundary: string[]): void {
  for (let i = stack.length - 1; i > 0; i--) {
    const name = stack[i]?.name ?? '';
    if (boundary.includes(name)) {
      return;
    }
    if (closes.includes(name)) {
      stack.length = i;
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tree → blocks

type BlockContext = { blocks: SourceBlock[]; nextLine: number };

/**
 * Paragraphs (with heading levels) and tables of an HTML document, in order. `line` counts emitted paragraphs
 * and table rows (1-based), so every block and row has a distinct, ordered position.
 */
export function htmlToBlocks(html: string): SourceBlock[] {
  const ctx: BlockContext = { blocks: [], nextLine: 1 };
  walkBlocks(parseHtml(html).children, ctx);
  return ctx.blocks;
}

function walkBlocks(nodes: HtmlNode[], ctx: BlockContext): void {
  let loose: HtmlNode[] = [];
  const flushLoose = () => {
    if (loose.length > 0) {
      pushParagraph(ctx, inlineText(loose));
      loose = [];
    }
  };
  for (const node of nodes) {
    if (node.kind === 'text' || isInline(node)) {
      loose.push(node);
      continue;
    }
    flushLoose();
    const heading = HEADINGS[node.name];
    if (heading !== undefined) {
      pushParagraph(ctx, inlineText(node.children), heading);
    } else if (node.name === 'p') {
      pushParagraph(ctx, inlineText(node.children));
    } else if (node.name === 'ul' || node.name === 'ol') {
      walkList(node, ctx);
    } else if (node.name === 'table') {
      walkTable(node, ctx);
    } else if (node.name === 'li') {
      walkListItem(node, '- ', ctx);
    } else {
      walkBlocks(node.children, ctx);
    }
  }
  flushLoose();
}

function walkList(list: HtmlElement, ctx: BlockContext): void {
  let index = 0;
  for (const child of list.children) {
    if (child.kind === 'element' && child.name === 'li') {
      index++;
      walkListItem(child, list.name === 'ol' ? `${index}. ` : '- ', ctx);
    } else if (child.kind === 'element') {
      walkBlocks([child], ctx);
    } else if (child.text.trim()) {
      pushParagraph(ctx, child.text);
    }
  }
}

function walkListItem(item: HtmlElement, prefix: string, ctx: BlockContext): void {
  // The item's own text first, then its nested lists and tables as blocks of their own.
  const own = item.children.filter((c) => !(c.kind === 'element' && isStructural(c.name)));
  const text = inlineText(own);
  if (text && !isFootnoteBackLinkOnly(text)) {
    pushParagraph(ctx, `${prefix}${text}`);
  }
  walkBlocks(
    item.children.filter((c) => c.kind === 'element' && isStructural(c.name)),
    ctx,
  );
}

function isFootnoteBackLinkOnly(text: string): boolean {
  return /^[↑\s]*$/.test(text);
}

function isStructural(name: string): boolean {
  return name === 'ul' || name === 'ol' || name === 'table';
}

function isInline(node: HtmlElement): boolean {
  return !(
    node.name === 'p' ||
    node.name in HEADINGS ||
    node.name === 'ul' ||
    node.name === 'ol' ||
    node.name === 'li' ||
    node.name === 'table' ||
    node.name === 'div' ||
    node.name === 'thead' ||
    node.name === 'tbody' ||
    node.name === 'tfoot' ||
    node.name === 'tr' ||
    node.name === 'blockquote' ||
    node.name === 'section' ||
    node.name === 'body' ||
    node.name === 'html'
  );
}

function pushParagraph(ctx: BlockContext, raw: string, headingLevel?: number): void {
  const text = tidy(raw);
  if (!text) {
    return;
  }
  const line = ctx.nextLine++;
  ctx.blocks.push(
    headingLevel === undefined ? { kind: 'paragraph', text, line } : { kind: 'paragraph', text, line, headingLevel },
  );
}

/** NFC, each line's whitespace collapsed, empty leading/trailing lines and runs of empty lines removed. */
export function tidy(raw: string): string {
  const lines = normalizeText(raw)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\f\v]+/g, ' ').trim());
  const kept: string[] = [];
  for (const l of lines) {
    if (l || (kept.length > 0 && kept[kept.length - 1] !== '')) {
      kept.push(l);
    }
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') {
    kept.pop();
  }
  return kept.join('\n');
}

/** Text of inline content: `<br>` is a line break, block children are separate lines, footnote marks dropped. */
function inlineText(nodes: HtmlNode[]): string {
  let out = '';
  const newline = () => {
    if (out && !out.endsWith('\n')) {
      out += '\n';
    }
  };
  for (const node of nodes) {
    if (node.kind === 'text') {
      // Source newlines inside HTML text are formatting, not content.
      out += node.text.replace(/[\r\n]+/g, ' ');
      continue;
    }
    if (node.name === 'br') {
      out += '\n';
    } else if (node.name === 'img' || node.name === 'script' || node.name === 'style') {
      // no text
    } else if (isNoteReference(node)) {
      // Footnote/endnote/comment markers ("[1]") are not part of the sentence.
    } else if (node.name === 'table') {
      newline();
      out += flattenTable(node);
      newline();
    } else if (node.name === 'li') {
      newline();
      out += inlineText(node.children);
      newline();
    } else if (!isInline(node)) {
      newline();
      out += inlineText(node.children);
      newline();
    } else {
      out += inlineText(node.children);
    }
  }
  return out;
}

function isNoteReference(node: HtmlElement): boolean {
  if (node.name === 'a') {
    const href = node.attrs.href ?? '';
    return /^#(footnote|endnote|comment)-/.test(href);
  }
  if (node.name === 'sup') {
    return node.children.length > 0 && node.children.every((c) => c.kind === 'element' && isNoteReference(c));
  }
  return false;
}

type RawCell = { text: string; colspan: number; rowspan: number; node: HtmlElement };

function collectRows(table: HtmlElement): RawCell[][] {
  const rows: RawCell[][] = [];
  const visit = (nodes: HtmlNode[]) => {
    for (const node of nodes) {
      if (node.kind !== 'element') {
        continue;
      }
      if (node.name === 'tr') {
        rows.push(
          node.children
            .filter((c): c is HtmlElement => c.kind === 'element' && (c.name === 'td' || c.name === 'th'))
            .map((c) => ({
              text: cellText(c),
              colspan: span(c.attrs.colspan, 200),
              rowspan: span(c.attrs.rowspan, 100_000),
              node: c,
            })),
        );
      } else if (node.name === 'thead' || node.name === 'tbody' || node.name === 'tfoot') {
        visit(node.children);
      }
    }
  };
  visit(table.children);
  return rows;
}

function span(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

function cellText(cell: HtmlElement): string {
  return tidy(inlineText(cell.children));
}

/**
 * Expand merged cells so that every row has the full column count: a cell spanning columns or rows repeats its
 * text in each grid position it covers.
 */
export function expandGrid(rows: Array<Array<{ text: string; colspan: number; rowspan: number }>>): string[][] {
  const pending: Array<{ text: string; remaining: number } | undefined> = [];
  const grid: string[][] = [];
  for (const row of rows) {
    const out: string[] = [];
    let col = 0;
    const fillPending = () => {
      let p = pending[col];
      while (p && p.remaining > 0) {
        out[col] = p.text;
        p.remaining--;
        col++;
        p = pending[col];
      }
    };
    for (const cell of row) {
      fillPending();
      for (let k = 0; k < cell.colspan; k++) {
        out[col + k] = cell.text;
        pending[col + k] = cell.rowspan > 1 ? { text: cell.text, remaining: cell.rowspan - 1 } : undefined;
      }
      col += cell.colspan;
    }
    // Columns to the right still covered by a rowspan from above.
    for (let c = col; c < pending.length; c++) {
      const p = pending[c];
      if (p && p.remaining > 0) {
        out[c] = p.text;
        p.remaining--;
      }
    }
    grid.push(Array.from(out, (v) => v ?? ''));
  }
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  return grid.map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r));
}

function walkTable(table: HtmlElement, ctx: BlockContext): void {
  const rawRows = collectRows(table);
  // A one-column table is a layout box (a framed note, or a wrapper around a real table): read its content as
  // ordinary blocks so that nested tables stay tables.
  if (rawRows.length > 0 && rawRows.every((r) => r.length <= 1 && (r[0]?.colspan ?? 1) === 1)) {
    const containsTable = rawRows.some((r) => r[0] && containsElement(r[0].node, 'table'));
    if (containsTable || rawRows.length === 1) {
      for (const r of rawRows) {
        if (r[0]) {
          walkBlocks(r[0].node.children, ctx);
        }
      }
      return;
    }
  }
  const grid = expandGrid(rawRows);
  const rows: SourceRow[] = [];
  for (const cells of grid) {
    if (cells.every((c) => c === '')) {
      continue;
    }
    rows.push({ cells, line: ctx.nextLine++ });
  }
  const first = rows[0];
  if (first) {
    ctx.blocks.push({ kind: 'table', rows, line: first.line });
  }
}

function containsElement(node: HtmlElement, name: string): boolean {
  return node.children.some((c) => c.kind === 'element' && (c.name === name || containsElement(c, name)));
}

/** A table nested in a cell becomes lines of text, one per row, cells separated by " | ". */
function flattenTable(table: HtmlElement): string {
  return expandGrid(collectRows(table))
    .map((cells) => {
      const distinct = cells.filter((c, i) => c !== '' && cells.indexOf(c) === i);
      return distinct.map((c) => c.replace(/\n/g, ' ')).join(' | ');
    })
    .filter((line) => line !== '')
    .join('\n');
}
