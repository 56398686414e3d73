import type { DirectiveKindSchema } from '@shared/contracts/imports';
import { isValidDate, toIsoDate } from '@shared/lib/calendar';
import { cleanText, foldText } from '@shared/lib/vn-text';
import type { z } from 'zod';

/**
 * Citations of Vietnamese documents: "Nghị quyết số 71/NQ-CP", "Thông báo số 27-TB/TGV ngày 08/06/2025",
 * "Quyết định số 1169/QĐ-TTg ngày 16/6/2025", "Nghị định số 107/2021/NĐ-CP", "Luật Dữ liệu".
 *
 * The number/symbol ("số, ký hiệu") identifies a document: state documents write `số/LOẠI-CƠ QUAN`
 * (71/NQ-CP), Party documents `số-LOẠI/CƠ QUAN` (57-NQ/TW). The `key` normalises case, dashes and the
 * two separator styles when the issuer shows which one is right, so every citation of one document has one key.
 */

export type DirectiveKind = z.infer<typeof DirectiveKindSchema>;

export type DocumentReference = {
  /** Canonical number/symbol ("71/NQ-CP", "27-TB/TGV", "1169/QĐ-TTg"); "luat:<folded name>" for a law cited by name. */
  key: string;
  kind: DirectiveKind;
  /** Number/symbol as written (whitespace and dash variants normalised); "" for a law cited by name only. */
  number: string;
  /** Issue date when the citation gives one ("ngày 08/06/2025"), ISO. */
  issuedOn: string | null;
  /** Issuing body: its name when the symbol's code is unambiguous (CP → Chính phủ), else the code as written ("TGV"). */
  issuer: string | null;
  /** The citation as written, cleaned. */
  raw: string;
};

/** Type words → kind. Decrees, circulars, laws, regulations have no kind of their own in the contract: 'khac'. */
const KIND_WORDS: Array<[string, DirectiveKind]> = [
  ['thông báo kết luận', 'thong-bao-ket-luan'],
  ['thông báo', 'thong-bao-ket-luan'],
  ['kết luận', 'thong-bao-ket-luan'],
  ['nghị quyết liên tịch', 'nghi-quyet'],
  ['nghị quyết', 'nghi-quyet'],
  ['nghị định', 'khac'],
  ['kế hoạch', 'ke-hoach'],
  ['quyết định', 'quyet-dinh'],
  ['chỉ thị', 'chi-thi'],
  ['công văn', 'cong-van'],
  ['văn bản', 'cong-van'],
  ['công điện', 'khac'],
  ['báo cáo', 'bao-cao'],
  ['chương trình hành động', 'chuong-trinh'],
  ['chương trình', 'chuong-trinh'],
  ['đề án', 'de-an'],
  ['thông tư liên tịch', 'khac'],
  ['thông tư', 'khac'],
  ['tờ trình', 'khac'],
  ['quy chế', 'khac'],
  ['quy định', 'khac'],
  ['hướng dẫn', 'khac'],
  ['pháp lệnh', 'khac'],
  ['bộ luật', 'khac'],
  ['luật', 'khac'],
  ['nq', 'nghi-quyet'],
  ['nđ', 'khac'],
  ['qđ', 'quyet-dinh'],
  ['kh', 'ke-hoach'],
  ['tb', 'thong-bao-ket-luan'],
  ['cv', 'cong-van'],
  ['ct', 'chi-thi'],
];

/** Type codes inside a symbol (Nghị định 30/2020/NĐ-CP, Phụ lục III; Party: Quy định 66-QĐ/TW). */
const KIND_CODES: Record<string, DirectiveKind> = {
  NQ: 'nghi-quyet',
  NQLT: 'nghi-quyet',
  TB: 'thong-bao-ket-luan',
  TBKL: 'thong-bao-ket-luan',
  KL: 'thong-bao-ket-luan',
  KH: 'ke-hoach',
  QĐ: 'quyet-dinh',
  CT: 'chi-thi',
  CV: 'cong-van',
  BC: 'bao-cao',
  CTR: 'chuong-trinh',
  ĐA: 'de-an',
  NĐ: 'khac',
  TT: 'khac',
  TTLT: 'khac',
  TTR: 'khac',
  QC: 'khac',
  QĐI: 'khac',
  HD: 'khac',
  CĐ: 'khac',
  PL: 'khac',
  L: 'khac',
};

/** Codes whose conventional spelling is not all capitals. */
const MIXED_CASE: Record<string, string> = { TTG: 'TTg', TTR: 'TTr', QĐI: 'QĐi', CTR: 'CTr' };

