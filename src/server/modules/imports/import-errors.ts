import type { Problem } from '@shared/contracts/imports';

/**
 * Why a file could not be read at all (before any interpretation). Each code is stable: the CLI prints it, the
 * import result carries it as a problem and the UI branches on it.
 */
export const IMPORT_READ_ERRORS = {
  /** The file has no bytes, or only whitespace. */
  EMPTY_FILE: 'Tệp rỗng: không có nội dung để nhập.',
  /** Named or sniffed as Word, but not a readable .docx (not a ZIP/OOXML package, or a damaged one). */
  NOT_A_DOCX: 'Tệp không phải là tài liệu Word .docx hợp lệ (có thể là tệp khác bị đổi tên hoặc tệp bị hỏng).',
  /** Named or sniffed as Excel, but not a readable .xlsx. */
  NOT_AN_XLSX: 'Tệp không phải là bảng tính Excel .xlsx hợp lệ (có thể là tệp khác bị đổi tên hoặc tệp bị hỏng).',
  /** Binary content we have no reader for (PDF, images, .doc/.xls, other archives). */
  UNSUPPORTED_FORMAT: 'Không đọc được loại tệp này. Hãy dùng tệp .docx, .xlsx hoặc văn bản (.txt, .md, .tsv).',
  /** Over the size limit for one import. */
  FILE_TOO_LARGE: 'Tệp quá lớn để nhập.',
  /** Text that is not valid UTF-8 / UTF-16. */
  ENCODING: 'Tệp văn bản không dùng mã UTF-8. Hãy lưu lại tệp với bảng mã UTF-8 rồi nhập lại.',
} as const;

export type ImportReadErrorCode = keyof typeof IMPORT_READ_ERRORS;

/** A file that cannot be read. `message` is Vietnamese and names the file; `code` is stable. */
export class ImportReadError extends Error {
  readonly code: ImportReadErrorCode;
  readonly fileName: string;

  constructor(code: ImportReadErrorCode, fileName: string, detail?: string) {
    const base = IMPORT_READ_ERRORS[code];
    super(detail ? `${fileName}: ${base} ${detail}` : `${fileName}: ${base}`);
    this.name = 'ImportReadError';
    this.code = code;
    this.fileName = fileName;
  }

  /** The same error as an import problem, so that a failed file shows up in `problems` like any other issue. */
  toProblem(): Problem {
    return { file: this.fileName, line: null, code: this.code, message: this.message, severity: 'error' };
  }
}

export function isImportReadError(error: unknown): error is ImportReadError {
  return error instanceof ImportReadError;
}
