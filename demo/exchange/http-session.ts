/** A signed-in user of a running Tiến Độ server, driven over HTTP like the browser does (cookie + CSRF header). */
export type HttpSession = {
  get: <T>(path: string) => Promise<T>;
  send: <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown) => Promise<T>;
  upload: <T>(path: string, fileName: string, bytes: Buffer, contentType: string) => Promise<T>;
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    where: string,
  ) {
    super(`${where}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

export async function signInOverHttp(baseUrl: string, loginName: string, password: string): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginName, password }),
  });
  if (!response.ok) {
    throw new HttpError(response.status, await response.text(), `login ${loginName}`);
  }
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] as string);
  const csrf = cookies.find((c) => c.startsWith('tiendo_csrf='))?.slice('tiendo_csrf='.length) ?? '';
  const cookie = cookies.join('; ');
  const check = async (res: Response, where: string) => {
    if (!res.ok) {
      throw new HttpError(res.status, await res.text(), where);
    }
    return res;
  };
  return {
    async get<T>(path: string) {
      const res = await check(await fetch(`${baseUrl}/api/v1${path}`, { headers: { cookie } }), `GET ${path}`);
      return (await res.json()) as T;
    },
    async send<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown) {
      const res = await check(
        await fetch(`${baseUrl}/api/v1${path}`, {
          method,
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: JSON.stringify(body ?? {}),
        }),
        `${method} ${path}`,
      );
      const text = await res.text();
      return (text ? JSON.parse(text) : null) as T;
    },
    async upload<T>(path: string, fileName: string, bytes: Buffer, contentType: string) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
      const res = await check(
        await fetch(`${baseUrl}/api/v1${path}`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf },
          body: form,
        }),
        `POST ${path}`,
      );
      return (await res.json()) as T;
    },
  };
}
