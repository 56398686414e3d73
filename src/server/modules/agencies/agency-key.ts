import { cleanText, foldText, normalizeText } from '@shared/lib/vn-text';

const FOOTNOTE_MARKS = /[\u00b9\u00b2\u00b3\u2070-\u209f]/g;
const HTML_TAG = /<\/?[a-z][^>]*>/gi;
/** A trailing role note written inside a cell: "Bộ Công an (chủ trì)". */
const ROLE_NOTE = /\(\s*(chủ trì|phối hợp|cơ quan chủ trì|cơ quan phối hợp)\s*\)\s*$/iu;

/**
 * Cleans one agency name as written: NFC + look-alikes, HTML tags and footnote superscripts removed, bullets,
 * role notes "(chủ trì)", trailing punctuation and ellipses dropped, whitespace collapsed.
 */
export function cleanAgencyName(input: string): string {
  let text = cleanText(normalizeText(input).replace(HTML_TAG, ' ').replace(FOOTNOTE_MARKS, ' '));
  for (let i = 0; i < 3; i++) {
    const before = text;
    text = text
      .replace(/^[-–—+•*·\s]+/u, '')
      .replace(/(\s*(\.\.\.|…))+$/u, '')
      .replace(/[\s.,;:]+$/u, '')
      .replace(ROLE_NOTE, '')
      .trim();
    if (text === before) {
      break;
    }
  }
  return text;
}

/** The lookup key of an agency name: {@link cleanAgencyName} then {@link foldText} ("Bộ KH&CN" → "bo kh cn"). */
export function agencyKey(input: string): string {
  return foldText(cleanAgencyName(input));
}

/**
 * Splits "Bộ Quốc phòng (Ban Cơ yếu Chính phủ)" into the head and the trailing parenthesis, if any.
 * Only a parenthesis that closes at the very end counts.
 */
export function splitTrailingParenthesis(name: string): { head: string; inner: string } | null {
  const text = cleanAgencyName(name);
  if (!text.endsWith(')')) {
    return null;
  }
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')') {
      depth++;
    } else if (ch === '(') {
      depth--;
      if (depth === 0) {
        const head = text.slice(0, i).trim();
        const inner = text.slice(i + 1, -1).trim();
        return head ? { head, inner } : null;
      }
    }
  }
  return null;
}

/** Folded prefixes that name a province's people's committee or the province itself ("UBND tỉnh", "TP."). */
const COMMITTEE_PREFIXES = ['uy ban nhan dan', 'ubnd'];
const PROVINCE_PREFIXES = ['tinh', 'thanh pho', 'tp'];

/**
 * The keys to try after the exact one, for names written with an administrative prefix:
 * "UBND tỉnh Hà Tĩnh" → "tinh ha tinh", "ha tinh"; "TP. Hải Phòng" → "hai phong". Each entry says which agency
 * kinds a match may have (a stripped "tỉnh" can only name a province).
 */
export function prefixStrippedKeys(key: string): { key: string; kinds: readonly string[] }[] {
  const out: { key: string; kinds: readonly string[] }[] = [];
  let rest = key;
  for (const prefix of COMMITTEE_PREFIXES) {
    if (rest.startsWith(`${prefix} `)) {
      rest = rest.slice(prefix.length + 1);
      out.push({ key: rest, kinds: ['province', 'commune'] });
      break;
    }
  }
  for (const prefix of PROVINCE_PREFIXES) {
    if (rest.startsWith(`${prefix} `)) {
      out.push({ key: rest.slice(prefix.length + 1), kinds: ['province'] });
      break;
    }
  }
  return out;
}

/**
 * Old-style tone placement ("Hoà", "Thanh Hoá") to the form used in current official lists ("Hòa", "Thanh Hóa").
 * Applied to province names only, where both spellings occur in the reference files for the same unit.
 */
export function modernToneMarks(name: string): string {
  const moves: Record<string, string> = {
    oà: 'òa',
    oá: 'óa',
    oả: 'ỏa',
    oã: 'õa',
    oạ: 'ọa',
    uỳ: 'ùy',
    uý: 'úy',
    uỷ: 'ủy',
    uỹ: 'ũy',
    uỵ: 'ụy',
  };
  return normalizeText(name).replace(/(o[àáảãạ]|u[ỳýỷỹỵ])(?![\p{L}])/gu, (m) => moves[m] ?? m);
}
