import type { ImportDirective } from '@shared/contracts/imports';
import { cleanText, foldText } from '@shared/lib/vn-text';
import type { SourceDocument, SourceParagraph } from './source-document';

type DirectiveKind = ImportDirective['kind'];

/**
 * One document inside a file, with what its header block says: issuer, number ("Số: 292/TB-VPCP"), place and
 * date ("Hà Nội, ngày 09 tháng 6 năm 2025"), kind ("THÔNG BÁO", "KẾ HOẠCH") and title. A file may bundle several
 * documents (a cover letter, a plan and the notice it implements); each gets its own block range.
 */
export type DocumentHeader = {
  kind: DirectiveKind;
  /** The kind as written ("THÔNG BÁO KẾT LUẬN"), or null when only the number tells it. */
  kindLabel: string | null;
  /** Number and symbol as written, spaces removed ("01-KH/BCĐ"); null when absent or left blank in a draft. */
  number: string | null;
  issuedOn: string | null;
  /** Place of issue as written ("Hà Nội", "TP. Hồ Chí Minh"). */
  place: string | null;
  issuer: string | null;
  title: string;
  /** "DỰ THẢO …", or a number left blank ("Số: - CV/ĐU"). */
  isDraft: boolean;
  /** True when a header block was found (false for a file of bare appendices). */
  hasHeader: boolean;
  /** Blocks [startBlock, endBlock) belong to this document; the body starts at bodyBlock. */
  startBlock: number;
  bodyBlock: number;
  endBlock: number;
  line: number;
};

const KIND_WORDS: Array<[RegExp, DirectiveKind]> = [
  [/^THÔNG BÁO KẾT LUẬN(?![\p{L}\p{N}])/iu, 'thong-bao-ket-luan'],
  [/^THÔNG BÁO(?![\p{L}\p{N}])/iu, 'thong-bao-ket-luan'],
  [/^KẾT LUẬN(?![\p{L}\p{N}])/iu, 'thong-bao-ket-luan'],
  [/^KẾ HOẠCH(?![\p{L}\p{N}])/iu, 'ke-hoach'],
  [/^BÁO CÁO(?![\p{L}\p{N}])/iu, 'bao-cao'],
  [/^QUYẾT ĐỊNH(?![\p{L}\p{N}])/iu, 'quyet-dinh'],
  [/^NGHỊ QUYẾT(?![\p{L}\p{N}])/iu, 'nghi-quyet'],
  [/^CHỈ THỊ(?![\p{L}\p{N}])/iu, 'chi-thi'],
  [/^CHƯƠNG TRÌNH(?![\p{L}\p{N}])/iu, 'chuong-trinh'],
  [/^ĐỀ ÁN(?![\p{L}\p{N}])/iu, 'de-an'],
  [/^CÔNG VĂN(?![\p{L}\p{N}])/iu, 'cong-van'],
  [/^TỜ TRÌNH(?![\p{L}\p{N}])/iu, 'khac'],
];

const SYMBOL_KINDS: Record<string, DirectiveKind> = {
  NQ: 'nghi-quyet',
  KH: 'ke-hoach',
  TB: 'thong-bao-ket-luan',
  KL: 'thong-bao-ket-luan',
  QĐ: 'quyet-dinh',
  CT: 'chi-thi',
  CTR: 'chuong-trinh',
  ĐA: 'de-an',
  CV: 'cong-van',
  BC: 'bao-cao',
};

/** Kinds whose documents assign tasks; a report or a letter carrying task lists is not their directive. */
export const DIRECTIVE_KINDS: ReadonlySet<DirectiveKind> = new Set([
  'nghi-quyet',
  'ke-hoach',
  'thong-bao-ket-luan',
  'quyet-dinh',
  'chi-thi',
  'chuong-trinh',
  'de-an',
]);

const MOTTO = /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM/i;
const NUMBER_LINE = /^(?:[-–]\s*)?Số\s*:?\s*(.*)$/;
const NUMBER_IN_HEADING = /(?<![\p{L}])Số\s*:?\s*(\d[^\s,;]*(?:\s*[-–]\s*[^\s,;]+)?)/u;
const PLACE_DATE = /^([\p{L}. ]{2,40}),\s*ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
const WINDOW = 10;

