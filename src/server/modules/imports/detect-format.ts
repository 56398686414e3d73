import { ImportReadError } from './import-errors';
import { isDocxPackage, readDocxDocument } from './read-docx';
import { readTextDocument } from './read-text';
import { isXlsxPackage, readXlsxDocument } from './read-xlsx';
import type { SourceDocument } from './source-document';
import { hasZipMagic, listZipEntries } from './zip-entries';

/** Largest file one import accepts (an upload limit of the same size sits in front of the API). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Largest total unpacked size of a .docx/.xlsx package: guards against ZIP bombs. */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

export type SniffedFormat = 'docx' | 'xlsx' | 'text';

export type ReadSourceOptions = { maxBytes?: number };

const BINARY_SIGNATURES: Array<{ magic: number[]; what: string }> = [
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'Word/Excel đời cũ (.doc/.xls): hãy lưu lại thành .docx/.xlsx',
  },
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'PDF' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'ảnh PNG' },
  { magic: [0xff, 0xd8, 0xff], what: 'ảnh JPEG' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'ảnh GIF' },
  { magic: [0x1f, 0x8b], what: 'tệp nén gzip' },
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'tệp nén RAR' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'tệp nén 7z' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'RTF: hãy lưu lại thành .docx' },
];

/**
 * Read any supported file into a {@link SourceDocument}, choosing the reader by the file's content: a ZIP package
 * whose parts are Word's goes to the .docx reader, Excel's to the .xlsx reader; UTF-8 or UTF-16 text to the text
 * reader. Binary content we cannot read gives `UNSUPPORTED_FORMAT`; a file named .docx/.xlsx whose content is not
 * such a package gives `NOT_A_DOCX`/`NOT_AN_XLSX` (the name promises a format the content does not have).
 */
export async function readSourceFile(
  fileName: string,
  bytes: Buffer,
  options: ReadSourceOptions = {},
): Promise<SourceDocument> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (bytes.length === 0) {
    throw new ImportReadError('EMPTY_FILE', fileName);
  }
  if (bytes.length > maxBytes) {
    throw new ImportReadError(
      'FILE_TOO_LARGE',
      fileName,
      `Kích thước ${formatMb(bytes.length)}, tối đa ${formatMb(maxBytes)}.`,
    );
  }
  const format = sniffFormat(fileName, bytes);
  if (format === 'docx') {
    return readDocxDocument(fileName, bytes);
  }
  if (format === 'xlsx') {
    return readXlsxDocument(fileName, bytes);
  }
  const text = decodeText(fileName, bytes);
  if (text.trim() === '') {
    throw new ImportReadError('EMPTY_FILE', fileName);
  }
  return await readTextDocument(fileName, text);
}

/** Which reader a file needs, by content; throws {@link ImportReadError} for content no reader accepts. */
export function sniffFormat(fileName: string, bytes: Uint8Array): SniffedFormat {
  const claimed = claimedFormat(fileName);
  if (hasZipMagic(bytes)) {
    const entries = listZipEntries(bytes);
    const names = entries.map((e) => e.name);
    const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (unpacked > MAX_UNPACKED_BYTES) {
      throw new ImportReadError('FILE_TOO_LARGE', fileName, `Nội dung giải nén ${formatMb(unpacked)}.`);
    }
    if (isDocxPackage(names)) {
      return 'docx';
    }
    if (isXlsxPackage(names)) {
      return 'xlsx';
    }
    throw mismatch(claimed, fileName, 'Tệp nén ZIP nhưng không phải tài liệu Word hay bảng tính Excel.');
  }
  const signature = BINARY_SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b));
  if (signature) {
    throw mismatch(claimed, fileName, `Nội dung là ${signature.what}.`);
  }
  if (claimed !== 'text') {
    throw mismatch(claimed, fileName);
  }
  return 'text';
}

function claimedFormat(fileName: string): SniffedFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'docx' || ext === 'docm' || ext === 'dotx') {
    return 'docx';
  }
  if (ext === 'xlsx' || ext === 'xlsm' || ext === 'xltx') {
    return 'xlsx';
  }
  return 'text';
}

function mismatch(claimed: SniffedFormat, fileName: string, detail?: string): ImportReadError {
  if (claimed === 'docx') {
    return new ImportReadError('NOT_A_DOCX', fileName, detail);
  }
  if (claimed === 'xlsx') {
    return new ImportReadError('NOT_AN_XLSX', fileName, detail);
  }
  return new ImportReadError('UNSUPPORTED_FORMAT', fileName, detail);
}

/**
 * Text content as a string: UTF-8 (BOM optional) or UTF-16 (with a BOM, or recognisable by its zero bytes).
 * Binary content gives `UNSUPPORTED_FORMAT`; bytes that are text but not UTF-8 give `ENCODING`.
 */
export function decodeText(fileName: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeStrict(fileName, bytes.subarray(3), 'utf-8');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return decodeStrict(fileName, bytes.subarray(2), 'utf-16le');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return decodeStrict(fileName, bytes.subarray(2), 'utf-16be');
  }
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) {
    return decodeStrict(fileName, bytes, utf16);
  }
  if (looksBinary(bytes)) {
    throw new ImportReadError('UNSUPPORTED_FORMAT', fileName, 'Nội dung là dữ liệu nhị phân, không phải văn bản.');
  }
  return decodeStrict(fileName, bytes, 'utf-8');
}

function decodeStrict(fileName: string, bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): string {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    if (encoding !== 'utf-8' && hasControlNoise(text)) {
      throw new ImportReadError('UNSUPPORTED_FORMAT', fileName, 'Nội dung là dữ liệu nhị phân, không phải văn bản.');
    }
    return text;
  } catch (error) {
    if (error instanceof ImportReadError) {
      throw error;
    }
    throw new ImportReadError('ENCODING', fileName);
  }
}

const SAMPLE = 64 * 1024;

/** ASCII-heavy UTF-16 without a BOM has zeros in every other byte and nowhere else. */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) {
    return null;
  }
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) {
      evenZeros++;
    }
    if (bytes[i + 1] === 0) {
      oddZeros++;
    }
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros === 0) {
    return 'utf-16le';
  }
  if (evenZeros > pairs * 0.3 && oddZeros === 0) {
    return 'utf-16be';
  }
  return null;
}

/** NUL bytes, or more than 2 % control characters other than tab, newline, carriage return and form feed. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) {
      return true;
    }
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) {
      control++;
    }
  }
  return control > n * 0.02;
}

function hasControlNoise(text: string): boolean {
  const sample = text.slice(0, SAMPLE);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) {
      control++;
    }
  }
  return control > sample.length * 0.02;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
