import cookie from '@fastify/cookie';
import { loadConfig } from '@server/config/env';
import { auditLog, sessions, users } from '@server/db/schema/index';
import type { Clock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { checkRouteDeclaration, registerAuth } from '@server/plugins/auth';
import { registerErrorHandler } from '@server/plugins/error-handler';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUser, createUserAndLogin, sessionHeaders, TEST_PASSWORD } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdOf } from './auth.service';
import { generateTotpSecret, totpCode } from './totp';

type MutableClock = Clock & { set: (iso: string) => void; advance: (seconds: number) => void };

function mutableClock(iso: string): MutableClock {
  let current = new Date(iso).getTime();
  return {
    now: () => new Date(current),
    set: (value) => {
      current = new Date(value).getTime();
    },
    advance: (seconds) => {
      current += seconds * 1000;
    },
  };
}

function cookieOf(res: LightMyRequestResponse, name: string) {
  return res.cookies.find((c) => c.name === name);
}

/** Session headers from a response that set the cookies (login, TOTP, password change). */
function headersFrom(res: LightMyRequestResponse) {
  const token = cookieOf(res, 'tiendo_session')?.value ?? '';
  const csrf = cookieOf(res, 'tiendo_csrf')?.value ?? '';
  return { token, csrf, headers: sessionHeaders(token, csrf) };
}

