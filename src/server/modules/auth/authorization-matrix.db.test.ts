import type { RouteAccess } from '@server/lib/request-context';
import type { DeclaredRoute } from '@server/plugins/auth';
import type { Role } from '@shared/contracts/auth';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUser, sessionHeaders, type TestUser } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedByMatrix, PRINCIPALS, type Principal, ROUTE_ACCESS_MATRIX } from './route-access-matrix';

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

function routeKey(route: Pick<DeclaredRoute, 'method' | 'url'>): string {
  return `${route.method} ${route.url}`;
}

function describeAccess(access: RouteAccess): string {
  return typeof access === 'string' ? `'${access}'` : JSON.stringify(access).replaceAll('"', "'");
}

describe.skipIf(shouldSkipDbTests())('authorization matrix: every route × role × own/foreign agency', () => {
  let t: TestApp;
  let apiRoutes: DeclaredRoute[];
  const principals = new Map<Principal, TestUser | null>();
  let ownUser: TestUser;
  let foreignUser: TestUser;
  let agencyA: string;
  let agencyB: string;

  beforeAll(async () => {
    t = await buildTestApp();
    apiRoutes = t.app.declaredRoutes.filter((r) => r.url.startsWith('/api/v1/'));
    agencyA = await agencyIdByName(t.handle.db, 'Bộ Công an');
    agencyB = await agencyIdByName(t.handle.db, 'Tỉnh Hà Tĩnh');
    principals.set('anonymous', null);
    for (const role of PRINCIPALS) {
      if (role !== 'anonymous') {
        principals.set(role, await createUser(t.handle.db, { role, agencyId: agencyA }));
      }
    }
    ownUser = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyA });
    foreignUser = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyB });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists exactly the routes the app has, with the access each route declares', () => {
    const declared = new Map(apiRoutes.map((r) => [routeKey(r), r]));
    const missing = [...declared.values()]
      .filter((r) => !(routeKey(r) in ROUTE_ACCESS_MATRIX))
      .map((r) => `  '${routeKey(r)}': { access: ${describeAccess(r.access)} },`);
    const stale = Object.keys(ROUTE_ACCESS_MATRIX).filter((key) => !declared.has(key));
    const mismatched = [...declared.values()]
      .filter((r) => {
        const entry = ROUTE_ACCESS_MATRIX[routeKey(r)];
        return entry && JSON.stringify(entry.access) !== JSON.stringify(r.access);
      })
      .map(
        (r) =>
          `${routeKey(r)}: route says ${describeAccess(r.access)}, matrix says ${describeAccess(ROUTE_ACCESS_MATRIX[routeKey(r)]?.access ?? 'public')}`,
      );
    const problems = [
      ...(missing.length > 0
        ? [
            'Routes missing from src/server/modules/auth/route-access-matrix.ts (check who should call them, then add):',
            ...missing,
          ]
        : []),
      ...(stale.length > 0 ? ['Matrix entries for routes that no longer exist:', ...stale] : []),
      ...(mismatched.length > 0 ? ['Access declared on the route differs from the matrix:', ...mismatched] : []),
    ];
    expect(problems.join('\n')).toBe('');
    expect(apiRoutes.length).toBeGreaterThanOrEqual(30);
  });

  it('lets through exactly the principals the matrix allows, on every route', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const route of apiRoutes) {
      const entry = ROUTE_ACCESS_MATRIX[routeKey(route)];
      if (!entry) {
        continue;
      }
      const targets: Array<{ label: string; id: string | null }> = entry.scopedParam
        ? [
            { label: 'own agency', id: ownUser.id },
            { label: 'foreign agency', id: foreignUser.id },
          ]
        : [{ label: '', id: null }];
      for (const principal of PRINCIPALS) {
        for (const target of targets) {
          const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) =>
            entry.scopedParam?.name === name && target.id ? target.id : PLACEHOLDER_ID,
          );
          const user = principals.get(principal) ?? null;
          // A fresh session per request: some routes (logout, password change) end the session they run in.
          const headers: Record<string, string> = {};
          if (user) {
            const issued = await t.app.auth.openTrustedSession(user.id);
            Object.assign(headers, sessionHeaders(issued.token, issued.csrfToken));
          }
          const res = await t.app.inject({
            method: route.method as HTTPMethods,
            url,
            headers,
            remoteAddress: `203.0.113.${PRINCIPALS.indexOf(principal) + 1}`,
          });
          requests++;
          const denied = res.statusCode === 401 || res.statusCode === 403;
          const allowed = isAllowedByMatrix(entry, principal);
          if (allowed === denied) {
            failures.push(
              `${routeKey(route)}${target.label ? ` (${target.label})` : ''} as ${principal}: expected ${
                allowed ? 'not 401/403' : '401/403'
              }, got ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
          }
          if (!allowed && principal === 'anonymous' && res.statusCode !== 401) {
            failures.push(`${routeKey(route)} as anonymous: expected 401, got ${res.statusCode}`);
          }
        }
      }
    }
    expect(failures.join('\n')).toBe('');
    const covered = apiRoutes.filter((r) => routeKey(r) in ROUTE_ACCESS_MATRIX).length;
    expect(requests).toBeGreaterThanOrEqual(covered * PRINCIPALS.length);
  });

  it('refuses IDOR attempts on accounts and the audit log by agency staff of another agency', async () => {
    const attempts: Array<{ method: HTTPMethods; url: string; payload?: Record<string, unknown> }> = [
      { method: 'GET', url: `/api/v1/users/${foreignUser.id}` },
      { method: 'PATCH', url: `/api/v1/users/${foreignUser.id}`, payload: { roles: ['admin'] } },
      { method: 'PATCH', url: `/api/v1/users/${foreignUser.id}`, payload: { active: false } },
      { method: 'POST', url: `/api/v1/users/${foreignUser.id}/reset-password`, payload: { resetTotp: true } },
      { method: 'GET', url: `/api/v1/users?agencyId=${agencyB}` },
      {
        method: 'POST',
        url: '/api/v1/users',
        payload: { loginName: 'chiem.quyen', displayName: 'X', agencyId: agencyB, roles: ['admin'] },
      },
      { method: 'GET', url: `/api/v1/audit?agencyId=${agencyB}` },
      { method: 'GET', url: `/api/v1/audit?entityType=user&entityId=${foreignUser.id}` },
    ];
    const staff: Role[] = ['reporter', 'leader', 'viewer'];
    for (const role of staff) {
      const user = principals.get(role);
      if (!user) {
        throw new Error(`no ${role}`);
      }
      for (const attempt of attempts) {
        const issued = await t.app.auth.openTrustedSession(user.id);
        const res = await t.app.inject({
          ...attempt,
          headers: sessionHeaders(issued.token, issued.csrfToken),
        });
        expect(res.statusCode, `${role} ${attempt.method} ${attempt.url}`).toBe(403);
        expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    // Nothing changed for the target.
    const admin = principals.get('admin');
    const issued = await t.app.auth.openTrustedSession(admin?.id ?? '');
    const target = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${foreignUser.id}`,
      headers: sessionHeaders(issued.token, issued.csrfToken),
    });
    expect(target.json()).toMatchObject({ roles: ['reporter'], active: true, mustChangePassword: false });
  });
});
