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
  /** Wrong login name or password (deliberately does not say which); the client shows the login form again. */
  INVALID_CREDENTIALS: { status: 401, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
  /**
   * Too many failed sign-ins: the account is locked until `details.lockedUntil` (the lock doubles with each
   * further failure); the client shows when to try again or to ask an administrator.
   */
  ACCOUNT_LOCKED: { status: 423, message: 'Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần.' },
  /** The account is deactivated (or a demo account on a server not started with --demo); ask an administrator. */
  ACCOUNT_DISABLED: { status: 403, message: 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.' },
  /** The TOTP code is wrong, outside the ±30 s window, or already used; the client asks for the next code. */
  TOTP_INVALID: { status: 401, message: 'Mã xác thực không đúng hoặc đã được sử dụng.' },
  /**
   * The session has not finished signing in (`details.stage`: totp, password-change or totp-enrol); the client
   * shows that step of the login page.
   */
  SIGN_IN_INCOMPLETE: { status: 401, message: 'Bạn cần hoàn tất bước đăng nhập.' },
  /** The new password breaks the password rules (`details.rule`); the client shows the rule under the field. */
  WEAK_PASSWORD: { status: 400, message: 'Mật khẩu mới chưa đủ mạnh.' },
  /** The login name is taken; the client asks for another one. */
  LOGIN_TAKEN: { status: 409, message: 'Tên đăng nhập đã tồn tại.' },
  /** No such object (or not visible to the caller). */
  NOT_FOUND: { status: 404, message: 'Không tìm thấy dữ liệu.' },
  /** Someone else changed the object first (optimistic concurrency). */
  CONFLICT: { status: 409, message: 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại.' },
  /**
   * The report/request is not in a state that allows this step (e.g. approving a draft, submitting a second time in
   * the same period while one is under review). The client should reload and show the current state.
   */
  INVALID_TRANSITION: { status: 409, message: 'Thao tác không phù hợp với trạng thái hiện tại của báo cáo.' },
  /** The uploaded file is too large. */
  FILE_TOO_LARGE: { status: 413, message: 'Tệp quá lớn.' },
  /** The uploaded file is of a type we cannot read (checked by content, not by name). */
  UNSUPPORTED_FILE: { status: 415, message: 'Không đọc được loại tệp này.' },
  /** The import found problems that block it (see details). */
  IMPORT_FAILED: { status: 422, message: 'Không nhập được tệp: có lỗi cần sửa.' },
  /** Indicator targets: the registration window is not open (not yet, or none set); only the standing office registers. */
  INDICATOR_REGISTRATION_CLOSED: { status: 409, message: 'Chưa mở hoặc đã hết thời hạn đăng ký chỉ tiêu.' },
  /** Indicator targets are locked for the year: the client offers "đề nghị điều chỉnh" (needs standing-office approval). */
  INDICATOR_TARGETS_LOCKED: {
    status: 409,
    message: 'Chỉ tiêu đã khóa: cần gửi đề nghị điều chỉnh để Cơ quan thường trực phê duyệt.',
  },
  /** A value misses its registered target: the client asks for the reason and the remedial action (`details.target`). */
  SHORTFALL_EXPLANATION_REQUIRED: {
    status: 422,
    message: 'Kết quả chưa đạt chỉ tiêu: cần nêu nguyên nhân và giải pháp khắc phục.',
  },
  /**
   * Exchange between systems: the request's signature, key, timestamp or nonce was refused (`details.reason`:
   * missing-headers, unknown-key, key-revoked, key-expired, partner-disabled, bad-signature, stale-timestamp,
   * replayed-nonce). Nothing was changed.
   */
  EXCHANGE_SIGNATURE_INVALID: {
    status: 401,
    message: 'Yêu cầu trao đổi dữ liệu không hợp lệ (chữ ký, khóa hoặc thời điểm).',
  },
  /** The partner's key does not carry the scope this route needs (`details.scope`). */
  EXCHANGE_SCOPE_DENIED: { status: 403, message: 'Khóa của hệ thống đối tác không được cấp quyền này.' },
  /** A data bundle failed its checks (signature, manifest, file hashes): `details.problems`. Nothing was imported. */
  BUNDLE_INVALID: { status: 422, message: 'Gói dữ liệu không hợp lệ hoặc đã bị sửa đổi: không nhập.' },
  /** The partner system did not answer or refused (`details.status`, `details.error`). */
  PARTNER_UNREACHABLE: { status: 502, message: 'Không kết nối được với hệ thống đối tác.' },
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