/** Issuer codes that name one body wherever they appear. */
const ISSUER_NAMES: Record<string, string> = {
  CP: 'Chính phủ',
  TTg: 'Thủ tướng Chính phủ',
  VPCP: 'Văn phòng Chính phủ',
  TW: 'Trung ương Đảng',
  BCT: 'Bộ Chính trị',
  QH: 'Quốc hội',
  UBTVQH: 'Ủy ban Thường vụ Quốc hội',
  BKHCN: 'Bộ Khoa học và Công nghệ',
  BNV: 'Bộ Nội vụ',
  BTC: 'Bộ Tài chính',
  BCA: 'Bộ Công an',
  BTP: 'Bộ Tư pháp',
  NHNN: 'Ngân hàng Nhà nước Việt Nam',
};

/** State issuers whose documents use `số/LOẠI-CƠ QUAN`. */
const STATE_ISSUERS = new Set(['CP', 'TTg', 'VPCP']);

const SYMBOL = /(?<![\p{L}\d/.-])(\d{1,5})((?:\/\d{4})?)([-/])(\p{L}[\p{L}\d&]*)((?:[-/][\p{L}\d][\p{L}\d&]*)*)/gu;
const KIND_WORD_BEFORE = new RegExp(
  `(?<![\\p{L}])(${KIND_WORDS.map(([w]) => w.replace(/ /g, '\\s+')).join('|')})\\s+(?:số\\s*:?\\s*)?$`,
  'iu',
);
const SO_BEFORE = /(?<![\p{L}])số\s*:?\s*$/iu;
const DATE_AFTER =
  /^\s*,?\s*(?:của\s+|ban\s+hành\s+)?ngày\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))(?!\d)/iu;
const LAW = /(?<![\p{L}])(?:Bộ\s+)?(?:Luật|LUẬT)\s+(?=\p{Lu})/gu;
const LAW_STOP_WORDS = new Set(
  'của có năm số ngày được đã để trong theo tại thì sẽ nhằm với đang là và hoặc cùng khi sau trước từ đến này do'.split(
    ' ',
  ),
);

/**
 * Parse one citation: the first document reference in `text` ("Nghị quyết số 71/NQ-CP", "71/NQ-CP",
 * "Thông báo số 27-TB/TGV ngày 08/06/2025", an appendix caption…), or null when there is none.
 */
export function parseDocumentReference(text: string): DocumentReference | null {
  return findDocumentReferences(text)[0] ?? null;
}

/**
 * Every document citation in `text`, in order of appearance (repeats included). A bare symbol without a
 * type word counts only when it carries a known type code (NQ, TB, KH, QĐ…) or an issuer part, so that
 * fractions and dates are not taken for documents.
 */
export function findDocumentReferences(text: string): DocumentReference[] {
  const clean = cleanText(text)
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/Ð/g, 'Đ')
    .replace(/ð/g, 'đ');
  const found: Array<{ index: number; ref: DocumentReference }> = [];
  for (const m of clean.matchAll(SYMBOL)) {
    const ref = readSymbol(clean, m);
    if (ref) {
      found.push(ref);
    }
  }
  for (const m of clean.matchAll(LAW)) {
    const law = readLaw(clean, m.index + m[0].length, m.index);
    if (law && !found.some((f) => f.index <= m.index && m.index < f.index + f.ref.raw.length)) {
      found.push(law);
    }
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.ref);
}

function readSymbol(text: string, m: RegExpExecArray): { index: number; ref: DocumentReference } | null {
  const [symbol, num = '', year = '', firstSep = '', firstCode = '', restCodes = ''] = m;
  const before = text.slice(Math.max(0, m.index - 40), m.index);
  const wordMatch = KIND_WORD_BEFORE.exec(before);
  const hasSo = wordMatch !== null || SO_BEFORE.test(before);
  let codes = [firstCode, ...restCodes.split(/[-/]/).filter(Boolean)].map(canonicalCode);
  let separators = [firstSep, ...[...restCodes.matchAll(/[-/]/g)].map((s) => s[0])];
  // "71/NQCP": the type code glued to a well-known issuer.
  const glued = codes.length === 1 ? /^(NQ|QĐ|CT|NĐ)(CP|TTG)$/.exec((codes[0] ?? '').toUpperCase()) : null;
  if (glued?.[1] && glued[2]) {
    codes = [glued[1], canonicalCode(glued[2])];
    separators = [firstSep, '-'];
  }

  const kindIndex = codes.findIndex((c) => KIND_CODES[c.toUpperCase()] !== undefined);
  const kindCode = kindIndex === -1 ? null : (codes[kindIndex] ?? null);
  // Without "số" or a type word, only a capitalised symbol with a type code or an issuer part is a citation.
  if (!hasSo && (!/^\p{Lu}/u.test(firstCode) || (kindCode === null && codes.length < 2))) {
    return null;
  }
  const issuer = kindIndex === -1 ? (codes[0] ?? null) : (codes[kindIndex + 1] ?? null);
  const key = canonicalKey(num, year, codes, separators, kindIndex);

  const word = wordMatch?.[1]?.toLowerCase().replace(/\s+/g, ' ');
  const kind = kindFromWord(word) ?? kindFromCodes(kindCode, year, codes, firstSep);

  const dateMatch = DATE_AFTER.exec(text.slice(m.index + symbol.length));
  let issuedOn: string | null = null;
  if (dateMatch) {
    const day = Number(dateMatch[1] ?? dateMatch[4]);
    const month = Number(dateMatch[2] ?? dateMatch[5]);
    const y = Number(dateMatch[3] ?? dateMatch[6]);
    issuedOn = isValidDate(y, month, day) ? toIsoDate(y, month, day) : null;
  }
  const start = wordMatch ? m.index - (before.length - wordMatch.index) : m.index;
  const end = m.index + symbol.length + (dateMatch && issuedOn ? dateMatch[0].length : 0);
  return {
    index: start,
    ref: {
      key,
      kind,
      number: symbol,
      issuedOn,
      issuer: issuer ? (ISSUER_NAMES[issuer] ?? issuerByPrefix(issuer) ?? issuer) : null,
      raw: cleanText(text.slice(start, end)),
    },
  };
}

