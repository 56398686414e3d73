import type { Deadline, DeadlineKind } from '@shared/contracts/imports';
import {
  addDaysIso,
  isoFirstDayOfMonth,
  isoFirstDayOfQuarter,
  isoLastDayOfMonth,
  isoLastDayOfQuarter,
  isValidDate,
  parseIsoDate,
  toIsoDate,
} from '@shared/lib/calendar';
import { cleanText } from '@shared/lib/vn-text';

/**
 * Deadline normalisation: the text of a "Thời hạn" cell (or a phrase in prose) → {@link Deadline}.
 *
 * Business rules (evidence in docs/seed-notes §2: the same task is written both ways in different seeds):
 * - "Tháng M/YYYY" is due on the last day of month M; "Quý N/YYYY" on the last day of the quarter;
 *   "6 tháng đầu/cuối năm YYYY" on 30/6 or 31/12; "Năm YYYY" on 31/12; a range on the end of its last part.
 * - "Trước ngày D" is due on D itself (the reports print D) with `before: true` for a strict reading.
 * - "Trước tháng M/YYYY" is ambiguous; it is read as the end of month M−1 and the rule says so.
 * - Recurring expressions (Thường xuyên, Hằng tháng/quý/năm, Định kỳ) have no due date unless a window is written.
 * - References to another document or event ("Theo Nghị quyết số 71/NQ-CP") are `relative` with no date.
 * - Anything else is kept verbatim as `unreadable` with `due: null`: never guessed.
 * All arithmetic is on calendar integers, so the result does not depend on the process time zone.
 */

export type DeadlineContext = {
  /** ISO date of the document the expression comes from; supplies the year when the text omits it. */
  documentDate?: string;
};

/** One deadline expression found inside a longer text. */
export type DeadlineMatch = {
  deadline: Deadline;
  /** Offset of the expression in `cleanText(text)`. */
  index: number;
  /** Length of the expression in `cleanText(text)`. */
  length: number;
};

type Body = Omit<Deadline, 'raw'>;

type Hit = {
  body: Body;
  index: number;
  end: number;
  /** The phrase was introduced by a deadline word (hoàn thành, trước, trong, thời hạn…). */
  cued: boolean;
  /** The phrase is well-formed but names no real day (31/2/2025) or lacks a year and no document date is known. */
  invalid: boolean;
};

type Atom =
  | { ok: true; end: number; kind: DeadlineKind; start: string; due: string; rule: string }
  | { ok: false; end: number; rule: string };

type LeadIn = { end: number; cued: boolean; before: boolean; from: boolean; note: string | null; time: string | null };

type ParseOptions = { year: number | null; bareYear: boolean };

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

const ROMAN_QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const ROMAN_NAMES = ['I', 'II', 'III', 'IV'];

