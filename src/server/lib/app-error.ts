/**
 * The error catalogue. Every error the API returns has a stable `code` (the UI branches on it),
 * an HTTP status and a Vietnamese message for the user.
 */
export const ERROR_CODES = {
  /** The request body, params or query failed validation. */
  VALIDATION_FAILED: { status: 400, message: 'Dữ liệu gửi lên không hợp lệ.' },
  /** Not signed in or the session expired. */
  UNAUTHENTICATED: { status: 401, message: 'Bạn cần đăng nhập.' },
  /** Signed in but not allowed. */
  FORBIDDEN: { status: 403, message: 'Bạn không có quyền thực hiện thao tác này.' },
  /** The CSRF token is missing or wrong. */
  CSRF_FAILED: { status: 403, message: 'Phiên làm việc không hợp lệ (CSRF). Vui lòng tải lại trang.' },
  /** No such object (or not visible to the caller). */
  NOT_FOUND: { status: 404, message: 'Không tìm thấy dữ liệu.' },
  /** Someone else changed the object first (optimistic concurrency). */
  CONFLICT: { status: 409, message: 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại.' },
  /** The uploaded file is too large. */
  FILE_TOO_LARGE: { status: 413, message: 'Tệp quá lớn.' },
  /** The uploaded file is of a type we cannot read (checked by content, not by name). */
  UNSUPPORTED_FILE: { status: 415, message: 'Không đọc được loại tệp này.' },
  /** The import found problems that block it (see details). */
  IMPORT_FAILED: { status: 422, message: 'Không nhập được tệp: có lỗi cần sửa.' },
  /** Too many requests from this client. */
  RATE_LIMITED: { status: 429, message: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.' },
  /** Anything unexpected; details are logged, not returned. */
  INTERNAL: { status: 500, message: 'Lỗi hệ thống. Vui lòng thử lại sau.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERROR_CODES[code].message);
    this.status = ERROR_CODES[code].status;
  }
}
