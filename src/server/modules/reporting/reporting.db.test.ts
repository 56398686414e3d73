import { type Db, queryRows } from '@server/db/client';
import { assignments, directives, tasks } from '@server/db/schema/index';
import { runReminderSweep } from '@server/jobs/reminder-sweep.job';
import type { Clock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { newId } from '@server/lib/ids';
import { decodeHeaderWords } from '@server/lib/smtp-client';
import type { ProgressReport } from '@shared/contracts/reporting';
import type { StatusSummaryDto, TaskStatusDto } from '@shared/contracts/status';
import { foldText } from '@shared/lib/vn-text';
import { headersOf as mailHeadersOf, startSmtpSink } from '@test/smtp-sink';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUser, sessionHeaders, type TestUser } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A clock the test moves forward (instants are UTC; 03:00Z is 10:00 in Hanoi). */
function movableClock(start: string): Clock & { set: (iso: string) => void } {
  let current = new Date(start);
  return { now: () => new Date(current), set: (iso) => (current = new Date(iso)) };
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1')]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0x41)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

function multipart(fileName: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----tiendo${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function createTask(
  db: Db,
  options: { due: string | null; kind?: string; leads: string[]; coordinators?: string[] },
) {
  const directiveId = newId();
  const title = `Kế hoạch thử ${directiveId.slice(0, 8)}`;
  await db.insert(directives).values({
    id: directiveId,
    stableKey: `test:${directiveId}`,
    kind: 'ke-hoach',
    title,
    titleFolded: foldText(title),
  });
  const taskId = newId();
  const text = `Xây dựng cơ sở dữ liệu thử nghiệm ${taskId.slice(0, 8)}`;
  await db.insert(tasks).values({
    id: taskId,
    identityKey: `test:${taskId}`,
    directiveId,
    text,
    textFolded: foldText(text),
    deadlineRaw: options.due,
    deadlineKind: options.kind ?? (options.due ? 'date' : 'none'),
    deadlineDue: options.due,
    provenance: { file: 'test' },
  });
  const ids: Record<string, string> = {};
  for (const [role, agencyIds] of [
    ['lead', options.leads],
    ['coordinator', options.coordinators ?? []],
  ] as const) {
    for (const agencyId of agencyIds) {
      const id = newId();
      ids[`${role}:${agencyId}`] = id;
      await db.insert(assignments).values({ id, taskId, agencyId, role });
    }
  }
  return {
    taskId,
    directiveId,
    assignment: (role: 'lead' | 'coordinator', agencyId: string) => ids[`${role}:${agencyId}`] as string,
  };
}

describe.skipIf(shouldSkipDbTests())('progress reports: workflow, evidence, requests, reminders', () => {
  let t: TestApp;
  const clock = movableClock('2025-06-10T03:00:00Z');
  let mostId: string;
  let mofId: string;
  let users: Record<'reporter' | 'reporter2' | 'leader' | 'office' | 'otherReporter' | 'otherLeader', TestUser>;

  const headersOf = async (user: TestUser) => {
    const issued = await t.app.auth.openTrustedSession(user.id);
    return sessionHeaders(issued.token, issued.csrfToken);
  };
  const call = async (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: await headersOf(user),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
    const isJson = String(res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: isJson ? (JSON.parse(res.body) as Record<string, unknown>) : {}, raw: res };
  };
  const upload = async (user: TestUser, url: string, fileName: string, bytes: Buffer) => {
    const mp = multipart(fileName, bytes);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...(await headersOf(user)), 'content-type': mp.contentType },
      payload: mp.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
  };
  const taskStatus = async (taskId: string, asOf: string) =>
    (await call(users.office, 'GET', `/api/v1/tasks/${taskId}/status?asOf=${asOf}`)).body as unknown as TaskStatusDto;

  /** draft (completed on `completedOn`, PDF evidence) → submit → approve → accept, each step at the given instants. */
  const fileCompleted = async (assignmentId: string, period: string, completedOn: string, acceptAt: string) => {
    const draft = (
      await call(users.reporter, 'POST', '/api/v1/reports', {
        assignmentId,
        period,
        state: 'completed',
        completedOn,
        narrative: 'Đã ban hành.',
        product: 'Quyết định số 1169/QĐ-TTg ngày 16/6/2025',
      })
    ).body as unknown as ProgressReport;
    expect((await upload(users.reporter, `/api/v1/reports/${draft.id}/evidence`, 'qd-1169.pdf', PDF)).status).toBe(201);
    const submitted = await call(users.reporter, 'POST', `/api/v1/reports/${draft.id}/submit`, { rowVersion: 2 - 1 });
    expect(submitted.status).toBe(200);
    const approved = await call(users.leader, 'POST', `/api/v1/reports/${draft.id}/approve`, {
      rowVersion: (submitted.body as unknown as ProgressReport).rowVersion,
    });
    expect(approved.status).toBe(200);
    clock.set(acceptAt);
    const accepted = await call(users.office, 'POST', `/api/v1/reports/${draft.id}/accept`, {
      rowVersion: (approved.body as unknown as ProgressReport).rowVersion,
    });
    expect(accepted.status).toBe(200);
    return accepted.body as unknown as ProgressReport;
  };

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    mostId = await agencyIdByName(t.handle.db, 'Bộ Khoa học và Công nghệ');
    mofId = await agencyIdByName(t.handle.db, 'Bộ Tài chính');
    const officeId = await agencyIdByName(t.handle.db, 'Văn phòng Chính phủ');
    users = {
      reporter: await createUser(t.handle.db, { role: 'reporter', agencyId: mostId }),
      reporter2: await createUser(t.handle.db, { role: 'reporter', agencyId: mostId }),
      leader: await createUser(t.handle.db, { role: 'leader', agencyId: mostId }),
      office: await createUser(t.handle.db, { role: 'standing-office', agencyId: officeId }),
      otherReporter: await createUser(t.handle.db, { role: 'reporter', agencyId: mofId }),
      otherLeader: await createUser(t.handle.db, { role: 'leader', agencyId: mofId }),
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('draft → submit → leader approve → standing office accept makes the task "completed on time" from acceptance on', async () => {
    clock.set('2025-06-20T03:00:00Z');
    const task = await createTask(t.handle.db, { due: '2025-06-30', leads: [mostId] });
    const accepted = await fileCompleted(
      task.assignment('lead', mostId),
      '2025-06',
      '2025-06-20',
      '2025-06-25T03:00:00Z',
    );
    expect(accepted.workflowStatus).toBe('accepted');
    expect(accepted.events.map((e) => e.action)).toEqual(['create', 'submit', 'approve', 'accept']);
    expect(accepted.evidence[0]?.detectedType).toBe('pdf');
    expect((await taskStatus(task.taskId, '2025-06-30')).category).toBe('completedOnTime');
    expect((await taskStatus(task.taskId, '2025-06-24')).category).toBe('inProgress');
    const summary = (await call(users.office, 'GET', `/api/v1/status?asOf=2025-06-30&directiveId=${task.directiveId}`))
      .body as unknown as StatusSummaryDto;
    expect(summary.completedOnTime).toBe(1);
    const audit = await queryRows<{ action: string }>(
      t.handle.db,
      sql`select action from audit_log where entity_id = ${accepted.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['report.create', 'report.submit', 'report.approve', 'report.accept']);
  });

  it('review queues and report lists are filtered per role and scoped to the agency', async () => {
    clock.set('2025-07-10T03:00:00Z');
    const task = await createTask(t.handle.db, { due: '2025-12-31', leads: [mostId] });
    const lead = task.assignment('lead', mostId);
    const draft = (
      await call(users.reporter, 'POST', '/api/v1/reports', {
        assignmentId: lead,
        period: '2025-07',
        state: 'in-progress',
        narrative: 'Đang dự thảo.',
      })
    ).body as unknown as ProgressReport;
    const submitted = await call(users.reporter, 'POST', `/api/v1/reports/${draft.id}/submit`, {
      rowVersion: draft.rowVersion,
    });
    expect(submitted.status).toBe(200);
    const queue = await call(users.leader, 'GET', '/api/v1/reports?awaitingMe=true');
    expect(queue.status).toBe(200);
    expect((queue.body as unknown as ProgressReport[]).map((r) => r.id)).toContain(draft.id);
    const notMine = await call(users.otherLeader, 'GET', '/api/v1/reports?awaitingMe=true');
    expect(notMine.status).toBe(200);
    expect((notMine.body as unknown as ProgressReport[]).map((r) => r.id)).not.toContain(draft.id);
    const own = await call(users.reporter, 'GET', '/api/v1/reports?period=2025-07&awaitingMe=false');
    expect(own.status).toBe(200);
    expect((own.body as unknown as ProgressReport[]).map((r) => r.id)).toContain(draft.id);
    const foreign = await call(users.otherReporter, 'GET', '/api/v1/reports?period=2025-07');
    expect(foreign.status).toBe(200);
    expect((foreign.body as unknown as ProgressReport[]).map((r) => r.id)).not.toContain(draft.id);
  });

  it('an acceptance at 23:59:59 Hanoi time counts for that day; one at 00:00 the next day does not', async () => {
    clock.set('2025-06-20T03:00:00Z');
    const onTime = await createTask(t.handle.db, { due: '2025-06-30', leads: [mostId] });
    await fileCompleted(onTime.assignment('lead', mostId), '2025-06', '2025-06-20', '2025-06-30T16:59:59Z');
    expect((await taskStatus(onTime.taskId, '2025-06-30')).category).toBe('completedOnTime');
    clock.set('2025-06-20T03:00:00Z');
    const nextDay = await createTask(t.handle.db, { due: '2025-06-30', leads: [mostId] });
    await fileCompleted(nextDay.assignment('lead', mostId), '2025-06', '2025-06-20', '2025-06-30T17:00:00Z');
    expect((await taskStatus(nextDay.taskId, '2025-06-30')).category).toBe('inProgress');
    expect((await taskStatus(nextDay.taskId, '2025-07-01')).category).toBe('completedOnTime');
  });

  it('a later report never changes the status as of an earlier date', async () => {
    clock.set('2025-06-20T03:00:00Z');
    const task = await createTask(t.handle.db, { due: '2025-06-30', leads: [mostId] });
    const assignmentId = task.assignment('lead', mostId);
    await fileCompleted(assignmentId, '2025-06', '2025-06-20', '2025-06-26T03:00:00Z');
    const before = await taskStatus(task.taskId, '2025-06-30');
    // A correction in July says the work is not finished after all.
    clock.set('2025-07-03T03:00:00Z');
    const v2 = (
      await call(users.reporter, 'POST', '/api/v1/reports', {
        assignmentId,
        period: '2025-06',
        state: 'in-progress',
        narrative: 'Cần bổ sung.',
      })
    ).body as unknown as ProgressReport;
    expect(v2.version).toBe(2);
    expect(v2.evidence).toHaveLength(1);
    const s = await call(users.reporter, 'POST', `/api/v1/reports/${v2.id}/submit`, { rowVersion: v2.rowVersion });
    const a = await call(users.leader, 'POST', `/api/v1/reports/${v2.id}/approve`, {
      rowVersion: (s.body as unknown as ProgressReport).rowVersion,
    });
    clock.set('2025-07-05T03:00:00Z');
    await call(users.office, 'POST', `/api/v1/reports/${v2.id}/accept`, {
      rowVersion: (a.body as unknown as ProgressReport).rowVersion,
    });
    expect(await taskStatus(task.taskId, '2025-06-30')).toEqual(before);
    expect((await taskStatus(task.taskId, '2025-07-05')).category).toBe('overdue');
    const versions = await queryRows<{ version: number; workflow_status: string }>(
      t.handle.db,
      sql`select version, workflow_status from progress_reports where assignment_id = ${assignmentId} order by version`,
    );
    expect(versions).toEqual([
      { version: 1, workflow_status: 'accepted' },
      { version: 2, workflow_status: 'accepted' },
    ]);
  });

  it('an extension keeps "completed late against the original deadline" visible', async () => {
    clock.set('2025-06-20T03:00:00Z');
    const task = await createTask(t.handle.db, { due: '2025-06-30', leads: [mostId] });
    const assignmentId = task.assignment('lead', mostId);
    const requested = await call(users.reporter, 'POST', '/api/v1/extension-requests', {
      assignmentId,
      requestedDue: '2025-07-31',
      reasons: 'Chờ ý kiến thẩm định của Bộ Tư pháp.',
    });
    expect(requested.status).toBe(201);
    clock.set('2025-06-28T03:00:00Z');
    const refusedByReporter = await call(
      users.reporter,
      'POST',
      `/api/v1/extension-requests/${requested.body.id}/decision`,
      {
        decision: 'granted',
        rowVersion: 1,
      },
    );
    expect(refusedByReporter.status).toBe(403);
    const granted = await call(users.office, 'POST', `/api/v1/extension-requests/${requested.body.id}/decision`, {
      decision: 'granted',
      reason: 'Đồng ý',
      rowVersion: 1,
    });
    expect(granted.body.grantedDue).toBe('2025-07-31');
    expect((await taskStatus(task.taskId, '2025-07-10')).category).toBe('inProgress');
    expect((await taskStatus(task.taskId, '2025-07-10')).categoryAgainstOriginal).toBe('overdue');
    expect((await taskStatus(task.taskId, '2025-06-27')).effectiveDue).toBe('2025-06-30');
    clock.set('2025-07-15T03:00:00Z');
    await fileCompleted(assignmentId, '2025-07', '2025-07-15', '2025-07-16T03:00:00Z');
    const status = await taskStatus(task.taskId, '2025-07-20');
    expect(status.category).toBe('completedOnTime');
    expect(status.categoryAgainstOriginal).toBe('completedLate');
    expect(status.effectiveDue).toBe('2025-07-31');
  });

  it('two reporters saving the same draft: one wins, the other gets 409 CONFLICT (no lost update)', async () => {
    clock.set('2025-06-20T03:00:00Z');
    const task = await createTask(t.handle.db, { due: '2025-09-30', leads: [mostId] });
    const assignmentId = task.assignment('lead', mostId);
    const base = { assignmentId, period: '2025-06', state: 'in-progress' };
    // Creating the first draft at the same time: exactly one is created.
    const firsts = await Promise.all([
      call(users.reporter, 'POST', '/api/v1/reports', { ...base, narrative: 'A' }),
      call(users.reporter2, 'POST', '/api/v1/reports', { ...base, narrative: 'B' }),
    ]);
    expect(firsts.map((r) => r.status).sort()).toEqual([200, 409]);
    const draft = firsts.find((r) => r.status === 200)?.body as unknown as ProgressReport;
    const saves = await Promise.all([
      call(users.reporter, 'POST', '/api/v1/reports', {
        ...base,
        narrative: 'Bản của người thứ nhất',
        rowVersion: draft.rowVersion,
      }),
      call(users.reporter2, 'POST', '/api/v1/reports', {
        ...base,
        narrative: 'Bản của người thứ hai',
        rowVersion: draft.rowVersion,
      }),
    ]);
    expect(saves.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = saves.find((r) => r.status === 409);
    expect(loser?.body.code).toBe('CONFLICT');
    const winner = saves.find((r) => r.status === 200)?.body as unknown as ProgressReport;
    const stored = (await call(users.reporter, 'GET', `/api/v1/reports/${draft.id}`)).body as unknown as ProgressReport;
    expect(stored.narrative).toBe(winner.narrative);
    expect(stored.rowVersion).toBe(draft.rowVersion + 1);
    // Submitting with a stale version is refused too; while under review no new version can be started.
    expect(
      (await call(users.reporter, 'POST', `/api/v1/reports/${draft.id}/submit`, { rowVersion: draft.rowVersion }))
        .status,
    ).toBe(409);
    expect(
      (await call(users.reporter, 'POST', `/api/v1/reports/${draft.id}/submit`, { rowVersion: stored.rowVersion }))
        .status,
    ).toBe(200);
    const during = await call(users.reporter, 'POST', '/api/v1/reports', { ...base, narrative: 'C' });
    expect(during.body.code).toBe('INVALID_TRANSITION');
  });

  it('evidence is checked by content; downloads and reports are scoped to the agency', async () => {
    clock.set('2025-06-20T03:00:00Z');
    const task = await createTask(t.handle.db, { due: '2025-09-30', leads: [mostId] });
    const draft = (
      await call(users.reporter, 'POST', '/api/v1/reports', {
        assignmentId: task.assignment('lead', mostId),
        period: '2025-06',
        state: 'in-progress',
      })
    ).body as unknown as ProgressReport;
    const exe = await upload(users.reporter, `/api/v1/reports/${draft.id}/evidence`, 'bao-cao.pdf', EXE);
    expect(exe.status).toBe(415);
    expect(exe.body.code).toBe('UNSUPPORTED_FILE');
    const png = await upload(users.reporter, `/api/v1/reports/${draft.id}/evidence`, 'anh.exe', PNG);
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ detectedType: 'png', fileName: 'anh.png', sizeBytes: PNG.length });
    const link = await call(users.reporter, 'POST', `/api/v1/reports/${draft.id}/evidence/references`, {
      kind: 'link',
      url: 'javascript:alert(1)',
    });
    expect(link.status).toBe(400);
    expect(
      (
        await call(users.reporter, 'POST', `/api/v1/reports/${draft.id}/evidence/references`, {
          kind: 'link',
          url: 'https://csdlhoiquy.moha.gov.vn',
        })
      ).status,
    ).toBe(201);
    const other = await upload(users.otherReporter, `/api/v1/reports/${draft.id}/evidence`, 'x.pdf', PDF);
    expect(other.status).toBe(403);
    const download = await call(users.reporter, 'GET', `/api/v1/evidence/${png.body.id}/download`);
    expect(download.status).toBe(200);
    expect(download.raw.rawPayload.equals(PNG)).toBe(true);
    expect((await call(users.otherReporter, 'GET', `/api/v1/evidence/${png.body.id}/download`)).status).toBe(404);
    expect((await call(users.otherReporter, 'GET', `/api/v1/reports/${draft.id}`)).status).toBe(404);
    expect((await call(users.office, 'GET', `/api/v1/evidence/${png.body.id}/download`)).status).toBe(200);
    const submitted = await call(users.reporter, 'POST', `/api/v1/reports/${draft.id}/submit`, {
      rowVersion: draft.rowVersion,
    });
    const rv = (submitted.body as unknown as ProgressReport).rowVersion;
    expect(
      (await call(users.otherLeader, 'POST', `/api/v1/reports/${draft.id}/approve`, { rowVersion: rv })).status,
    ).toBe(403);
    expect((await call(users.office, 'POST', `/api/v1/reports/${draft.id}/accept`, { rowVersion: rv })).body.code).toBe(
      'INVALID_TRANSITION',
    );
    const returned = await call(users.leader, 'POST', `/api/v1/reports/${draft.id}/return`, {
      rowVersion: rv,
      reason: 'Thiếu số liệu kết quả.',
    });
    expect(returned.body).toMatchObject({
      workflowStatus: 'returned',
      returnedBy: 'leader',
      returnReason: 'Thiếu số liệu kết quả.',
    });
    const inbox = (await call(users.reporter, 'GET', '/api/v1/notifications')).body as {
      items: { kind: string }[];
      unread: number;
    };
    expect(inbox.items.map((n) => n.kind)).toContain('report-returned');
    expect((await call(users.reporter, 'POST', '/api/v1/notifications/read', {})).body.updated).toBeGreaterThan(0);
    expect(((await call(users.reporter, 'GET', '/api/v1/notifications')).body as { unread: number }).unread).toBe(0);
  });

  it('coordinators report their contribution; only the lead sets the state, and may cite it', async () => {
    clock.set('2025-06-20T03:00:00Z');
    const task = await createTask(t.handle.db, { due: '2025-06-30', leads: [mostId], coordinators: [mofId] });
    const contribution = (
      await call(users.otherReporter, 'POST', '/api/v1/reports', {
        assignmentId: task.assignment('coordinator', mofId),
        period: '2025-06',
        state: 'completed',
        completedOn: '2025-06-19',
        narrative: 'Bộ Tài chính đã có ý kiến bằng văn bản.',
      })
    ).body as unknown as ProgressReport;
    await call(users.otherReporter, 'POST', `/api/v1/reports/${contribution.id}/evidence/references`, {
      kind: 'document',
      referenceText: 'Công văn số 123/BTC-NSNN ngày 19/6/2025',
    });
    const sub = await call(users.otherReporter, 'POST', `/api/v1/reports/${contribution.id}/submit`, { rowVersion: 1 });
    expect(sub.status).toBe(200);
    const a = await call(users.otherLeader, 'POST', `/api/v1/reports/${contribution.id}/approve`, {
      rowVersion: (sub.body as unknown as ProgressReport).rowVersion,
    });
    await call(users.office, 'POST', `/api/v1/reports/${contribution.id}/accept`, {
      rowVersion: (a.body as unknown as ProgressReport).rowVersion,
    });
    expect((await taskStatus(task.taskId, '2025-06-21')).category).toBe('inProgress');
    // The lead agency sees the contribution and cites it.
    expect((await call(users.reporter, 'GET', `/api/v1/reports/${contribution.id}`)).status).toBe(200);
    const lead = await call(users.reporter, 'POST', '/api/v1/reports', {
      assignmentId: task.assignment('lead', mostId),
      period: '2025-06',
      state: 'in-progress',
      citedReportIds: [contribution.id],
    });
    expect(lead.status).toBe(200);
    expect(lead.body.citedReportIds).toEqual([contribution.id]);
  });

  it('a granted reclassification to "completed" counts from the decision on; its reason is kept', async () => {
    clock.set('2025-07-02T03:00:00Z');
    const task = await createTask(t.handle.db, { due: '2025-06-30', leads: [mostId] });
    const req = await call(users.reporter, 'POST', '/api/v1/reclassification-requests', {
      assignmentId: task.assignment('lead', mostId),
      toCategory: 'completed',
      completedOn: '2025-06-29',
      reasons: 'Đã hoàn thành: 5G và Internet vệ tinh (003 Phụ lục 3 II.1 b).',
      evidence: [{ kind: 'document', value: 'Quyết định số 1/QĐ-BKHCN ngày 29/6/2025' }],
    });
    expect(req.status).toBe(201);
    expect(req.body).toMatchObject({ fromCategory: 'overdue', toCategory: 'completed', status: 'pending' });
    clock.set('2025-07-04T03:00:00Z');
    const decided = await call(users.office, 'POST', `/api/v1/reclassification-requests/${req.body.id}/decision`, {
      decision: 'granted',
      reason: 'Đủ minh chứng.',
      rowVersion: 1,
    });
    expect(decided.body).toMatchObject({ status: 'granted', decisionReason: 'Đủ minh chứng.' });
    expect((await taskStatus(task.taskId, '2025-07-03')).category).toBe('overdue');
    expect((await taskStatus(task.taskId, '2025-07-04')).category).toBe('completedOnTime');
  });

  it('what I owe this month, and per agency: on time / late / not reported', async () => {
    clock.set('2025-08-01T03:00:00Z');
    const task = await createTask(t.handle.db, { due: '2025-12-31', leads: [mostId, mofId] });
    clock.set('2025-08-20T03:00:00Z');
    const draft = (
      await call(users.reporter, 'POST', '/api/v1/reports', {
        assignmentId: task.assignment('lead', mostId),
        period: '2025-08',
        state: 'in-progress',
      })
    ).body as unknown as ProgressReport;
    await call(users.reporter, 'POST', `/api/v1/reports/${draft.id}/submit`, { rowVersion: draft.rowVersion });
    const mine = (await call(users.reporter, 'GET', '/api/v1/reporting/my-obligations?period=2025-08')).body as {
      items: { assignmentId: string; reportedOnTime: boolean | null; dueOn: string }[];
    };
    const item = mine.items.find((i) => i.assignmentId === task.assignment('lead', mostId));
    expect(item).toMatchObject({ reportedOnTime: true, dueOn: '2025-08-25' });
    expect((await call(users.reporter, 'GET', `/api/v1/reporting/my-obligations?agencyId=${mofId}`)).status).toBe(403);
    clock.set('2025-08-27T03:00:00Z');
    const late = (
      await call(users.otherReporter, 'POST', '/api/v1/reports', {
        assignmentId: task.assignment('lead', mofId),
        period: '2025-08',
        state: 'in-progress',
      })
    ).body as unknown as ProgressReport;
    await call(users.otherReporter, 'POST', `/api/v1/reports/${late.id}/submit`, { rowVersion: late.rowVersion });
    const compliance = (await call(users.office, 'GET', '/api/v1/reporting/compliance?period=2025-08&asOf=2025-08-31'))
      .body as { agencies: { agencyId: string; onTime: number; late: number; notReported: number }[] };
    const most = compliance.agencies.find((a) => a.agencyId === mostId);
    const mof = compliance.agencies.find((a) => a.agencyId === mofId);
    expect(most?.onTime).toBeGreaterThanOrEqual(1);
    expect(mof?.late).toBe(1);
    // As of the due day, the late report had not been made yet.
    const atDue = (await call(users.office, 'GET', '/api/v1/reporting/compliance?period=2025-08&asOf=2025-08-25'))
      .body as { agencies: { agencyId: string; late: number; notReported: number }[] };
    expect(atDue.agencies.find((a) => a.agencyId === mofId)).toMatchObject({ late: 0 });
  });

  it('the reminder sweep is idempotent: a second run (or a restart) sends nothing twice', async () => {
    clock.set('2025-09-20T03:00:00Z');
    await createTask(t.handle.db, { due: '2025-09-24', leads: [mostId] });
    await createTask(t.handle.db, { due: '2025-09-18', leads: [mofId] });
    const deps = { db: t.handle.db, storage: createMemoryFileStorage(), clock };
    const first = await runReminderSweep(deps, { asOf: '2025-09-23' });
    expect(first.sent['due-soon']).toBeGreaterThanOrEqual(1);
    expect(first.sent['newly-overdue']).toBeGreaterThanOrEqual(1);
    expect(first.sent['not-reported']).toBeGreaterThanOrEqual(1);
    const count = async () =>
      (
        await queryRows<{ r: number; n: number }>(
          t.handle.db,
          sql`select (select count(*)::int from reminder_log) as r, (select count(*)::int from notifications) as n`,
        )
      )[0];
    const after1 = await count();
    const second = await runReminderSweep(deps, { asOf: '2025-09-23' });
    expect(second.sent).toEqual({ 'due-soon': 0, 'newly-overdue': 0, 'not-reported': 0 });
    expect(second.notifications).toBe(0);
    expect(await count()).toEqual(after1);
    // Over HTTP too (standing office only).
    expect((await call(users.reporter, 'POST', '/api/v1/reminders/sweep', { asOf: '2025-09-23' })).status).toBe(403);
    const viaApi = await call(users.office, 'POST', '/api/v1/reminders/sweep', { asOf: '2025-09-23' });
    expect(viaApi.body.notifications).toBe(0);
  });

  it('e-mails each agency once per sweep through SMTP (a local sink), with a Vietnamese subject', async () => {
    const sink = await startSmtpSink();
    try {
      clock.set('2025-10-20T03:00:00Z');
      await createTask(t.handle.db, { due: '2025-10-22', leads: [mostId] });
      const deps = {
        db: t.handle.db,
        storage: createMemoryFileStorage(),
        clock,
        mail: { smtpUrl: sink.url, from: 'tiendo@mst.gov.vn' },
        resolveRecipients: async (_db: Db, agencyIds: string[]) =>
          new Map(agencyIds.filter((id) => id === mostId).map((id) => [id, ['vanphong@most.gov.vn']])),
      };
      const first = await runReminderSweep(deps, { asOf: '2025-10-20', dueSoonDays: 5 });
      expect(first.emails).toEqual({ sent: 1, failed: 0 });
      expect(sink.messages).toHaveLength(1);
      const subject = decodeHeaderWords(mailHeadersOf(sink.messages[0]?.data ?? '').subject ?? '');
      expect(subject).toContain('[Tiến Độ]');
      expect(subject).toContain('nhiệm vụ sắp đến hạn trong 5 ngày tới');
      const emailed = await queryRows<{ n: number }>(
        t.handle.db,
        sql`select count(*)::int as n from reminder_log where emailed_at is not null`,
      );
      expect(emailed[0]?.n).toBeGreaterThan(0);
      const second = await runReminderSweep(deps, { asOf: '2025-10-20', dueSoonDays: 5 });
      expect(second.emails.sent).toBe(0);
      expect(sink.messages).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });
});