const MONTH_WORDS: Record<string, number> = {
  giêng: 1,
  một: 1,
  hai: 2,
  ba: 3,
  tư: 4,
  bốn: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
  'mười một': 11,
  'mười hai': 12,
  chạp: 12,
};
const MONTH_WORD_PATTERN = Object.keys(MONTH_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')
  .replace(/ /g, '\\s+');

const RULES = {
  none: 'Không ghi thời hạn',
  noDeadline: 'Ghi rõ không có thời hạn',
  unreadable: 'Không đọc được thời hạn → giữ nguyên văn bản, cần người kiểm tra',
  relative: 'Theo văn bản hoặc sự kiện khác → chưa có ngày cụ thể',
  date: 'Ngày D/M/YYYY → đúng ngày đó',
  isoDate: 'Ngày YYYY-MM-DD → đúng ngày đó',
  longDate: 'Ngày D tháng M năm YYYY → đúng ngày đó',
  before: 'Trước ngày D → hạn D (trước)',
  month: 'Tháng M/YYYY → ngày cuối tháng',
  monthRange: 'Tháng M1–M2/YYYY → từ ngày đầu tháng M1 đến ngày cuối tháng M2',
  year: 'Năm YYYY → 31/12/YYYY',
  yearRange: 'Giai đoạn YYYY–YYYY → 31/12 của năm cuối',
  firstHalf: '6 tháng đầu năm YYYY → 30/6/YYYY',
  secondHalf: '6 tháng cuối năm YYYY → 31/12/YYYY',
  range: 'Từ … đến … → hạn là ngày cuối của mốc sau',
  continuous: 'Thường xuyên → liên tục, không có hạn cố định',
  yearly: 'Hằng năm → lặp lại mỗi năm, không có hạn cố định',
  quarterly: 'Hằng quý → lặp lại mỗi quý, không có hạn cố định',
  monthly: 'Hằng tháng → lặp lại mỗi tháng, không có hạn cố định',
  periodic: 'Định kỳ → lặp lại, chu kỳ không ghi rõ',
  ongoingFrom: 'YYYY và những năm tiếp theo → liên tục từ 1/1/YYYY',
} as const;

const RE = {
  leadIn: new RegExp(
    [
      '(?<label>(?:đề\\s+xuất\\s+)?(?:thời\\s+hạn(?:\\s+hoàn\\s+thành)?|hạn\\s+hoàn\\s+thành|hạn\\s+được\\s+giao|thời\\s+gian\\s+(?:hoàn\\s+thành|thực\\s+hiện))(?![\\p{L}\\p{N}])\\s*:?\\s*)',
      '(?<term>hạn(?![\\p{L}\\p{N}])\\s*:?\\s*)',
      '(?<done>(?:hoàn\\s+thành|xong|kết\\s+thúc)(?![\\p{L}\\p{N}])\\s+)',
      '(?<latest>chậm\\s+nhất(?:\\s+là)?(?![\\p{L}\\p{N}])\\s+)',
      '(?<before>trước(?![\\p{L}\\p{N}])\\s+)',
      '(?<within>(?:trong\\s+cả|trong|đến\\s+hết|hết|đến|tới|sang|cuối|dự\\s+kiến)(?![\\p{L}\\p{N}])\\s+)',
      '(?<from>từ(?![\\p{L}\\p{N}])\\s+)',
      '(?<soft>(?:ngày|vào(?:\\s+ngày)?)(?![\\p{L}\\p{N}])\\s+)',
      '(?<time>(?<hour>\\d{1,2})\\s*(?:h|giờ)\\s*(?<minute>\\d{2})?(?:\\s*phút)?(?![\\p{L}\\p{N}])\\s*,?\\s*)',
    ].join('|'),
    'iuy',
  ),
  iso: /(\d{4})-(\d{2})-(\d{2})(?![\d/.-])/y,
  longDate: /(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)/iuy,
  dmy: /(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4})(?!\d)/y,
  dm: /(\d{1,2})\/(\d{1,2})(?![\d/])/y,
  monthSlashYear: /(\d{1,2})\s?[/.-]\s?(\d{4})(?![\d/.-])/y,
  monthRange: /tháng\s*(\d{1,2})\s*-\s*(\d{1,2})\s*(?:\/|năm)\s*(\d{4})(?!\d)/iuy,
  monthList: /tháng\s*\d{1,2}(?:\s*(?:,|và)\s*(?:tháng\s*)?\d{1,2})+\s*(?:\/|năm)\s*(\d{4})(?!\d)/iuy,
  month: /(?:tháng\s*|T)(\d{1,2})\s*(?:\/|-|năm(?![\p{L}]))\s*(\d{4})(?!\d)/iuy,
  monthWord: new RegExp(`tháng\\s+(${MONTH_WORD_PATTERN})\\s*(?:\\/|năm)\\s*(\\d{4})(?!\\d)`, 'iuy'),
  monthNoYear: /(?:tháng\s*|T)(\d{1,2})(?![\d/\p{L}])/iuy,
  quarter: /(?:quý\s*(IV|III|II|I|[1-4])|Q([1-4]))(?![\p{L}\p{N}])\s*(?:\/|-|năm(?![\p{L}]))\s*(\d{4})(?!\d)/iuy,
  quarterNoYear: /quý\s*(IV|III|II|I|[1-4])(?![\p{L}\p{N}/])/iuy,
  half: /(?:(?:0?6|sáu)\s+tháng|nửa)\s+(đầu|cuối)\s+năm(?:\s*(\d{4}))?(?!\d)/iuy,
  yearRange: /(?:(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|các\s+năm|năm)\s+)?(\d{4})\s*-\s*(\d{4})(?![\d/-])/iuy,
  year: /(?:cả\s+)?năm\s+(\d{4})(?![\d/-])/iuy,
  bareYear: /(\d{4})(?![\d/.-])/y,
  rangeJoin: /\s*(?:đến|tới|-)\s+(?:hết\s+)?(?:ngày\s+)?|\s*-\s*/iuy,
  recurrence: new RegExp(
    [
      '(?<ongoing>(?<ongoingYear>\\d{4})\\s+và\\s+(?:những|các)\\s+năm\\s+tiếp\\s+theo)',
      '(?<dayOfMonth>(?<dom>\\d{1,2})\\s+(?:hằng|hàng|mỗi)\\s+tháng)',
      '(?<every>(?:định\\s+kỳ\\s+)?(?:hằng|hàng|mỗi)\\s+(?<unit>ngày|tuần|tháng|quý|năm))',
      '(?<periodic>định\\s+kỳ)',
      '(?<continuous>thường\\s+xuyên|liên\\s+tục)',
    ].join('|'),
    'iuy',
  ),
  recurrenceWindow: /\s*,?\s*(trong|từ)\s+/iuy,
  noDeadline:
    /^(?:không\s+(?:có\s+)?(?:thời\s+)?hạn|chưa\s+(?:có\s+)?(?:xác\s+định\s+)?thời\s+hạn|chưa\s+xác\s+định)\b/iu,
  relative:
    /^theo(?![\p{L}])|cùng\s+(?:thời\s+điểm|lộ\s+trình|tiến\s+độ)|ngay\s+sau|sau\s+khi|khi\s+(?:có|được)|tại\s+(?:phiên\s+họp|kỳ\s+họp|hội\s+nghị)|đột\s+xuất|theo\s+(?:yêu\s+cầu|lộ\s+trình|tiến\s+độ|kế\s+hoạch|quy\s+định)/iu,
  citationBefore: /\d+[-/][\p{L}&]+(?:[-/][\p{L}\p{N}&]+)*\s*,?\s*(?:của\s+)?(?:ban\s+hành\s+)?(?:ngày\s+)?$/u,
  trailingJunk: /^[\s.,;:!?)\]/\-–—]*$/u,
  wordChar: /[\p{L}\p{N}]/u,
} as const;

