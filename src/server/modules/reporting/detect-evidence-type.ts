import { listZipEntries } from '@server/modules/imports/zip-entries';
import type { EvidenceFileType } from '@shared/contracts/reporting';

export const EVIDENCE_MEDIA_TYPES: Record<EvidenceFileType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

const startsWith = (bytes: Uint8Array, magic: number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/**
 * The evidence file type read from the bytes, never from the name: `%PDF-`, PNG's 8-byte signature, JPEG's FF D8 FF,
 * and ZIP archives that are Office Open XML packages ([Content_Types].xml plus word/document.xml or
 * xl/workbook.xml). Anything else (an .exe renamed .pdf, a plain ZIP, an old .doc) is null.
 */
export function detectEvidenceType(bytes: Uint8Array): EvidenceFileType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return 'pdf';
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return 'png';
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return 'jpeg';
  }
  const entries = listZipEntries(bytes).map((e) => e.name);
  if (entries.includes('[Content_Types].xml')) {
    if (entries.includes('word/document.xml')) {
      return 'docx';
    }
    if (entries.includes('xl/workbook.xml')) {
      return 'xlsx';
    }
  }
  return null;
}

/** A safe download name: the uploaded name without path parts or control characters, with the detected extension. */
export function safeFileName(name: string, type: EvidenceFileType): string {
  const base = [...(name.split(/[\\/]/).pop() ?? 'minh-chung')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join('')
    .trim()
    .slice(0, 180);
  const ext = type === 'jpeg' ? 'jpg' : type;
  const stem = base.replace(/\.[^.]*$/, '') || 'minh-chung';
  return `${stem}.${ext}`;
}
