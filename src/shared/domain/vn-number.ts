import { cleanText } from '@shared/lib/vn-text';

/**
 * Numbers as Vietnamese documents write them. The seeds disagree on separators (seed-notes §0.8): indicator
 * tables write `49.79` (dot decimal), prose writes `51,7%` and `17.175.876` (comma decimal, dot thousands),
 * and the same figure appears as `68.457` and `68,457`. So a number is read per column or context:
 * - a form that only one reading allows is read that way whatever the hint ("49.79", "17.175.876", "1.234,5");
 * - a form both readings allow ("68.457": 68457 or 68.457) needs the `hint`, and is null without one.
 */

/** Which character the source uses for decimals. */
export type DecimalHint = 'comma-decimal' | 'dot-decimal';

const NUMBER = /^([+-]?)(\d[\d.,]*)(?:\s*%)?(?:\s+\p{L}[\p{L}\d/.%²³]*(?:\s+\p{L}[\p{L}\d/.%²³]*)*)?$/u;

/**
 * "51,7%" → 51.7, "17.175.876" → 17175876, "49.79" → 49.79, "68.457" → null (ambiguous) or 68457 with
 * `'comma-decimal'`. A percent sign and a trailing unit ("150,43 Mbps", "68.457 trạm") are allowed and dropped;
 * the value is not divided by 100. Anything else (words, two numbers, malformed grouping) gives null.
 */
export function parseVietnameseNumber(text: string, hint?: DecimalHint): number | null {
  const clean = cleanText(text)
    .replace(/\u2212/g, '-')
    .replace(/[.,;:]$/, '');
  const match = NUMBER.exec(clean);
  if (!match) {
    return null;
  }
  const sign = match[1] === '-' ? -1 : 1;
  const body = match[2] ?? '';
  const value = readBody(body, hint);
  return value === null ? null : sign * value;
}

function readBody(body: string, hint: DecimalHint | undefined): number | null {
  if (/^\d+$/.test(body)) {
    return Number(body);
  }
  const dots = countOf(body, '.');
  const commas = countOf(body, ',');
  if (dots > 0 && commas > 0) {
    // Both present: the last one is the decimal mark and the other must group thousands.
    const decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    return readWith(body, decimal);
  }
  const mark = dots > 0 ? '.' : ',';
  const count = dots + commas;
  if (count > 1) {
    // "17.175.876": repeated marks can only group thousands.
    return readWith(body, mark === '.' ? ',' : '.');
  }
  const asDecimal = readWith(body, mark);
  const asGrouping = readWith(body, mark === '.' ? ',' : '.');
  if (asDecimal !== null && asGrouping !== null) {
    if (!hint) {
      return null;
    }
    const decimalMark = hint === 'comma-decimal' ? ',' : '.';
    return mark === decimalMark ? asDecimal : asGrouping;
  }
  return asDecimal ?? asGrouping;
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (const c of text) {
    if (c === ch) {
      n += 1;
    }
  }
  return n;
}

/** Read `body` with `decimal` as the decimal mark and the other mark as a thousands separator, strictly. */
function readWith(body: string, decimal: '.' | ','): number | null {
  const group = decimal === '.' ? ',' : '.';
  const parts = body.split(decimal);
  if (parts.length > 2) {
    return null;
  }
  const [integer = '', fraction] = parts;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) {
    return null;
  }
  const groups = integer.split(group);
  if (groups.length > 1) {
    const [head = '', ...tail] = groups;
    const wellGrouped =
      /^\d{1,3}$/.test(head) && !/^0\d/.test(head) && head !== '0' && tail.every((g) => /^\d{3}$/.test(g));
    if (!wellGrouped) {
      return null;
    }
  } else if (!/^\d+$/.test(integer)) {
    return null;
  }
  const digits = groups.join('');
  return Number(fraction === undefined ? digits : `${digits}.${fraction}`);
}