/**
 * Normalise a deadline cell.
 *
 * `raw` is the cell as written (NFC, whitespace collapsed); `kind`, `due` (ISO, last on-time day, or null),
 * `start`, `recurrence`, `before` describe it; `rule` says in Vietnamese which rule was applied.
 * A cell that states more than one milestone is due at the earliest one (the rule lists them all).
 */
export function normalizeDeadline(raw: string | null | undefined, context?: DeadlineContext): Deadline {
  const text = cleanText(raw ?? '');
  const masked = maskMarkup(text);
  const options: ParseOptions = { year: contextYear(context), bareYear: true };
  const first = firstMeaningful(masked);
  if (first === -1) {
    return { raw: text, kind: 'none', due: null, rule: RULES.none };
  }
  const body = masked.slice(first);
  if (RE.noDeadline.test(body)) {
    return { raw: text, kind: 'none', due: null, rule: RULES.noDeadline };
  }

  const whole = parseAt(masked, first, options);
  if (whole) {
    const rest = masked.slice(whole.end);
    if (whole.invalid || RE.trailingJunk.test(rest)) {
      return finish(text, whole.body);
    }
    const more = scan(masked, whole.end, options, false).filter((h) => !h.invalid);
    if (more.length === 0) {
      return finish(text, { ...whole.body, rule: `${whole.body.rule}; phần sau là ghi chú` });
    }
    return finish(text, combineMilestones([whole, ...more], masked));
  }

  const cued = scan(masked, first, options, true).filter((h) => !h.invalid);
  if (cued.length > 0) {
    return finish(text, extracted(cued, masked));
  }
  if (RE.relative.test(body)) {
    return { raw: text, kind: 'relative', due: null, rule: RULES.relative };
  }
  const loose = scan(masked, first, options, false).filter((h) => !h.invalid);
  if (loose.length > 0) {
    return finish(text, extracted(loose, masked));
  }
  return { raw: text, kind: 'unreadable', due: null, rule: RULES.unreadable };
}