/** An ISO date from "ngày 18 tháng 7 năm 2025", "18/7/2025" or "18-7-2025"; null when absent or impossible. */
export function parseVietnameseDate(text: string): string | null {
  const clean = cleanText(text);
  const long = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/i.exec(clean);
  const short = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/.exec(clean);
  const match = long ?? short;
  if (!match) {
    return null;
  }
  return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) {
    return null;
  }
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) {
    return null;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "01 -KH/BCĐ" → "01-KH/BCĐ"; a number left blank ("- CV/ĐU") → null. */
export function cleanDocumentNumber(raw: string): string | null {
  const compact = cleanText(raw)
    .replace(/\s*([-–/])\s*/g, (_m, sep: string) => (sep === '–' ? '-' : sep))
    .replace(/[.,;:]+$/, '');
  const match = /^\d+[\p{L}\p{N}&./-]*/u.exec(compact);
  return match && /[\p{L}]/u.test(match[0]) ? match[0] : null;
}

/** The document kind a number's symbol implies: "292/TB-VPCP" and "07-TB/CQTTBCĐ" are notices. */
export function kindOfNumber(number: string | null): DirectiveKind | null {
  if (!number) {
    return null;
  }
  const party = /^\d+-([\p{L}]+)\//u.exec(number);
  const state = /^\d+(?:\/\d{4})?\/([\p{L}]+)-/u.exec(number);
  const symbol = (party?.[1] ?? state?.[1] ?? '').toUpperCase();
  return SYMBOL_KINDS[symbol] ?? null;
}

function kindOfLine(
  text: string,
  isHeading: boolean,
): { kind: DirectiveKind; label: string; rest: string; draft: boolean } | null {
  const draft = /^DỰ THẢO\s+/i.exec(text);
  const body = draft ? text.slice(draft[0].length) : text;
  for (const [pattern, kind] of KIND_WORDS) {
    const match = pattern.exec(body);
    if (!match) {
      continue;
    }
    const label = match[0];
    // Outside headings the kind word must be written in capitals, as on a real document's title.
    if (!isHeading && label !== label.toUpperCase()) {
      return null;
    }
    return { kind, label: label.toUpperCase(), rest: body.slice(label.length).trim(), draft: draft !== null };
  }
  return null;
}

function isUpperDominant(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4) {
    return false;
  }
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length >= 0.8 && text.trim().split(/\s+/).length >= 2;
}

type Indexed = { block: number; p: SourceParagraph };

/** Splits a file into its documents and reads each header block. A file with no header is one document. */
export function readDocumentHeaders(doc: SourceDocument): DocumentHeader[] {
  const paragraphs: Indexed[] = [];
  doc.blocks.forEach((b, block) => {
    if (b.kind === 'paragraph') {
      paragraphs.push({ block, p: b });
    }
  });
  const anchors = findAnchors(paragraphs);
  if (anchors.length === 0) {
    return [bareDocument(doc)];
  }
  const headers = anchors.map((a, i) =>
    readHeader(paragraphs, a, i > 0 ? (anchors[i - 1] ?? 0) + 1 : 0, anchors[i + 1] ?? paragraphs.length),
  );
  // Each document runs to the next one's first block; anything before the first header belongs to the first.
  headers.forEach((h, i) => {
    const next = headers[i + 1];
    h.endBlock = next ? next.startBlock : doc.blocks.length;
    if (i === 0) {
      h.startBlock = 0;
    }
  });
  return headers;
}

function bareDocument(doc: SourceDocument): DocumentHeader {
  return {
    kind: 'khac',
    kindLabel: null,
    number: null,
    issuedOn: null,
    place: null,
    issuer: null,
    title: '',
    isDraft: false,
    hasHeader: false,
    startBlock: 0,
    bodyBlock: 0,
    endBlock: doc.blocks.length,
    line: doc.blocks[0]?.line ?? 1,
  };
}

/** Paragraph indexes that anchor a header: the national motto, or a "Số: …" line far from any motto. */
function findAnchors(paragraphs: Indexed[]): number[] {
  const mottos: number[] = [];
  const numbers: number[] = [];
  paragraphs.forEach(({ p }, i) => {
    if (p.text.length <= 200 && MOTTO.test(p.text)) {
      mottos.push(i);
    } else if (
      NUMBER_LINE.test(p.text) &&
      p.text.length <= 80 &&
      cleanDocumentNumber(NUMBER_LINE.exec(p.text)?.[1] ?? '')
    ) {
      numbers.push(i);
    }
  });
  const anchors = [...mottos];
  for (const n of numbers) {
    if (!mottos.some((m) => Math.abs(m - n) <= WINDOW) && !anchors.some((a) => Math.abs(a - n) <= WINDOW)) {
      anchors.push(n);
    }
  }
  // Two mottos close together (a state and a Party motto in one header) anchor one document.
  anchors.sort((a, b) => a - b);
  return anchors.filter((a, i) => i === 0 || a - (anchors[i - 1] ?? -WINDOW) > 4);
}

