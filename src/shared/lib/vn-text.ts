/**
 * Vietnamese text normalisation shared by the importer, search and the UI.
 *
 * Source documents arrive in NFD, with Cyrillic look-alike letters, NO-BREAK SPACEs and typographic
 * punctuation (see docs/seed-notes summary in docs/ARCHITECTURE.md). Everything is compared after
 * {@link normalizeText}; search keys are built with {@link foldText}.
 */

/** Cyrillic and Greek letters that render like Latin ones and occur in OCR'd or pasted Vietnamese text. */
const LOOK_ALIKES: Record<string, string> = {
  '\u0430': 'a',
  '\u0435': 'e',
  '\u043e': 'o',
  '\u0440': 'p',
  '\u0441': 'c',
  '\u0445': 'x',
  '\u0443': 'y',
  '\u0456': 'i',
  '\u0410': 'A',
  '\u0412': 'B',
  '\u0415': 'E',
  '\u041a': 'K',
  '\u041c': 'M',
  '\u041d': 'H',
  '\u041e': 'O',
  '\u0420': 'P',
  '\u0421': 'C',
  '\u0422': 'T',
  '\u0425': 'X',
  '\u03bf': 'o',
  '\u039f': 'O',
};

const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/** NFC, Latin look-alikes replaced, every space-like character a plain space, zero-width characters dropped. */
export function normalizeText(input: string): string {
  return input
    .normalize('NFC')
    .replace(LOOK_ALIKE_PATTERN, (ch) => LOOK_ALIKES[ch] ?? ch)
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
}

/** {@link normalizeText} and collapse runs of whitespace to one space, trimmed. */
export function cleanText(input: string): string {
  return normalizeText(input).replace(/\s+/g, ' ').trim();
}

/**
 * Search key: lower case, diacritics removed (đ → d), punctuation to spaces, whitespace collapsed.
 * "Công nghệ số" and "cong nghe so" fold to the same key.
 */
export function foldText(input: string): string {
  return normalizeText(input)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
