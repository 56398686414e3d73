/**
 * Just enough of the ZIP format to tell a .docx from an .xlsx (or from anything else) by its parts, without
 * unpacking it: the entry names and their declared uncompressed sizes from the central directory.
 */

export type ZipEntry = { name: string; uncompressedSize: number };

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/** True when the bytes start like a ZIP archive (a local file header or an empty archive). */
export function hasZipMagic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

/**
 * Entry names of a ZIP archive, read from the central directory; when that is missing or damaged, from the local
 * headers instead. Returns an empty list for bytes that are not a ZIP archive.
 */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  if (!hasZipMagic(bytes)) {
    return [];
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fromCentral = readCentralDirectory(bytes, view);
  return fromCentral ?? readLocalHeaders(bytes, view);
}

function readCentralDirectory(bytes: Uint8Array, view: DataView): ZipEntry[] | null {
  // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
  const searchStart = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= searchStart; i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    return null;
  }
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (offset >= bytes.length) {
    return null;
  }
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_HEADER) {
      return entries.length > 0 ? entries : null;
    }
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, uncompressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readLocalHeaders(bytes: Uint8Array, view: DataView): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let offset = 0;
  while (offset + 30 <= bytes.length && view.getUint32(offset, true) === LOCAL_HEADER) {
    const flags = view.getUint16(offset + 6, true);
    const compressedSize = view.getUint32(offset + 18, true);
    const uncompressedSize = view.getUint32(offset + 22, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const name = decoder.decode(bytes.subarray(offset + 30, offset + 30 + nameLength));
    entries.push({ name, uncompressedSize });
    // With a data descriptor (flag bit 3) the sizes come after the data; we cannot skip reliably, so stop.
    if ((flags & 0x08) !== 0) {
      break;
    }
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return entries;
}
