/**
 * The one way the web app talks to the API. Every failure becomes an {@link ApiError} whose `message` is
 * safe to show to the user (the server writes it in Vietnamese); the UI branches on `code`, never on text.
 */

export const API_BASE = '/api/v1';

/** Cookie set by the server for the double-submit CSRF check (auth issue). */
export const CSRF_COOKIE = 'tiendo_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(init: { status: number; code: string; message: string; details?: unknown; requestId?: string }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
  }
}

export const NETWORK_ERROR_MESSAGE = 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.';

export type QueryValue = string | number | boolean | null | undefined;

/** `{ q: 'a b', page: 2, x: undefined }` → `?q=a+b&page=2`; empty values are left out. */
export function buildQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Reads one cookie from a `document.cookie`-style string. */
export function readCookie(name: string, cookieString: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      continue;
    }
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

function currentCookies(): string {
  return typeof document === 'undefined' ? '' : document.cookie;
}

function fallbackMessage(status: number): string {
  if (status === 404) {
    return 'Không tìm thấy dữ liệu.';
  }
  if (status === 413) {
    return 'Tệp quá lớn.';
  }
  if (status >= 500) {
    return 'Lỗi hệ thống. Vui lòng thử lại sau.';
  }
  return `Yêu cầu không thành công (mã ${status}).`;
}

/**
 * Builds the ApiError for a failed response. Accepts the flat body `{code, message}` the API sends and the
 * nested `{error: {code, message}}` form, so a change of envelope does not blank out the user's message.
 */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const envelope =
    body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object'
      ? (body.error as Record<string, unknown>)
      : (body as Record<string, unknown> | undefined);
  const code = typeof envelope?.code === 'string' ? envelope.code : `HTTP_${response.status}`;
  const message =
    typeof envelope?.message === 'string' && envelope.message ? envelope.message : fallbackMessage(response.status);
  const requestId =
    typeof envelope?.requestId === 'string' ? envelope.requestId : (response.headers.get('x-request-id') ?? undefined);
  return new ApiError({ status: response.status, code, message, details: envelope?.details, requestId });
}

type RequestOptions = {
  query?: Record<string, QueryValue>;
  json?: unknown;
  formData?: FormData;
  signal?: AbortSignal;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sends one request to `/api/v1{path}` and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.formData) {
    body = options.formData;
  } else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  if (!SAFE_METHODS.has(method)) {
    const token = readCookie(CSRF_COOKIE, currentCookies());
    if (token) {
      headers[CSRF_HEADER] = token;
    }
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${buildQueryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE });
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

export function apiGet<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) });
}

export function apiPost<T>(path: string, json?: unknown): Promise<T> {
  return apiRequest<T>('POST', path, json === undefined ? {} : { json });
}

/** Multipart upload of one file under the field name the server expects. */
export function apiUpload<T>(path: string, file: Blob & { name?: string }, field = 'file'): Promise<T> {
  const formData = new FormData();
  formData.append(field, file, file.name ?? 'upload');
  return apiRequest<T>('POST', path, { formData });
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  return 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.';
}