describe.skipIf(shouldSkipDbTests())('sign-in, sessions and CSRF', () => {
  let t: TestApp;
  let agencyA: string;
  const clock = mutableClock('2025-07-18T03:00:00Z');
  let ipCounter = 10;
  // Each test signs in from its own address: the per-IP login rate limit is not what most tests are about.
  const nextIp = () => `198.51.100.${ipCounter++}`;

  const login = (loginName: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName, password },
      headers,
      remoteAddress,
    });

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    agencyA = await agencyIdByName(t.handle.db, 'Bộ Công an');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in with HttpOnly SameSite=Lax cookies, Secure only over TLS, and shows the session', async () => {
    clock.set('2025-07-18T03:00:00Z');
    const user = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyA });
    const res = await login(user.loginName.toUpperCase(), TEST_PASSWORD, nextIp());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      stage: 'full',
      user: { loginName: user.loginName, roles: ['reporter'], agency: { id: agencyA, name: 'Bộ Công an' } },
      totpRequired: false,
      idleTimeoutSeconds: 1800,
    });
    const session = cookieOf(res, 'tiendo_session');
    const csrf = cookieOf(res, 'tiendo_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    expect(session?.secure).toBeFalsy();
    expect(csrf?.httpOnly).toBeFalsy();
    expect(res.json().csrfToken).toBe(csrf?.value);
    // Only the SHA-256 of the token is stored.
    const [stored] = await t.handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored?.id).toBe(sessionIdOf(session?.value ?? ''));
    expect(stored?.id).not.toBe(session?.value);

    const viaProxy = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName: user.loginName, password: TEST_PASSWORD },
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': nextIp() },
      remoteAddress: '127.0.0.1',
    });
    expect(cookieOf(viaProxy, 'tiendo_session')?.secure).toBe(true);
    // An untrusted client cannot claim TLS (or another IP) with forwarded headers.
    const spoofed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName: user.loginName, password: TEST_PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
      remoteAddress: nextIp(),
    });
    expect(cookieOf(spoofed, 'tiendo_session')?.secure).toBeFalsy();
  });

  it('refuses a wrong password and an unknown login with the same answer', async () => {
    const user = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyA });
    const wrong = await login(user.loginName, 'sai-mat-khau', nextIp());
    const unknown = await login('khong.ton.tai', 'sai-mat-khau', nextIp());
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(wrong.cookies).toHaveLength(0);
  });

  it('changes the session id at login and kills the old one; logout kills the session', async () => {
    clock.set('2025-07-18T04:00:00Z');
    const user = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyA });
    const ip = nextIp();
    const first = headersFrom(await login(user.loginName, TEST_PASSWORD, ip));
    const second = await login(user.loginName, TEST_PASSWORD, ip, first.headers);
    const renewed = headersFrom(second);
    expect(renewed.token).not.toBe(first.token);
    expect(renewed.csrf).not.toBe(first.csrf);
    const oldSession = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: first.headers });
    expect(oldSession.statusCode).toBe(401);
    const newSession = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: renewed.headers });
    expect(newSession.statusCode).toBe(200);

    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: renewed.headers });
    expect(out.statusCode).toBe(204);
    expect(cookieOf(out, 'tiendo_session')?.value).toBe('');
    const afterLogout = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: renewed.headers });
    expect(afterLogout.statusCode).toBe(401);
    expect(afterLogout.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const rows = await t.handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(0);
  });

  it('locks an account after 5 wrong passwords, doubling the lock with each further failure', async () => {
    clock.set('2025-07-18T05:00:00Z');
    const user = await createUser(t.handle.db, { role: 'leader', agencyId: agencyA });
    const ip = nextIp();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await login(user.loginName, `sai-${i}`, ip)).json().code);
    }
    expect(codes).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'ACCOUNT_LOCKED',
    ]);
    // Locked: even the right password is refused, without counting.
    const locked = await login(user.loginName, TEST_PASSWORD, ip);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      details: { lockedUntil: '2025-07-18T05:01:00.000Z', retryAfterSeconds: 60 },
    });
    clock.advance(61);
    const sixth = await login(user.loginName, 'sai-5', ip);
    expect(sixth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', details: { retryAfterSeconds: 120 } });
    clock.advance(121);
    const seventh = await login(user.loginName, 'sai-6', ip);
    expect(seventh.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', details: { retryAfterSeconds: 240 } });
    clock.advance(241);
    const ok = await login(user.loginName, TEST_PASSWORD, ip);
    expect(ok.statusCode).toBe(200);
    const [row] = await t.handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    const audit = await t.handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, user.id)))
      .orderBy(auditLog.id);
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'auth.login-failed')).toHaveLength(7);
    expect(actions.filter((a) => a === 'auth.lockout')).toHaveLength(3);
    expect(actions.filter((a) => a === 'auth.login-refused')).toHaveLength(1);
    expect(actions.at(-1)).toBe('auth.login');
  });

  it('rate-limits login attempts per client address', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await login('khong.ai', 'x', ip)).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    const other = await login('khong.ai', 'x', nextIp());
    expect(other.statusCode).toBe(401);
  });

  it('asks for the TOTP code, refuses a replayed code, and counts wrong codes', async () => {
    clock.set('2025-07-18T06:00:10Z');
    const secret = generateTotpSecret();
    const user = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyA, totpSecret: secret });
    const ip = nextIp();
    const step1 = await login(user.loginName, TEST_PASSWORD, ip);
    expect(step1.json()).toMatchObject({ stage: 'totp' });
    const pending = headersFrom(step1);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: pending.headers });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json()).toMatchObject({ code: 'SIGN_IN_INCOMPLETE', details: { stage: 'totp' } });

    const code = totpCode(secret, clock.now());
    const step2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      payload: { code },
      headers: pending.headers,
      remoteAddress: ip,
    });
    expect(step2.statusCode, step2.body).toBe(200);
    expect(step2.json()).toMatchObject({ stage: 'full' });
    const full = headersFrom(step2);
    expect(full.token).not.toBe(pending.token);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: full.headers })).statusCode).toBe(200);

    // Someone who saw the password and the code tries them again within the same 30 seconds.
    const replay1 = headersFrom(await login(user.loginName, TEST_PASSWORD, ip));
    const replayed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      payload: { code },
      headers: replay1.headers,
      remoteAddress: ip,
    });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json()).toMatchObject({ code: 'TOTP_INVALID' });
    const [row] = await t.handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.failedAttempts).toBe(1);

    // The next step's code works.
    clock.advance(30);
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      payload: { code: totpCode(secret, clock.now()) },
      headers: replay1.headers,
      remoteAddress: ip,
    });
    expect(fresh.json()).toMatchObject({ stage: 'full' });
  });

  it('makes an administrator enrol TOTP before acting, then asks for a code at every sign-in', async () => {
    clock.set('2025-07-18T07:00:00Z');
    const admin = await createUser(t.handle.db, { role: 'admin', agencyId: agencyA });
    const ip = nextIp();
    const first = await login(admin.loginName, TEST_PASSWORD, ip);
    expect(first.json()).toMatchObject({ stage: 'totp-enrol', totpRequired: true });
    const enrol = headersFrom(first);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: enrol.headers })).statusCode).toBe(401);
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: enrol.headers });
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toBe(
      `otpauth://totp/Ti%E1%BA%BFn%20%C4%90%E1%BB%99%3A${admin.loginName}?secret=${secret}&issuer=Ti%E1%BA%BFn+%C4%90%E1%BB%99&algorithm=SHA1&digits=6&period=30`,
    );
    const enabled = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      payload: { code: totpCode(secret, clock.now()) },
      headers: enrol.headers,
    });
    expect(enabled.json()).toMatchObject({ stage: 'full', user: { totpEnabled: true } });
    const full = headersFrom(enabled);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: full.headers })).statusCode).toBe(200);
    clock.advance(60);
    const again = await login(admin.loginName, TEST_PASSWORD, ip);
    expect(again.json()).toMatchObject({ stage: 'totp' });
  });

  it('forces a new password after a one-time password and applies the password rules', async () => {
    clock.set('2025-07-18T08:00:00Z');
    const user = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyA, mustChangePassword: true });
    const ip = nextIp();
    const first = await login(user.loginName, TEST_PASSWORD, ip);
    expect(first.json()).toMatchObject({ stage: 'password-change' });
    const pending = headersFrom(first);
    const change = (newPassword: string, currentPassword = TEST_PASSWORD) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { currentPassword, newPassword },
        headers: pending.headers,
        remoteAddress: ip,
      });
    const weak = await change('ngan');
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', details: { rule: 'too-short' } });
    const wrongCurrent = await change('Mật khẩu Mới 2025', 'sai');
    expect(wrongCurrent.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const ok = await change('Mật khẩu Mới 2025');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'full' });
    expect((await login(user.loginName, TEST_PASSWORD, ip)).statusCode).toBe(401);
    // The same password typed in decomposed form (NFD) still matches.
    const nfd = await login(user.loginName, 'Mật khẩu Mới 2025'.normalize('NFD'), ip);
    expect(nfd.json()).toMatchObject({ stage: 'full' });
  });

  it('expires a session after 30 idle minutes and after 12 hours however active', async () => {
    clock.set('2025-07-18T09:00:00Z');
    const user = await createUser(t.handle.db, { role: 'viewer', agencyId: agencyA });
    const ip = nextIp();
    const { headers } = headersFrom(await login(user.loginName, TEST_PASSWORD, ip));
    const tasks = () => t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers });
    clock.advance(29 * 60);
    expect((await tasks()).statusCode).toBe(200);
    clock.advance(29 * 60);
    expect((await tasks()).statusCode).toBe(200);
    clock.advance(31 * 60);
    const idle = await tasks();
    expect(idle.statusCode).toBe(401);
    expect(cookieOf(idle, 'tiendo_session')?.value).toBe('');

    clock.set('2025-07-18T12:00:00Z');
    const second = headersFrom(await login(user.loginName, TEST_PASSWORD, ip));
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      clock.set(new Date(Date.parse('2025-07-18T12:00:00Z') + minutes * 60_000).toISOString());
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: second.headers });
      expect(res.json().stage).toBe('full');
    }
    clock.set('2025-07-19T00:00:00Z');
    const expired = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: second.headers });
    expect(expired.json()).toMatchObject({ stage: 'anonymous', user: null });
  });

  it('refuses state-changing requests from a session without the right CSRF token', async () => {
    clock.set('2025-07-18T13:00:00Z');
    const login1 = await createUserAndLogin(t.app, t.handle.db, { role: 'reporter', agencyId: agencyA });
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: login1.cookieHeader });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'CSRF_FAILED' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...login1.cookieHeader, 'x-csrf-token': `${login1.csrfToken.slice(0, -2)}xx` },
    });
    expect(wrong.json()).toMatchObject({ code: 'CSRF_FAILED' });
    // Another session's token does not fit this session.
    const other = await createUserAndLogin(t.app, t.handle.db, { role: 'reporter', agencyId: agencyA });
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...login1.cookieHeader, 'x-csrf-token': other.csrfToken },
    });
    expect(foreign.json()).toMatchObject({ code: 'CSRF_FAILED' });
    // The session survived all three attempts; with the token, logout works.
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: login1.headers });
    expect(ok.statusCode).toBe(204);
    // Reads need no token.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: other.cookieHeader })).statusCode).toBe(
      200,
    );
  });

  it('ends the sessions of a deactivated user at once', async () => {
    clock.set('2025-07-18T14:00:00Z');
    const user = await createUserAndLogin(t.app, t.handle.db, { role: 'reporter', agencyId: agencyA });
    const manager = await createUserAndLogin(t.app, t.handle.db, { role: 'standing-office', agencyId: agencyA });
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.user.id}`,
      payload: { active: false },
      headers: manager.headers,
    });
    expect(off.json()).toMatchObject({ active: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: user.headers })).statusCode).toBe(401);
    const relogin = await login(user.user.loginName, TEST_PASSWORD, nextIp());
    expect(relogin.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });

  it('shows the anonymous session without a cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(res.json()).toEqual({
      stage: 'anonymous',
      user: null,
      csrfToken: null,
      totpRequired: false,
      idleTimeoutSeconds: 1800,
      expiresAt: null,
    });
  });
});

describe.skipIf(shouldSkipDbTests())('demo accounts', () => {
  let demo: TestApp;
  let normal: TestApp;
  beforeAll(async () => {
    demo = await buildTestApp({ config: { demoMode: true } });
    normal = await buildTestApp();
  });
  afterAll(async () => {
    await demo?.close();
    await normal?.close();
  });

  it('sign in without TOTP only while the server runs with --demo', async () => {
    const { ensureDemoAccounts, DEMO_PASSWORD } = await import('@server/modules/users/demo-accounts');
    const created = await ensureDemoAccounts(demo.handle.db);
    expect(created).toEqual([
      'admin',
      'thuongtruc',
      'baocao.bocongan',
      'lanhdao.bocongan',
      'baocao.hatinh',
      'lanhdao.hatinh',
      'xem',
    ]);
    expect(await ensureDemoAccounts(demo.handle.db)).toEqual([]);
    const res = await demo.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName: 'admin', password: DEMO_PASSWORD },
    });
    expect(res.json()).toMatchObject({ stage: 'full', totpRequired: false, user: { isDemo: true, roles: ['admin'] } });

    await ensureDemoAccounts(normal.handle.db);
    const refused = await normal.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName: 'baocao.hatinh', password: DEMO_PASSWORD },
    });
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });
});

describe.skipIf(shouldSkipDbTests())('route declarations', () => {
  it('refuses at startup an API route that does not say who may call it', async () => {
    expect(() => checkRouteDeclaration({ method: 'GET', url: '/api/v1/quen-khai-bao', config: {} })).toThrow(
      /không khai báo config.access/,
    );
    expect(() =>
      checkRouteDeclaration({ method: 'GET', url: '/api/v1/x', config: { access: 'chief' as never } }),
    ).toThrow(/không hợp lệ/);
    expect(checkRouteDeclaration({ method: 'GET', url: '/api/docs/json', config: {} })).toBe('public');
    expect(checkRouteDeclaration({ method: 'GET', url: '/assets/index.js', config: {} })).toBe('public');
    expect(checkRouteDeclaration({ method: 'GET', url: '/api/v1/y', config: { access: ['leader'] } })).toEqual([
      'leader',
    ]);

    const app = Fastify();
    registerErrorHandler(app);
    await app.register(cookie);
    registerAuth(app, {
      config: loadConfig({ dataDir: 'memory://' }),
      db: undefined as never,
      driver: 'pglite',
      clock: { now: () => new Date() },
      storage: createMemoryFileStorage(),
    });
    // Registered the way every module registers its routes: the app refuses to start.
    const start = async () => {
      await app.register(
        async (api) => {
          api.get('/forgotten', async () => ({ ok: true }));
        },
        { prefix: '/api/v1' },
      );
      await app.ready();
    };
    await expect(start()).rejects.toThrow(/GET \/api\/v1\/forgotten không khai báo config.access/);
  });
});
