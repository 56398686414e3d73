import { timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '@server/app-deps';
import { AppError } from '@server/lib/app-error';
import type { Actor, RouteAccess } from '@server/lib/request-context';
import {
  type ActiveSession,
  actorOf,
  type IssuedSession,
  openTrustedSession,
  resolveSession,
} from '@server/modules/auth/auth.service';
import { CSRF_HEADER, clearSessionCookies, SESSION_COOKIE } from '@server/modules/auth/session-cookies';
import { type Role, RoleSchema } from '@shared/contracts/auth';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';

/** One route as declared: method, full URL pattern and who may call it. */
export type DeclaredRoute = { method: string; url: string; access: RouteAccess };

declare module 'fastify' {
  interface FastifyRequest {
    /** The session the cookie opened, in whatever sign-in stage; `actor` is set only for `full` sessions. */
    authSession: ActiveSession | null;
  }
  interface FastifyInstance {
    /** Every route with its declared access, collected at registration (the authorization matrix test reads it). */
    declaredRoutes: DeclaredRoute[];
    auth: {
      /** A signed-in session for a user without the HTTP steps: for tests and the bench only, never for a route. */
      openTrustedSession: (userId: string) => Promise<IssuedSession>;
    };
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Routes that need no declaration: the OpenAPI viewer (`/api/docs…`, registered by @fastify/swagger-ui) and the
 * web app's files outside `/api/` (registered by @fastify/static). Every other route must say who may call it.
 */
function isThirdPartyPublicRoute(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/') || !url.startsWith('/api/');
}

function assertValidAccess(access: RouteAccess, where: string): void {
  if (access === 'public' || access === 'authenticated') {
    return;
  }
  const roles = Array.isArray(access) ? access : [access];
  if (roles.length === 0 || roles.some((r) => !RoleSchema.safeParse(r).success)) {
    throw new Error(`${where}: config.access không hợp lệ: ${JSON.stringify(access)}`);
  }
}

/**
 * Startup check run for every route as it is registered: a route under /api without `config.access` stops the
 * server from starting, so an endpoint can never be public by omission.
 */
export function checkRouteDeclaration(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): RouteAccess {
  const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
  const where = `${methods} ${route.url}`;
  const access = (route.config as { access?: RouteAccess } | undefined)?.access;
  if (access === undefined) {
    if (isThirdPartyPublicRoute(route.url)) {
      return 'public';
    }
    throw new Error(
      `${where} không khai báo config.access ('public' | 'authenticated' | vai trò): mọi route API phải nói rõ ai được gọi.`,
    );
  }
  assertValidAccess(access, where);
  return access;
}

/**
 * Whether an actor's roles satisfy a role-restricted route. Administrators also pass routes declared for the
 * standing office (they see and manage everything the standing office does); no other role implies another.
 */
export function hasRouteRole(actor: Pick<Actor, 'roles'>, access: Role | Role[]): boolean {
  const allowed = Array.isArray(access) ? access : [access];
  return actor.roles.some((r) => allowed.includes(r) || (r === 'admin' && allowed.includes('standing-office')));
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function csrfHeaderOf(request: FastifyRequest): string | undefined {
  const value = request.headers[CSRF_HEADER];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Authentication and authorization for every request, in one global onRequest hook (before the body is read):
 * 1. the `tiendo_session` cookie opens a session (idle timeout and absolute lifetime checked; a dead one is
 *    deleted and its cookies cleared) and sets `request.actor` when sign-in is complete;
 * 2. a state-changing request (POST/PUT/PATCH/DELETE) made with a session must echo the session's CSRF token in
 *    `x-csrf-token` (double submit: the same token is in the readable `tiendo_csrf` cookie), else 403 CSRF_FAILED;
 * 3. the route's `config.access` decides: public, any signed-in user, or one of the listed roles.
 * Data scopes (own agency vs all) are enforced again in the services.
 */
export function registerAuth(app: FastifyInstance, deps: AppDeps): void {
  const declaredRoutes: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declaredRoutes);
  app.decorate('auth', {
    openTrustedSession: (userId: string) =>
      openTrustedSession(deps, userId, { ip: '127.0.0.1', userAgent: 'trusted in-process caller' }),
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('authSession', null);

  app.addHook('onRoute', (route) => {
    const access = checkRouteDeclaration(route);
    route.config = { ...(route.config ?? {}), access };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // HEAD routes are Fastify's automatic twins of GET routes (same config, same check).
      if (method !== 'HEAD') {
        declaredRoutes.push({ method, url: route.url, access });
      }
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.actor = null;
    request.authSession = null;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(deps, token);
      if (session) {
        request.authSession = session;
        request.actor = actorOf(session, request.ip);
      } else {
        clearSessionCookies(request, reply, deps.config);
      }
    }
    const session = request.authSession;
    if (session && STATE_CHANGING.has(request.method)) {
      const header = csrfHeaderOf(request);
      if (!header || !tokensEqual(header, session.csrfToken)) {
        throw new AppError('CSRF_FAILED');
      }
    }
    // Unknown URLs (the 404 handler) carry no config: nothing to protect there.
    const access = request.routeOptions.config?.access ?? 'public';
    if (access === 'public') {
      return;
    }
    if (!request.actor) {
      if (session) {
        throw new AppError('SIGN_IN_INCOMPLETE', undefined, { stage: session.stage });
      }
      throw new AppError('UNAUTHENTICATED');
    }
    if (access !== 'authenticated' && !hasRouteRole(request.actor, access)) {
      throw new AppError('FORBIDDEN');
    }
  });
}
