import { appSettings } from '@server/db/schema/index';
import type { FeedbackItem } from '@shared/contracts/feedback';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUserAndLogin, type TestLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackCounts, PUBLIC_FEEDBACK_SETTING } from './feedback.service';

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----tiendo-feedback';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe.skipIf(shouldSkipDbTests())('feedback and initiatives', () => {
  let t: TestApp;
  let office: TestLogin;
  let citizenDesk: TestLogin;
  let handler: TestLogin;
  let outsider: TestLogin;
  beforeAll(async () => {
    // The test clock is 2025-07-18 10:00 in Hà Nội.
    t = await buildTestApp();
    const db = t.handle.db;
    office = await createUserAndLogin(t.app, db, {
      role: 'standing-office',
      agencyId: await agencyIdByName(db, 'Bộ Khoa học và Công nghệ'),
    });
    citizenDesk = await createUserAndLogin(t.app, db, {
      role: 'reporter',
      agencyId: await agencyIdByName(db, 'Văn phòng Chính phủ'),
    });
    handler = await createUserAndLogin(t.app, db, {
      role: 'reporter',
      agencyId: await agencyIdByName(db, 'Bộ Tài chính'),
    });
    outsider = await createUserAndLogin(t.app, db, {
      role: 'reporter',
      agencyId: await agencyIdByName(db, 'Bộ Công an'),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const submit = async (title: string, attachments: unknown[] = []) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      headers: citizenDesk.headers,
      payload: { kind: 'petition', title, text: 'Đề nghị rút ngắn thời gian xử lý hồ sơ trực tuyến.', attachments },
    });
    expect(res.statusCode).toBe(201);
    return res.json<FeedbackItem>();
  };

  it('routes to an agency, lists what is overdue, and shows the answer to the submitter', async () => {
    const fake = multipart('bao-cao.pdf', Buffer.from('MZ not a pdf'));
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback/attachments',
      headers: { ...citizenDesk.headers, 'content-type': fake.contentType },
      payload: fake.body,
    });
    expect(refused.json().code).toBe('UNSUPPORTED_FILE');
    const png = multipart('anh.png', PNG);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback/attachments',
      headers: { ...citizenDesk.headers, 'content-type': png.contentType },
      payload: png.body,
    });
    expect(uploaded.statusCode).toBe(201);

    const late = await submit('Hồ sơ xử lý chậm', [uploaded.json()]);
    expect(late.attachments.map((a) => a.mediaType)).toEqual(['image/png']);
    const onTime = await submit('Sáng kiến một cửa');
    const route = (id: string, dueOn: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/feedback/${id}/route`,
        headers: office.headers,
        payload: { agencyId: handler.user.agencyId, dueOn },
      });
    expect((await route(late.id, '2025-07-15')).json().status).toBe('routed');
    expect((await route(onTime.id, '2025-07-30')).statusCode).toBe(200);
    const byReporter = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${late.id}/route`,
      headers: handler.headers,
      payload: { agencyId: handler.user.agencyId, dueOn: '2025-08-01' },
    });
    expect(byReporter.statusCode).toBe(403);

    const overdue = await t.app.inject({
      method: 'GET',
      url: '/api/v1/feedback?overdue=true',
      headers: office.headers,
    });
    expect(overdue.json().items.map((i: FeedbackItem) => i.title)).toEqual(['Hồ sơ xử lý chậm']);
    const forHandler = await t.app.inject({ method: 'GET', url: '/api/v1/feedback', headers: handler.headers });
    expect(forHandler.json().items).toHaveLength(2);
    const forOutsider = await t.app.inject({ method: 'GET', url: '/api/v1/feedback', headers: outsider.headers });
    expect(forOutsider.json().items).toHaveLength(0);
    const peek = await t.app.inject({ method: 'GET', url: `/api/v1/feedback/${late.id}`, headers: outsider.headers });
    expect(peek.statusCode).toBe(404);

    const wrongAgency = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${late.id}/answer`,
      headers: outsider.headers,
      payload: { text: 'Đã xử lý.' },
    });
    expect(wrongAgency.statusCode).toBe(403);
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${late.id}/answer`,
      headers: handler.headers,
      payload: { text: 'Đã chỉ đạo rút ngắn thời gian xử lý còn 3 ngày.' },
    });
    expect(answered.json().status).toBe('answered');
    const seen = await t.app.inject({
      method: 'GET',
      url: `/api/v1/feedback/${late.id}`,
      headers: citizenDesk.headers,
    });
    expect(seen.json()).toMatchObject({
      answerText: 'Đã chỉ đạo rút ngắn thời gian xử lý còn 3 ngày.',
      overdue: false,
    });
    const overdueAfter = await t.app.inject({
      method: 'GET',
      url: '/api/v1/feedback?overdue=true',
      headers: office.headers,
    });
    expect(overdueAfter.json().items).toHaveLength(0);

    expect(await feedbackCounts(t.handle.db, '2025-07', '2025-07-18')).toEqual({
      month: '2025-07',
      received: 2,
      byKind: { reflection: 0, petition: 2, initiative: 0, solution: 0 },
      answered: 1,
      overdue: 0,
    });
    // At the month's end the item due 30/7 and still open counts as overdue.
    expect((await feedbackCounts(t.handle.db, '2025-07')).overdue).toBe(1);
    expect((await feedbackCounts(t.handle.db, '2025-06')).received).toBe(0);
  });

  it('keeps the public form closed unless enabled, guards against spam and limits the rate per IP', async () => {
    const send = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/public/feedback',
        remoteAddress: '203.0.113.7',
        payload: {
          kind: 'reflection',
          title: 'Đường dây nóng không liên lạc được',
          text: 'Gọi nhiều lần không ai nghe máy.',
          elapsedMs: 15_000,
          ...payload,
        },
      });
    expect((await send({})).statusCode).toBe(404);
    await t.handle.db.insert(appSettings).values({ key: PUBLIC_FEEDBACK_SETTING, value: true });
    const honeypot = await send({ website: 'http://ban-thuoc.example' });
    expect([honeypot.statusCode, honeypot.json().details]).toEqual([400, { reason: 'honeypot' }]);
    expect((await send({ elapsedMs: 500 })).json().details).toEqual({ reason: 'too-fast' });
    expect((await send({ text: 'http://a.example http://b.example http://c.example' })).json().details).toEqual({
      reason: 'too-many-links',
    });
    const ok = await send({});
    expect(ok.statusCode).toBe(202);
    expect((await send({})).statusCode).toBe(429);
    const fromElsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/feedback',
      remoteAddress: '198.51.100.9',
      payload: { kind: 'initiative', title: 'Sáng kiến', text: 'Ứng dụng nhắc hạn.', elapsedMs: 9_000 },
    });
    expect(fromElsewhere.statusCode).toBe(202);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/feedback?status=new', headers: office.headers });
    expect(list.json().items.filter((i: FeedbackItem) => i.source === 'public')).toHaveLength(2);
  });
});