/**
 * Find the deadline stated inside prose ("… hoàn thành trong tháng 6/2025", "Hạn được giao: 30/9/2025",
 * "Đề xuất thời gian hoàn thành: quý IV/2025"). A phrase counts only when a deadline word introduces it
 * (hoàn thành, trước, trong, đến hết, thời hạn…) or it opens the text, so dates of events and of cited
 * documents are not taken for deadlines. The first dated phrase wins; otherwise the first recurring or
 * start-only phrase; null when there is none. `raw` of the result is the phrase itself.
 */
export function findDeadlineInText(text: string, context?: DeadlineContext): Deadline | null {
  const matches = findDeadlinesInText(text, context);
  const dated = matches.find((m) => m.deadline.due !== null);
  return (dated ?? matches[0])?.deadline ?? null;
}

/** Every deadline phrase in `text` (see {@link findDeadlineInText}), in order, with its position in `cleanText(text)`. */
export function findDeadlinesInText(text: string, context?: DeadlineContext): DeadlineMatch[] {
  const clean = cleanText(text);
  const masked = maskMarkup(clean);
  const hits = scan(masked, 0, { year: contextYear(context), bareYear: false }, true).filter((h) => !h.invalid);
  return hits.map((hit) => ({
    deadline: finish(cleanText(clean.slice(hit.index, hit.end)), hit.body),
    index: hit.index,
    length: hit.end - hit.index,
  }));
}

function finish(raw: string, body: Body): Deadline {
  const out: Deadline = { raw, kind: body.kind, due: body.due, rule: body.rule };
  if (body.start) {
    out.start = body.start;
  }
  if (body.recurrence) {
    out.recurrence = body.recurrence;
  }
  if (body.before) {
    out.before = true;
  }
  return out;
}

function contextYear(context: DeadlineContext | undefined): number | null {
  const date = context?.documentDate ? parseIsoDate(context.documentDate.slice(0, 10)) : null;
  return date ? date.year : null;
}

