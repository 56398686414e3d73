import type { AppConfig } from '@server/config/env';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** HttpOnly cookie carrying the session token (only its SHA-256 is stored on the server). */
export const SESSION_COOKIE = 'tiendo_session';
/** Readable by the page's JavaScript, which echoes it in the `x-csrf-token` header (double submit). */
export const CSRF_COOKIE = 'tiendo_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Secure cookies when the request came over TLS: directly, or through a proxy trusted by `TIENDO_TRUST_PROXY`
 * (Fastify then reads X-Forwarded-Proto into `request.protocol`).
 */
export function isSecureRequest(request: FastifyRequest, config: AppConfig): boolean {
  if (config.auth.cookieSecure === 'always') {
    return true;
  }
  if (config.auth.cookieSecure === 'never') {
    return false;
  }
  return request.protocol === 'https';
}

/** Puts a new session into the browser: the token (HttpOnly) and the CSRF token (readable), same lifetime. */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  config: AppConfig,
  session: { token: string; csrfToken: string; expiresAt: Date },
  now: Date,
): void {
  const secure = isSecureRequest(request, config);
  const maxAge = Math.max(1, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
  reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure, maxAge });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply, config: AppConfig): void {
  const secure = isSecureRequest(request, config);
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.clearCookie(CSRF_COOKIE, { path: '/', httpOnly: false, sameSite: 'lax', secure });
}
