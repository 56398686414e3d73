import type { Actor } from '@server/lib/request-context';
import { usersEmailResolver } from '@server/modules/reporting/notifications.service';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUser, createUserAndLogin, type TestLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser, listUsers, resetUserPassword, updateUser } from './users.service';

async function agencySheet(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  for (const row of rows) {
    sheet.addRow(row);
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----tiendo-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function readCredentials(bytes: Buffer): Promise<Array<{ agency: string; login: string; password: string }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('Tài khoản');
  const out: Array<{ agency: string; login: string; password: string }> = [];
  sheet?.eachRow((row, n) => {
    const login = row.getCell(4).text;
    if (n > 1 && login) {
      out.push({ agency: row.getCell(2).text, login, password: row.getCell(5).text });
    }
  });
  return out;
}

describe.skipIf(shouldSkipDbTests())('account administration', () => {
  let t: TestApp;
  let agencyA: string;
  let agencyB: string;
  let office: TestLogin;
  let admin: TestLogin;

  const actorOf = (login: TestLogin): Actor => ({
    userId: login.user.id,
    agencyId: login.user.agencyId,
    roles: login.user.roles,
    ip: '127.0.0.1',
  });

  beforeAll(async () => {
    t = await buildTestApp();
    agencyA = await agencyIdByName(t.handle.db, 'Bộ Công an');
    agencyB = await agencyIdByName(t.handle.db, 'Tỉnh Hà Tĩnh');
    office = await createUserAndLogin(t.app, t.handle.db, { role: 'standing-office', agencyId: agencyA });
    admin = await createUserAndLogin(t.app, t.handle.db, { role: 'admin', agencyId: agencyA });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates an account whose one-time password must be changed at first sign-in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { loginName: 'Nguyen.Van.A', displayName: 'Nguyễn Văn A', agencyId: agencyB, roles: ['reporter'] },
      headers: office.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { user, oneTimePassword } = res.json();
    expect(user).toMatchObject({
      loginName: 'nguyen.van.a',
      agencyName: 'Tỉnh Hà Tĩnh',
      roles: ['reporter'],
      mustChangePassword: true,
      active: true,
    });
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect(res.body).not.toContain('passwordHash');
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName: 'nguyen.van.a', password: oneTimePassword },
    });
    expect(signIn.json()).toMatchObject({ stage: 'password-change' });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { loginName: 'nguyen.van.a', displayName: 'Trùng', agencyId: agencyA, roles: ['leader'] },
      headers: office.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'LOGIN_TAKEN' });
  });

  it('keeps an optional e-mail address that reminders are sent to, and removes it on request', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        loginName: 'lanhdao.email',
        displayName: 'Lãnh đạo có thư',
        email: 'lanhdao@hatinh.gov.vn',
        agencyId: agencyB,
        roles: ['leader'],
      },
      headers: office.headers,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { user } = created.json();
    expect(user.email).toBe('lanhdao@hatinh.gov.vn');
    expect((await usersEmailResolver(t.handle.db, [agencyB])).get(agencyB)).toContain('lanhdao@hatinh.gov.vn');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { email: 'khong-phai-thu' },
      headers: office.headers,
    });
    expect(bad.statusCode).toBe(400);
    const cleared = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { email: null },
      headers: office.headers,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect((await usersEmailResolver(t.handle.db, [agencyB])).get(agencyB) ?? []).not.toContain(
      'lanhdao@hatinh.gov.vn',
    );
  });

  it('lets only administrators create, change or reset administrators', async () => {
    const byOffice = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { loginName: 'quantri2', displayName: 'Quản trị 2', agencyId: agencyA, roles: ['admin'] },
      headers: office.headers,
    });
    expect(byOffice.statusCode).toBe(403);
    const byAdmin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { loginName: 'quantri2', displayName: 'Quản trị 2', agencyId: agencyA, roles: ['admin'] },
      headers: admin.headers,
    });
    expect(byAdmin.statusCode).toBe(201);
    const adminId = byAdmin.json().user.id;
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${office.user.id}`,
      payload: { roles: ['standing-office', 'admin'] },
      headers: office.headers,
    });
    expect(promote.statusCode).toBe(403);
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${adminId}/reset-password`,
      payload: {},
      headers: office.headers,
    });
    expect(reset.statusCode).toBe(403);
    const selfDemote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.user.id}`,
      payload: { roles: ['viewer'] },
      headers: admin.headers,
    });
    expect(selfDemote.statusCode).toBe(403);
    const selfOff = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${office.user.id}`,
      payload: { active: false },
      headers: office.headers,
    });
    expect(selfOff.statusCode).toBe(403);
  });

  it('scopes accounts to the caller’s agency in the service, whatever the route allows', async () => {
    const reporterA = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyA });
    const reporterB = await createUser(t.handle.db, { role: 'reporter', agencyId: agencyB });
    const actor: Actor = { userId: reporterA.id, agencyId: agencyA, roles: ['reporter'], ip: null };
    const page = await listUsers(t.handle.db, actor, { agencyId: agencyB, page: 1, pageSize: 500 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((u) => u.agencyId === agencyA)).toBe(true);
    await expect(getUser(t.handle.db, actor, reporterB.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getUser(t.handle.db, actor, reporterA.id)).loginName).toBe(reporterA.loginName);
    const deps = {
      db: t.handle.db,
      clock: { now: () => new Date('2025-07-18T03:00:00Z') },
      config: undefined as never,
    };
    await expect(updateUser(deps, actor, reporterB.id, { roles: ['admin'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(resetUserPassword(deps, actor, reporterA.id, { resetTotp: false })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const all = await listUsers(t.handle.db, actorOf(office), { agencyId: agencyB, page: 1, pageSize: 500 });
    expect(all.items.map((u) => u.id)).toContain(reporterB.id);
  });

  it('searches accounts without diacritics and filters by role', async () => {
    await createUser(t.handle.db, { role: 'leader', agencyId: agencyB, loginName: 'lanhdao.thu.nghiem' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users?q=ha%20tinh&role=leader',
      headers: office.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { loginName: string }) => u.loginName)).toContain('lanhdao.thu.nghiem');
    expect(res.json().items.every((u: { roles: string[] }) => u.roles.includes('leader'))).toBe(true);
  });

  it('resets a password: new one-time password, lock cleared, sessions ended, TOTP off on request', async () => {
    const target = await createUserAndLogin(t.app, t.handle.db, { role: 'leader', agencyId: agencyB });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${target.user.id}/reset-password`,
      payload: { resetTotp: true },
      headers: office.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ mustChangePassword: true, totpEnabled: false, lockedUntil: null });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: target.headers })).statusCode).toBe(401);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entityType=user&entityId=${target.user.id}`,
      headers: office.headers,
    });
    expect(audit.json().items[0]).toMatchObject({
      action: 'user.password-reset',
      actorUserId: office.user.id,
      actorAgencyName: 'Bộ Công an',
      after: { mustChangePassword: true, totpReset: true },
    });
    expect(JSON.stringify(audit.json())).not.toContain(res.json().oneTimePassword);
  });

  it('creates one reporter and one leader per agency from a spreadsheet and hands out the passwords once', async () => {
    const bytes = await agencySheet([
      ['STT', 'Tên cơ quan'],
      ['1', 'Bộ Tài chính'],
      ['2', 'UBND tỉnh Bắc Kạn'],
      ['3', 'Bộ Thông tin và Truyền thông'],
      ['4', 'Bộ Tài chính'],
      ['5', 'Các bộ, ngành, địa phương'],
      ['6', 'Sở Không Tồn Tại'],
    ]);
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/bulk/preview',
      ...multipart('co-quan.xlsx', bytes),
      headers: { ...office.headers, ...multipart('co-quan.xlsx', bytes).headers },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.summary).toEqual({ rows: 6, agencies: 3, accountsToCreate: 6, skipped: 3 });
    expect(body.rows.map((r: { status: string }) => r.status)).toEqual([
      'create',
      'create',
      'create',
      'duplicate',
      'unknown-agency',
      'unknown-agency',
    ]);
    expect(body.rows[1]).toMatchObject({
      agency: { name: 'Tỉnh Thái Nguyên' },
      accounts: [
        { loginName: 'baocao.thainguyen', role: 'reporter', exists: false },
        { loginName: 'lanhdao.thainguyen', role: 'leader', exists: false },
      ],
      message: 'Nay là Tỉnh Thái Nguyên.',
    });
    expect(body.rows[2]).toMatchObject({ agency: { name: 'Bộ Khoa học và Công nghệ' } });
    expect(body.rows[0].accounts[0].loginName).toBe('baocao.botaichinh');

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/bulk',
      ...multipart('co-quan.xlsx', bytes),
      headers: { ...office.headers, ...multipart('co-quan.xlsx', bytes).headers },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(created.headers['x-accounts-created']).toBe('6');
    expect(created.headers['cache-control']).toBe('no-store');
    const credentials = await readCredentials(created.rawPayload);
    expect(credentials.map((c) => c.login).sort()).toEqual([
      'baocao.bokhoahocvacongnghe',
      'baocao.botaichinh',
      'baocao.thainguyen',
      'lanhdao.bokhoahocvacongnghe',
      'lanhdao.botaichinh',
      'lanhdao.thainguyen',
    ]);
    const first = credentials.find((c) => c.login === 'baocao.thainguyen');
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName: first?.login, password: first?.password },
      remoteAddress: '192.0.2.50',
    });
    expect(signIn.json()).toMatchObject({
      stage: 'password-change',
      user: { roles: ['reporter'], agency: { name: 'Tỉnh Thái Nguyên' } },
    });

    // A second upload of the same list creates nothing: the accounts exist.
    const repeat = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/bulk/preview',
      ...multipart('co-quan.xlsx', bytes),
      headers: { ...office.headers, ...multipart('co-quan.xlsx', bytes).headers },
    });
    expect(repeat.json().summary).toMatchObject({ accountsToCreate: 0 });
    expect(repeat.json().rows[0]).toMatchObject({ status: 'exists' });
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const fake = Buffer.from('<html>not a workbook</html>');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/bulk/preview',
      ...multipart('co-quan.xlsx', fake),
      headers: { ...office.headers, ...multipart('co-quan.xlsx', fake).headers },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });
});
