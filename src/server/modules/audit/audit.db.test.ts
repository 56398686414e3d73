import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUser, createUserAndLogin, TEST_PASSWORD, type TestLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from './audit.service';

type Entry = { action: string; actorLoginName: string | null; at: string; entityId: string | null };

describe.skipIf(shouldSkipDbTests())('audit log viewer', () => {
  let t: TestApp;
  let office: TestLogin;
  let agencyA: string;
  let agencyB: string;
  let reporterLogin: string;

  const list = async (query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: office.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Entry[]; total: number; page: number; pageSize: number };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    agencyA = await agencyIdByName(t.handle.db, 'Bộ Khoa học và Công nghệ');
    agencyB = await agencyIdByName(t.handle.db, 'Tỉnh Hà Tĩnh');
    office = await createUserAndLogin(t.app, t.handle.db, { role: 'standing-office', agencyId: agencyA });
    const reporter = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyB });
    reporterLogin = reporter.loginName;
    // Two sign-ins (one failed) by the Hà Tĩnh reporter at the app's fixed clock (2025-07-18).
    for (const password of ['sai', TEST_PASSWORD]) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { loginName: reporterLogin, password },
      });
    }
    // Older rows, as another service would write them.
    await recordAudit(
      t.handle.db,
      { userId: reporter.id, agencyId: agencyB, ip: '10.0.0.1' },
      {
        action: 'report.submit',
        entityType: 'report',
        entityId: 'r-1',
        after: { state: 'submitted' },
        at: new Date('2025-06-30T16:59:00Z'),
      },
    );
    await recordAudit(
      t.handle.db,
      { userId: reporter.id, agencyId: agencyB, ip: '10.0.0.1' },
      { action: 'report.submit', entityType: 'report', entityId: 'r-2', at: new Date('2025-06-30T17:00:00Z') },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('filters by actor, agency and action prefix, newest first', async () => {
    const signIns = await list(`actor=${reporterLogin.toUpperCase()}&action=auth.`);
    expect(signIns.items.map((e) => e.action)).toEqual(['auth.login', 'auth.login-failed']);
    expect(signIns.items[0]).toMatchObject({ actorLoginName: reporterLogin, at: '2025-07-18T03:00:00.000Z' });
    const byAgency = await list(`agencyId=${agencyB}`);
    expect(byAgency.total).toBe(4);
    expect((await list('action=auth.login-failed')).items.map((e) => e.actorLoginName)).toEqual([reporterLogin]);
  });

  it('filters by business day in Asia/Ho_Chi_Minh and pages', async () => {
    // 2025-06-30T17:00Z is already 1 July in Hà Nội.
    const june30 = await list('from=2025-06-30&to=2025-06-30&entityType=report');
    expect(june30.items.map((e) => e.entityId)).toEqual(['r-1']);
    const july1 = await list('from=2025-07-01&to=2025-07-01&entityType=report');
    expect(july1.items.map((e) => e.entityId)).toEqual(['r-2']);
    const page2 = await list(`agencyId=${agencyB}&page=2&pageSize=3`);
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items).toHaveLength(1);
  });

  it('is closed to everyone but the standing office and administrators', async () => {
    for (const role of ['reporter', 'leader', 'viewer'] as const) {
      const login = await createUserAndLogin(t.app, t.handle.db, { role, agencyId: agencyB });
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/audit?agencyId=${agencyB}`,
        headers: login.headers,
      });
      expect(res.statusCode).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/audit' });
    expect(anonymous.statusCode).toBe(401);
  });
});