/** Same length as the input: markup and footnote markers become spaces, dash variants become "-". */
function maskMarkup(text: string): string {
  return text
    .replace(/<[^<>]{0,80}>/g, (tag) => ' '.repeat(tag.length))
    .replace(/[*_`#¹²³⁴⁵⁶⁷⁸⁹⁰]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[“”"«»]/g, ' ');
}

function firstMeaningful(text: string): number {
  const match = /[\p{L}\p{N}]/u.exec(text);
  return match ? match.index : -1;
}

function isWordStart(text: string, index: number): boolean {
  const ch = text[index];
  if (ch === undefined || !RE.wordChar.test(ch)) {
    return false;
  }
  const prev = index > 0 ? text[index - 1] : undefined;
  return prev === undefined || !RE.wordChar.test(prev);
}

function execAt(re: RegExp, text: string, index: number): RegExpExecArray | null {
  re.lastIndex = index;
  return re.exec(text);
}

function scan(text: string, from: number, options: ParseOptions, strict: boolean): Hit[] {
  const hits: Hit[] = [];
  let index = from;
  while (index < text.length) {
    if (isWordStart(text, index)) {
      const hit = parseAt(text, index, { ...options, bareYear: false });
      const accepted =
        hit !== null &&
        (!strict || hit.cued || index === 0) &&
        !(hit.body.kind === 'date' && !hit.cued && RE.citationBefore.test(text.slice(Math.max(0, index - 60), index)));
      if (hit && accepted) {
        hits.push(hit);
        index = hit.end;
        continue;
      }
    }
    index += 1;
  }
  return hits;
}

function readLeadIns(text: string, index: number): LeadIn {
  const lead: LeadIn = { end: index, cued: false, before: false, from: false, note: null, time: null };
  for (let i = 0; i < 6; i += 1) {
    const m = execAt(RE.leadIn, text, lead.end);
    if (!m?.groups || m[0].length === 0) {
      break;
    }
    const g = m.groups;
    if (g.label) {
      lead.cued = true;
      const label = g.label.toLowerCase();
      if (label.startsWith('đề')) {
        lead.note = 'Đề xuất, chưa được duyệt';
      } else if (label.includes('được giao')) {
        lead.note = 'Hạn được giao ban đầu';
      }
    } else if (g.before) {
      lead.cued = true;
      lead.before = true;
    } else if (g.from) {
      lead.cued = true;
      lead.from = true;
    } else if (g.time) {
      lead.time = `${g.hour}h${g.minute ?? '00'}`;
    } else if (!g.soft) {
      lead.cued = true;
    }
    lead.end += m[0].length;
  }
  return lead;
}

function parseAt(text: string, index: number, options: ParseOptions): Hit | null {
  const lead = readLeadIns(text, index);
  const recurring = parseRecurrence(text, lead.end, options);
  if (recurring) {
    return { body: recurring.body, index, end: recurring.end, cued: true, invalid: false };
  }
  const atom = parseAtom(text, lead.end, { ...options, bareYear: options.bareYear || lead.from });
  if (!atom) {
    return null;
  }
  if (!atom.ok) {
    return {
      body: { kind: 'unreadable', due: null, rule: atom.rule },
      index,
      end: atom.end,
      cued: lead.cued,
      invalid: true,
    };
  }
  const body = applyLeadIn(text, atom, lead, options);
  return { body: body.body, index, end: body.end, cued: lead.cued, invalid: false };
}

function applyLeadIn(
  text: string,
  atom: Extract<Atom, { ok: true }>,
  lead: LeadIn,
  options: ParseOptions,
): { body: Body; end: number } {
  const withNote = (rule: string) => {
    const noted = lead.note ? `${lead.note}: ${rule}` : rule;
    return lead.time ? `${noted} (giờ ${lead.time} không tính, chỉ lấy ngày)` : noted;
  };
  if (lead.from) {
    const join = execAt(RE.rangeJoin, text, atom.end);
    const until = join ? parseAtom(text, atom.end + join[0].length, { ...options, bareYear: true }) : null;
    if (until?.ok && until.due >= atom.start) {
      return {
        body: {
          kind: 'period',
          due: until.due,
          start: atom.start,
          rule: withNote(`${RULES.range} (${atom.rule}; ${until.rule})`),
        },
        end: until.end,
      };
    }
    if (atom.kind === 'period') {
      // "từ 2025 đến 2030" already read as one range by the atom.
      return { body: { kind: 'period', due: atom.due, start: atom.start, rule: withNote(atom.rule) }, end: atom.end };
    }
    return {
      body: {
        kind: 'period',
        due: null,
        start: atom.start,
        rule: withNote(`Từ … → bắt đầu ${formatDay(atom.start)}, không có hạn`),
      },
      end: atom.end,
    };
  }
  if (lead.before) {
    const yearRuleNote = YEAR_NOTE_PATTERN.exec(atom.rule)?.[0] ?? '';
    if (atom.kind === 'date') {
      return {
        body: { kind: 'date', due: atom.due, before: true, rule: withNote(RULES.before + yearRuleNote) },
        end: atom.end,
      };
    }
    // "Trước tháng 6/2025": before the month starts, i.e. by the end of May; it may also mean "by end of June".
    const due = addDaysIso(atom.start, -1);
    const rule = `${beforePeriodRule(atom.kind)}${yearRuleNote}`;
    return { body: { kind: atom.kind, due, rule: withNote(rule) }, end: atom.end };
  }
  const body: Body = { kind: atom.kind, due: atom.due, rule: withNote(atom.rule) };
  if (atom.kind !== 'date') {
    body.start = atom.start;
  }
  return { body, end: atom.end };
}

const YEAR_NOTE_PATTERN = / \(không ghi năm → [^)]*\)$/u;

function beforePeriodRule(kind: DeadlineKind): string {
  const ambiguous = '(không rõ ràng: cũng có thể hiểu là';
  switch (kind) {
    case 'month':
      return `Trước tháng M/YYYY → ngày cuối tháng M−1 ${ambiguous} cuối tháng M; cần xác nhận)`;
    case 'quarter':
      return `Trước quý N/YYYY → ngày cuối quý liền trước ${ambiguous} cuối quý N; cần xác nhận)`;
    case 'year':
      return `Trước năm YYYY → 31/12 năm liền trước ${ambiguous} 31/12/YYYY; cần xác nhận)`;
    default:
      return `Trước giai đoạn → ngày liền trước ngày bắt đầu ${ambiguous} ngày cuối giai đoạn; cần xác nhận)`;
  }
}

function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
}

function parseRecurrence(text: string, index: number, options: ParseOptions): { body: Body; end: number } | null {
  const m = execAt(RE.recurrence, text, index);
  if (!m?.groups) {
    return null;
  }
  const g = m.groups;
  let end = index + m[0].length;
  if (end < text.length && RE.wordChar.test(text[end] ?? '')) {
    return null;
  }
  let body: Body;
  if (g.ongoing) {
    const year = Number(g.ongoingYear);
    if (year < MIN_YEAR || year > MAX_YEAR) {
      return null;
    }
    body = {
      kind: 'recurring',
      due: null,
      recurrence: 'continuous',
      start: toIsoDate(year, 1, 1),
      rule: RULES.ongoingFrom,
    };
    return { body, end };
  }
  if (g.dayOfMonth) {
    const day = Number(g.dom);
    if (day < 1 || day > 31) {
      return null;
    }
    body = {
      kind: 'recurring',
      due: null,
      recurrence: 'monthly',
      rule: `Ngày D hằng tháng → lặp lại mỗi tháng, hạn ngày ${day}`,
    };
    return { body, end };
  }
  if (g.every) {
    const unit = (g.unit ?? '').toLowerCase();
    if (unit === 'tháng') {
      body = { kind: 'recurring', due: null, recurrence: 'monthly', rule: RULES.monthly };
    } else if (unit === 'quý') {
      body = { kind: 'recurring', due: null, recurrence: 'quarterly', rule: RULES.quarterly };
    } else if (unit === 'năm') {
      body = { kind: 'recurring', due: null, recurrence: 'yearly', rule: RULES.yearly };
    } else {
      body = {
        kind: 'recurring',
        due: null,
        recurrence: 'periodic',
        rule: `Hằng ${unit} → lặp lại (định kỳ), không có hạn cố định`,
      };
    }
  } else if (g.periodic) {
    body = { kind: 'recurring', due: null, recurrence: 'periodic', rule: RULES.periodic };
  } else {
    body = { kind: 'recurring', due: null, recurrence: 'continuous', rule: RULES.continuous };
  }
  // "Thường xuyên trong 6 tháng cuối năm", "Hằng tháng từ tháng 8/2025": a window for the recurrence.
  const join = execAt(RE.recurrenceWindow, text, end);
  if (join) {
    const windowAtom = parseAtom(text, end + join[0].length, { ...options, bareYear: false });
    if (windowAtom?.ok) {
      const isFrom = (join[1] ?? '').toLowerCase() === 'từ';
      body = {
        ...body,
        start: windowAtom.start,
        due: isFrom ? null : windowAtom.due,
        rule: isFrom
          ? `${body.rule}; bắt đầu ${formatDay(windowAtom.start)}`
          : `${body.rule}; trong khoảng: ${windowAtom.rule}`,
      };
      end = windowAtom.end;
    }
  }
  return { body, end };
}

function validYear(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function dateAtom(end: number, year: number, month: number, day: number, rule: string, shown: string): Atom {
  if (!validYear(year) || !isValidDate(year, month, day)) {
    return { ok: false, end, rule: `Ngày không tồn tại (${shown}) → không đọc được` };
  }
  const iso = toIsoDate(year, month, day);
  return { ok: true, end, kind: 'date', start: iso, due: iso, rule };
}

function monthAtom(end: number, year: number, month: number, rule: string, shown: string): Atom {
  if (!validYear(year) || month < 1 || month > 12) {
    return { ok: false, end, rule: `Tháng không hợp lệ (${shown}) → không đọc được` };
  }
  return {
    ok: true,
    end,
    kind: 'month',
    start: isoFirstDayOfMonth(year, month),
    due: isoLastDayOfMonth(year, month),
    rule,
  };
}

function missingYear(end: number, shown: string): Atom {
  return { ok: false, end, rule: `Không ghi năm (${shown}) và không biết ngày văn bản → không đọc được` };
}

const yearNote = (year: number) => ` (không ghi năm → lấy năm ${year} của văn bản)`;

function parseAtom(text: string, index: number, options: ParseOptions): Atom | null {
  let m = execAt(RE.iso, text, index);
  if (m) {
    return dateAtom(index + m[0].length, Number(m[1]), Number(m[2]), Number(m[3]), RULES.isoDate, m[0]);
  }
  m = execAt(RE.longDate, text, index);
  if (m) {
    return dateAtom(index + m[0].length, Number(m[3]), Number(m[2]), Number(m[1]), RULES.longDate, m[0]);
  }
  m = execAt(RE.dmy, text, index);
  if (m) {
    return dateAtom(index + m[0].length, Number(m[4]), Number(m[3]), Number(m[1]), RULES.date, m[0]);
  }
  m = execAt(RE.monthSlashYear, text, index);
  if (m) {
    return monthAtom(index + m[0].length, Number(m[2]), Number(m[1]), 'M/YYYY → ngày cuối tháng M', m[0]);
  }
  m = execAt(RE.monthRange, text, index);
  if (m) {
    const end = index + m[0].length;
    const year = Number(m[3]);
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (!validYear(year) || from < 1 || to > 12 || from > to) {
      return { ok: false, end, rule: `Khoảng tháng không hợp lệ (${m[0]}) → không đọc được` };
    }
    return {
      ok: true,
      end,
      kind: 'period',
      start: isoFirstDayOfMonth(year, from),
      due: isoLastDayOfMonth(year, to),
      rule: RULES.monthRange,
    };
  }
  m = execAt(RE.monthList, text, index);
  if (m) {
    const end = index + m[0].length;
    const year = Number(m[1]);
    const months = [...m[0].slice(0, m[0].length - 4).matchAll(/\d{1,2}/g)].map((x) => Number(x[0]));
    const from = Math.min(...months);
    const to = Math.max(...months);
    if (!validYear(year) || from < 1 || to > 12) {
      return { ok: false, end, rule: `Danh sách tháng không hợp lệ (${m[0]}) → không đọc được` };
    }
    return {
      ok: true,
      end,
      kind: 'period',
      start: isoFirstDayOfMonth(year, from),
      due: isoLastDayOfMonth(year, to),
      rule: 'Các tháng M1, M2/YYYY → từ ngày đầu tháng sớm nhất đến ngày cuối tháng muộn nhất',
    };
  }
  m = execAt(RE.month, text, index);
  if (m) {
    return monthAtom(index + m[0].length, Number(m[2]), Number(m[1]), RULES.month, m[0]);
  }
  m = execAt(RE.monthWord, text, index);
  if (m) {
    const month = MONTH_WORDS[(m[1] ?? '').toLowerCase().replace(/\s+/g, ' ')] ?? 0;
    return monthAtom(index + m[0].length, Number(m[2]), month, 'Tháng (viết bằng chữ)/YYYY → ngày cuối tháng', m[0]);
  }
  m = execAt(RE.quarter, text, index);
  if (m) {
    const quarter = ROMAN_QUARTERS[(m[1] ?? m[2] ?? '').toLowerCase()] ?? 0;
    return quarterAtom(index + m[0].length, Number(m[3]), quarter, '');
  }
  m = execAt(RE.half, text, index);
  if (m) {
    const end = index + m[0].length;
    const year = m[2] ? Number(m[2]) : options.year;
    if (year === null) {
      return missingYear(end, m[0]);
    }
    if (!validYear(year)) {
      return { ok: false, end, rule: `Năm không hợp lệ (${m[0]}) → không đọc được` };
    }
    const note = m[2] ? '' : yearNote(year);
    const firstHalf = (m[1] ?? '').toLowerCase() === 'đầu';
    return {
      ok: true,
      end,
      kind: 'half-year',
      start: toIsoDate(year, firstHalf ? 1 : 7, 1),
      due: firstHalf ? toIsoDate(year, 6, 30) : toIsoDate(year, 12, 31),
      rule: (firstHalf ? RULES.firstHalf : RULES.secondHalf) + note,
    };
  }
  m = execAt(RE.yearRange, text, index);
  if (m && (options.bareYear || /\p{L}/u.test(m[0]))) {
    const end = index + m[0].length;
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (!validYear(from) || !validYear(to) || to < from) {
      return { ok: false, end, rule: `Khoảng năm không hợp lệ (${m[0]}) → không đọc được` };
    }
    return {
      ok: true,
      end,
      kind: 'period',
      start: toIsoDate(from, 1, 1),
      due: toIsoDate(to, 12, 31),
      rule: RULES.yearRange,
    };
  }
  m = execAt(RE.year, text, index);
  if (m) {
    return yearAtom(index + m[0].length, Number(m[1]), m[0]);
  }
  if (options.bareYear) {
    m = execAt(RE.bareYear, text, index);
    if (m && validYear(Number(m[1]))) {
      return yearAtom(index + m[0].length, Number(m[1]), m[0]);
    }
  }
  // Forms without a year take it from the document date, and say so.
  m = execAt(RE.dm, text, index);
  if (m) {
    const end = index + m[0].length;
    if (options.year === null) {
      return missingYear(end, m[0]);
    }
    const atom = dateAtom(end, options.year, Number(m[2]), Number(m[1]), RULES.date, m[0]);
    return atom.ok ? { ...atom, rule: atom.rule + yearNote(options.year) } : atom;
  }
  m = execAt(RE.quarterNoYear, text, index);
  if (m) {
    const end = index + m[0].length;
    if (options.year === null) {
      return missingYear(end, m[0]);
    }
    return quarterAtom(end, options.year, ROMAN_QUARTERS[(m[1] ?? '').toLowerCase()] ?? 0, yearNote(options.year));
  }
  m = execAt(RE.monthNoYear, text, index);
  if (m) {
    const end = index + m[0].length;
    if (options.year === null) {
      return missingYear(end, m[0]);
    }
    const atom = monthAtom(end, options.year, Number(m[1]), RULES.month, m[0]);
    return atom.ok ? { ...atom, rule: atom.rule + yearNote(options.year) } : atom;
  }
  return null;
}

function quarterAtom(end: number, year: number, quarter: number, note: string): Atom {
  if (!validYear(year) || quarter < 1 || quarter > 4) {
    return { ok: false, end, rule: 'Quý không hợp lệ → không đọc được' };
  }
  const due = isoLastDayOfQuarter(year, quarter);
  const [, mm, dd] = due.split('-');
  return {
    ok: true,
    end,
    kind: 'quarter',
    start: isoFirstDayOfQuarter(year, quarter),
    due,
    rule: `Quý ${ROMAN_NAMES[quarter - 1]}/YYYY → ${Number(dd)}/${Number(mm)}/YYYY${note}`,
  };
}

function yearAtom(end: number, year: number, shown: string): Atom {
  if (!validYear(year)) {
    return { ok: false, end, rule: `Năm không hợp lệ (${shown}) → không đọc được` };
  }
  return { ok: true, end, kind: 'year', start: toIsoDate(year, 1, 1), due: toIsoDate(year, 12, 31), rule: RULES.year };
}

function quote(text: string, hit: Hit): string {
  return `«${cleanText(text.slice(hit.index, hit.end))}»`;
}

/** A phrase taken out of a longer cell: the rule says so, since the rest of the cell was not understood. */
function extracted(hits: Hit[], text: string): Body {
  const dated = hits.filter((h) => h.body.due !== null);
  if (dated.length > 1) {
    return combineMilestones(dated, text);
  }
  const hit = dated[0] ?? hits[0];
  if (!hit) {
    return { kind: 'unreadable', due: null, rule: RULES.unreadable };
  }
  return { ...hit.body, rule: `Trích từ câu ${quote(text, hit)}: ${hit.body.rule}` };
}

/** Several milestones in one cell ("Tháng 12/2025 và năm 2026"): the earliest due date is the deadline. */
function combineMilestones(hits: Hit[], text: string): Body {
  const dated = hits.filter((h) => h.body.due !== null);
  const chosen = dated.reduce<Hit | null>(
    (best, h) => (best === null || (h.body.due ?? '') < (best.body.due ?? '') ? h : best),
    null,
  );
  const list = hits.map((h) => quote(text, h)).join('; ');
  if (!chosen) {
    const firstHit = hits[0];
    return firstHit
      ? { ...firstHit.body, rule: `Nhiều mốc (${list}) → lấy mốc đầu: ${firstHit.body.rule}` }
      : { kind: 'unreadable', due: null, rule: RULES.unreadable };
  }
  return { ...chosen.body, rule: `Nhiều mốc (${list}) → lấy mốc sớm nhất ${quote(text, chosen)}: ${chosen.body.rule}` };
}