function canonicalCode(code: string): string {
  const upper = code.toUpperCase();
  return MIXED_CASE[upper] ?? upper;
}

function issuerByPrefix(code: string): string | null {
  return /^QH\d*$/.test(code) ? 'Quốc hội' : null;
}

function isPartyIssuer(code: string): boolean {
  return /(?:TW|ĐU|TU|HU|QU)$/.test(code) || ['TGV', 'BCĐ', 'CQTTBCĐ'].includes(code);
}

function canonicalKey(num: string, year: string, codes: string[], separators: string[], kindIndex: number): string {
  const prefix = `${num}${year}`;
  const [kind, issuer] = codes;
  if (kindIndex === 0 && codes.length === 2 && kind && issuer) {
    if (isPartyIssuer(issuer)) {
      return `${prefix}-${kind}/${issuer}`;
    }
    if (STATE_ISSUERS.has(issuer)) {
      return `${prefix}/${kind}-${issuer}`;
    }
  }
  return prefix + codes.map((c, i) => `${separators[i] ?? '-'}${c}`).join('');
}

function kindFromWord(word: string | undefined): DirectiveKind | null {
  if (!word) {
    return null;
  }
  return KIND_WORDS.find(([w]) => w === word)?.[1] ?? null;
}

function kindFromCodes(kindCode: string | null, year: string, codes: string[], firstSep: string): DirectiveKind {
  if (kindCode) {
    return KIND_CODES[kindCode.toUpperCase()] ?? 'khac';
  }
  // A state letter has no type code: "2503/BKHCN-CĐSQG" (số/CƠ QUAN-ĐƠN VỊ).
  if (!year && firstSep === '/' && codes.length === 2) {
    return 'cong-van';
  }
  return 'khac';
}

/** "Luật Khoa học, công nghệ và đổi mới sáng tạo có hiệu lực…" → the name up to the first word that ends it. */
function readLaw(text: string, nameStart: number, index: number): { index: number; ref: DocumentReference } | null {
  const head = /[\p{L}\d&-]+/uy;
  head.lastIndex = nameStart;
  const first = head.exec(text);
  if (!first) {
    return null;
  }
  const words = [first[0]];
  let end = nameStart + first[0].length;
  const token = /(,?)\s+([\p{L}\d&-]+)/uy;
  while (words.length < 12) {
    token.lastIndex = end;
    const t = token.exec(text);
    const word = t?.[2];
    if (!t || !word) {
      break;
    }
    const comma = t[1] === ',';
    const lower = word.toLowerCase();
    const continuesWithAnd = lower === 'và' && !comma && nextWordIsLower(text, token.lastIndex);
    if (LAW_STOP_WORDS.has(lower) && !continuesWithAnd) {
      break;
    }
    // A capital after a comma starts another item ("Luật Đầu tư, Luật Đấu thầu"); so does a document word.
    if (/^\p{Lu}/u.test(word) && (comma || DOCUMENT_WORD.test(word))) {
      break;
    }
    if (comma) {
      words[words.length - 1] += ',';
    }
    words.push(word);
    end = token.lastIndex;
  }
  const name = words.join(' ');
  return {
    index,
    ref: {
      key: `luat:${foldText(name).replace(/ /g, '-')}`,
      kind: 'khac',
      number: '',
      issuedOn: null,
      issuer: 'Quốc hội',
      raw: cleanText(text.slice(index, end)),
    },
  };
}

const DOCUMENT_WORD = /^(?:Luật|Nghị|Quyết|Thông|Kế|Chỉ|Bộ|Ủy|UBND|Chính|Quốc)$/u;

function nextWordIsLower(text: string, from: number): boolean {
  const next = /\s*(\p{L}+)/uy;
  next.lastIndex = from;
  const word = next.exec(text)?.[1];
  return word !== undefined && /^\p{Ll}/u.test(word) && !LAW_STOP_WORDS.has(word);
}