function readHeader(paragraphs: Indexed[], anchor: number, lowerBound: number, upperBound: number): DocumentHeader {
  const from = Math.max(lowerBound, anchor - WINDOW);
  const to = Math.min(upperBound, anchor + WINDOW);
  let number: string | null = null;
  let numberSeen = false;
  let issuedOn: string | null = null;
  let placeName: string | null = null;
  let kind: { kind: DirectiveKind; label: string; rest: string; draft: boolean; index: number } | null = null;
  let subject: string | null = null;
  let first = anchor;
  let last = anchor;

  for (let i = from; i < to; i++) {
    const entry = paragraphs[i];
    if (!entry) {
      continue;
    }
    const text = entry.p.text;
    const numberLine = NUMBER_LINE.exec(text);
    const place = PLACE_DATE.exec(text);
    const isHeading = entry.p.headingLevel !== undefined;
    const kindLine = text.length <= 400 ? kindOfLine(text, isHeading) : null;
    if (numberLine && text.length <= 80) {
      if (!numberSeen) {
        numberSeen = true;
        number = cleanDocumentNumber(numberLine[1] ?? '');
      }
      first = Math.min(first, i);
      last = Math.max(last, i);
    } else if (place) {
      issuedOn = place[2] ? isoDate(Number(place[4]), Number(place[3]), Number(place[2])) : null;
      placeName = cleanText(place[1] ?? '') || null;
      first = Math.min(first, i);
      last = Math.max(last, i);
    } else if (/^V\/v\b/i.test(text)) {
      subject = text.replace(/^V\/v\s*/i, '').trim();
      last = Math.max(last, i);
    } else if (kindLine && !kind && (isHeading || i > anchor - 4)) {
      kind = { ...kindLine, index: i };
      const inHeading = NUMBER_IN_HEADING.exec(kindLine.rest);
      if (inHeading?.[1] && !numberSeen) {
        number = cleanDocumentNumber(inHeading[1]);
      }
      first = Math.min(first, i);
      last = Math.max(last, i);
    }
  }

  // The issuer block: capitalised lines just above the first header line (or sharing the motto's line).
  const issuerLines: string[] = [];
  const anchorText = paragraphs[anchor]?.p.text ?? '';
  const beforeMotto = anchorText.split(MOTTO)[0]?.trim() ?? '';
  const isIssuerLine = (text: string) =>
    isUpperDominant(text) &&
    !MOTTO.test(text) &&
    !NUMBER_LINE.test(text) &&
    !PLACE_DATE.test(text) &&
    !kindOfLine(text, false) &&
    !/^[(*]|^Độc lập/i.test(text);
  let start = first;
  // A Markdown heading that names the document is its top line: nothing above it belongs to this header.
  const topIsHeading = paragraphs[first]?.p.headingLevel !== undefined;
  for (let i = first - 1; !topIsHeading && i >= lowerBound && i >= first - 8; i--) {
    const entry = paragraphs[i];
    if (!entry) {
      break;
    }
    const text = entry.p.text;
    if (isIssuerLine(text)) {
      issuerLines.unshift(text);
      start = i;
    } else if (entry.p.headingLevel !== undefined && (NUMBER_IN_HEADING.test(text) || kindOfLine(text, true))) {
      if (!kind) {
        const k = kindOfLine(text, true);
        if (k) {
          kind = { ...k, index: i };
        }
      }
      if (!number) {
        number = cleanDocumentNumber(NUMBER_IN_HEADING.exec(text)?.[1] ?? '');
      }
      start = i;
      break;
    } else {
      break;
    }
  }
  for (let i = first; i <= last; i++) {
    const text = paragraphs[i]?.p.text ?? '';
    if (i !== anchor && i !== kind?.index && isIssuerLine(text)) {
      issuerLines.push(text);
    }
  }
  if (beforeMotto && isUpperDominant(beforeMotto)) {
    issuerLines.push(beforeMotto);
  }

  // The title: the rest of the kind line, the lines printed right under it, or the next paragraph.
  let title = '';
  let bodyIndex = last + 1;
  if (kind) {
    const parts: string[] = [];
    if (kind.rest && !NUMBER_IN_HEADING.test(kind.rest)) {
      parts.push(kind.rest);
    }
    let j = kind.index + 1;
    let prevLine = paragraphs[kind.index]?.p.line ?? 0;
    while (j < paragraphs.length && j < kind.index + 8) {
      const entry = paragraphs[j];
      if (!entry || entry.p.line !== prevLine + 1 || MOTTO.test(entry.p.text) || NUMBER_LINE.test(entry.p.text)) {
        break;
      }
      parts.push(entry.p.text);
      prevLine = entry.p.line;
      j++;
    }
    if (parts.length === 0 && !(kind.kind === 'cong-van' && subject)) {
      const next = paragraphs[j];
      if (next && next.p.text.length <= 400 && !isIssuerLine(next.p.text) && !/^V\/v\b|^Kính gửi/i.test(next.p.text)) {
        parts.push(next.p.text);
        j++;
      }
    }
    title = cleanText(parts.join(' '));
    // "THÔNG BÁO KẾT LUẬN / CỦA ĐỒNG CHÍ …": the title reads on from the kind word.
    if (/^(của|về|tại|v\/v)(?![\p{L}\p{N}])/iu.test(title)) {
      title = `${kind.label} ${title}`;
    }
    bodyIndex = Math.max(bodyIndex, j);
  }
  if (!title && subject) {
    title = subject;
  }

  const numberKind = kindOfNumber(number);
  const resolvedKind: DirectiveKind = kind?.kind ?? numberKind ?? (subject ? 'cong-van' : 'khac');
  const startEntry = paragraphs[start];
  const bodyEntry = paragraphs[bodyIndex];
  return {
    kind: resolvedKind,
    kindLabel: kind?.label ?? null,
    number,
    issuedOn,
    place: placeName,
    issuer: issuerLines.length > 0 ? joinIssuer(issuerLines) : null,
    title,
    isDraft: (kind?.draft ?? false) || (numberSeen && number === null),
    hasHeader: true,
    startBlock: startEntry?.block ?? 0,
    bodyBlock: bodyEntry?.block ?? (startEntry?.block ?? 0) + 1,
    endBlock: 0,
    line: startEntry?.p.line ?? 1,
  };
}

const BODY_START =
  /^(BAN|VĂN PHÒNG|CƠ QUAN|SỞ|BỘ|ỦY BAN|UỶ BAN|UBND|CỤC|VỤ|TỔ|HỘI ĐỒNG|ĐẢNG ỦY|ĐẢNG UỶ|TRUNG TÂM)(?![\p{L}\p{N}])/u;

/** Issuer lines as one name per body: "THÀNH ỦY … / BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, …". */
function joinIssuer(lines: string[]): string {
  const parts: string[] = [];
  for (const raw of lines) {
    const line = cleanText(raw);
    if (parts.length === 0 || BODY_START.test(line)) {
      parts.push(line);
    } else {
      parts[parts.length - 1] = `${parts[parts.length - 1]} ${line}`;
    }
  }
  return parts.join(' / ');
}

/** The kind a citation's words name ("Thông báo số …" → notice), for references known only by citation. */
export function kindOfCitation(text: string): DirectiveKind | null {
  const folded = foldText(text);
  const table: Array<[string, DirectiveKind]> = [
    ['thong bao', 'thong-bao-ket-luan'],
    ['ket luan', 'thong-bao-ket-luan'],
    ['nghi quyet', 'nghi-quyet'],
    ['ke hoach', 'ke-hoach'],
    ['quyet dinh', 'quyet-dinh'],
    ['chi thi', 'chi-thi'],
    ['chuong trinh', 'chuong-trinh'],
    ['de an', 'de-an'],
    ['cong van', 'cong-van'],
    ['bao cao', 'bao-cao'],
  ];
  let best: { at: number; kind: DirectiveKind } | null = null;
  for (const [words, kind] of table) {
    const at = folded.indexOf(words);
    if (at !== -1 && (!best || at < best.at)) {
      best = { at, kind };
    }
  }
  return best?.kind ?? null;
}
