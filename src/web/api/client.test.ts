import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, apiPost, apiUpload, buildQueryString, errorMessage, readCookie } from './client';

type Captured = { url: string; init: RequestInit };

function stubFetch(response: Response | Error): Captured[] {
  const calls: Captured[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (response instanceof Error) {
      throw response;
    }
    return response;
  });
  return calls;
}

function headersOf(call: Captured | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('buildQueryString', () => {
  it('leaves out empty values', () => {
    expect(buildQueryString({ q: 'cong nghe so', page: 2, dueFrom: undefined, role: null, status: '' })).toBe(
      '?q=cong+nghe+so&page=2',
    );
    expect(buildQueryString({ assignedOnly: true })).toBe('?assignedOnly=true');
    expect(buildQueryString({})).toBe('');
    expect(buildQueryString(undefined)).toBe('');
  });
});

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('tiendo_csrf', 'a=1; tiendo_csrf=abc%3D%3D; b=2')).toBe('abc==');
    expect(readCookie('tiendo_csrf', 'a=1')).toBeUndefined();
    expect(readCookie('tiendo_csrf', '')).toBeUndefined();
    expect(readCookie('x', 'xy=1; x=2')).toBe('2');
  });
});

describe('apiRequest', () => {
  it('GETs /api/v1 paths with the query string and no CSRF header', async () => {
    vi.stubGlobal('document', { cookie: 'tiendo_csrf=tok123' });
    const calls = stubFetch(json({ items: [], total: 0, page: 1, pageSize: 20 }));
    const data = await apiGet<{ total: number }>('/tasks', { q: 'cong nghe so', page: 1 });
    expect(data.total).toBe(0);
    expect(calls[0]?.url).toBe('/api/v1/tasks?q=cong+nghe+so&page=1');
    expect(calls[0]?.init.method).toBe('GET');
    expect(headersOf(calls[0])['x-csrf-token']).toBeUndefined();
  });

  it('sends the CSRF cookie value on state-changing requests', async () => {
    vi.stubGlobal('document', { cookie: 'other=1; tiendo_csrf=tok123' });
    const calls = stubFetch(json({ ok: true }));
    await apiPost('/imports/uploads/u1/apply');
    const headers = headersOf(calls[0]);
    expect(calls[0]?.init.method).toBe('POST');
    expect(headers['x-csrf-token']).toBe('tok123');
  });

  it('omits the CSRF header when there is no cookie (before auth exists)', async () => {
    vi.stubGlobal('document', { cookie: '' });
    const calls = stubFetch(json({ ok: true }));
    await apiPost('/x', { a: 1 });
    const headers = headersOf(calls[0]);
    expect(headers['x-csrf-token']).toBeUndefined();
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{"a":1}');
  });

  it('uploads a file as multipart field "file" without forcing a content type', async () => {
    const calls = stubFetch(json({ uploadId: 'u1' }));
    const file = new File(['xin chào'], 'van-ban.txt', { type: 'text/plain' });
    await apiUpload('/imports/uploads', file);
    const body = calls[0]?.init.body;
    expect(body).toBeInstanceOf(FormData);
    expect(((body as FormData).get('file') as File).name).toBe('van-ban.txt');
    expect(headersOf(calls[0])['content-type']).toBeUndefined();
  });

  it('turns the flat error body into an ApiError with the server message', async () => {
    stubFetch(json({ code: 'NOT_FOUND', message: 'Không tìm thấy dữ liệu.' }, 404));
    const error = await apiGet('/tasks/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Không tìm thấy dữ liệu.' });
    expect(errorMessage(error)).toBe('Không tìm thấy dữ liệu.');
  });

  it('also reads the nested {error: {...}} envelope with details', async () => {
    stubFetch(
      json(
        {
          error: { code: 'IMPORT_FAILED', message: 'Không nhập được tệp.', details: { problems: [] }, requestId: 'r1' },
        },
        422,
      ),
    );
    const error = await apiPost('/imports/uploads/u1/apply').catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      code: 'IMPORT_FAILED',
      message: 'Không nhập được tệp.',
      details: { problems: [] },
      requestId: 'r1',
    });
  });

  it('gives a Vietnamese message for a non-JSON failure and for a network failure', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(apiGet('/tasks')).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: 'Lỗi hệ thống. Vui lòng thử lại sau.',
    });
    stubFetch(new TypeError('fetch failed'));
    await expect(apiGet('/tasks')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('returns undefined for 204', async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(apiPost('/x')).resolves.toBeUndefined();
  });
});
