import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@server/db/client';
import {
  appSettings,
  assignments,
  consultationComments,
  consultations,
  directives,
  taskHistory,
  tasks,
} from '@server/db/schema/index';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { newId } from '@server/lib/ids';
import { runImport } from '@server/modules/imports/imports.service';
import type { ConsultationDetail } from '@shared/contracts/consultation-workflow';
import { foldText } from '@shared/lib/vn-text';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUserAndLogin, type TestLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { and, count, eq } from 'drizzle-orm';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationSynthesis, REFUSE_LATE_SETTING } from './consultations.service';
import { synthesisToDocx } from './synthesis-export';

const SEED_000 = '000_f39aca9c9f0984c3.txt';
const seed000 = () => ({ fileName: SEED_000, bytes: fs.readFileSync(path.resolve('fixtures/seeds', SEED_000)) });

/** Tables of a .docx read back through mammoth: rows of cell texts (one entry per <p> inside a cell). */
async function docxTables(bytes: Buffer): Promise<string[][][][]> {
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
  const tables = [...html.matchAll(/<table>(.*?)<\/table>/gs)].map((m) => m[1] ?? '');
  return tables.map((t) =>
    [...t.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
      [...(row[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) =>
        [...(c[1] ?? '').matchAll(/<p>(.*?)<\/p>/gs)].map((p) => (p[1] ?? '').replace(/<[^>]+>/g, '')),
      ),
    ),
  );
}

async function insertDraft(db: Db, leadAgencyId: string) {
  const directiveId = newId();
  await db.insert(directives).values({
    id: directiveId,
    stableKey: `du-thao-${directiveId.slice(0, 8)}`,
    kind: 'ke-hoach',
    title: 'Dự thảo Kế hoạch hoạt động năm 2025',
    titleFolded: foldText('Dự thảo Kế hoạch hoạt động năm 2025'),
    status: 'issued',
  });
  const taskIds: string[] = [];
  for (const [i, text] of [
    'Xây dựng chương trình chuyên biệt về chuyển đổi số',
    'Hoàn thiện cơ sở dữ liệu',
  ].entries()) {
    const id = newId();
    taskIds.push(id);
    await db.insert(tasks).values({
      id,
      identityKey: `${directiveId}|${i}`,
      directiveId,
      position: i + 1,
      label: `III.${29 + i}`,
      text,
      textFolded: foldText(text),
      leadText: 'Bộ Khoa học và Công nghệ',
      deadlineRaw: 'Tháng 12/2025',
      provenance: { file: 'test' },
    });
    await db.insert(assignments).values({ id: newId(), taskId: id, agencyId: leadAgencyId, role: 'lead' });
  }
  return { directiveId, taskIds };
}

describe.skipIf(shouldSkipDbTests())('consultation on a draft', () => {
  let t: TestApp;
  let office: TestLogin;
  let police: TestLogin;
  let finance: TestLogin;
  let mostId: string;
  let cultureId: string;
  beforeAll(async () => {
    t = await buildTestApp({ config: { maxUploadBytes: 64 * 1024 } });
    mostId = await agencyIdByName(t.handle.db, 'Bộ Khoa học và Công nghệ');
    cultureId = await agencyIdByName(t.handle.db, 'Bộ Văn hóa, Thể thao và Du lịch');
    office = await createUserAndLogin(t.app, t.handle.db, { role: 'standing-office', agencyId: mostId });
    police = await createUserAndLogin(t.app, t.handle.db, {
      role: 'reporter',
      agencyId: await agencyIdByName(t.handle.db, 'Bộ Công an'),
    });
    finance = await createUserAndLogin(t.app, t.handle.db, {
      role: 'reporter',
      agencyId: await agencyIdByName(t.handle.db, 'Bộ Tài chính'),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('importing seed 000 stores its 55 consultees and 39 answers, once', async () => {
    const deps = { db: t.handle.db, storage: createMemoryFileStorage(), clock: fixedClock('2025-07-20T02:00:00Z') };
    await runImport(deps, [seed000()], { dryRun: false });
    await runImport(deps, [seed000()], { dryRun: false });
    const [n] = await t.handle.db
      .select({ n: count() })
      .from(consultations)
      .where(eq(consultations.status, 'imported'));
    expect(n?.n).toBe(1);
    const [stored] = await t.handle.db.select().from(consultations).where(eq(consultations.status, 'imported'));
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/consultations/${stored?.id}`,
      headers: police.headers,
    });
    expect(view.json<ConsultationDetail>().progress).toMatchObject({
      consultees: 55,
      agree: 32,
      commented: 22,
      answers: { accepted: 28, explained: 11, noted: 0 },
    });
    const synthesis = await consultationSynthesis(t.handle.db, SEED_000);
    expect(synthesis.sections.map((s) => s.rows.length)).toEqual([19, 36]);
    const answers = synthesis.sections.flatMap((s) => s.rows.flatMap((r) => r.answer));
    expect(answers).toHaveLength(39);
    expect(synthesis.sections[0]?.rows[0]).toMatchObject({
      tt: '1',
      agency: 'Thông tấn xã Việt Nam',
      comment: ['Nhất trí'],
    });
    expect(synthesis.sections[1]?.rows[18]?.agency).toBe('Sơn la');
    const stances = await t.handle.db.select().from(consultationComments);
    const paragraphs = stances.flatMap((c) => c.answerParagraphs);
    expect(paragraphs.filter((p) => p.stance === 'accepted')).toHaveLength(28);
    expect(paragraphs.filter((p) => p.stance === 'explained')).toHaveLength(11);

    const tables = await docxTables(await synthesisToDocx(synthesis));
    expect(tables).toHaveLength(2);
    expect(tables.map((rows) => rows.length)).toEqual([20, 37]);
    expect(tables[0]?.[0]?.map((c) => c.join(' '))).toEqual([
      'TT',
      'Bộ, ngành',
      'Nội dung góp ý',
      'Ý kiến tiếp thu/giải trình của Bộ Khoa học và Công nghệ',
    ]);
    expect(tables[1]?.[0]?.[1]).toEqual(['Tỉnh/thành phố']);
    const docAnswers = tables.flatMap((rows) => rows.slice(1).flatMap((r) => (r[3] ?? []).filter((p) => p !== '')));
    expect(docAnswers).toHaveLength(39);
  });

  it('runs the round: send → two agencies answer, one proposes a new lead → accept, apply → synthesis → issue', async () => {
    const { directiveId, taskIds } = await insertDraft(t.handle.db, mostId);
    const task = taskIds[0] as string;
    const draft = await t.app.inject({
      method: 'POST',
      url: `/api/v1/directives/${directiveId}/draft`,
      headers: office.headers,
    });
    expect(draft.statusCode).toBe(200);
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/directives/${directiveId}/consultation`,
      headers: office.headers,
      payload: { agencyIds: [police.user.agencyId, finance.user.agencyId], deadline: '2025-07-25' },
    });
    expect(sent.statusCode).toBe(201);
    const consultation = sent.json<ConsultationDetail>();
    expect(consultation.progress).toMatchObject({ consultees: 2, answered: 0, pending: 2, late: 0 });

    const agree = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${consultation.id}/responses`,
      headers: finance.headers,
      payload: { agree: true },
    });
    expect(agree.statusCode).toBe(200);
    const commented = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${consultation.id}/responses`,
      headers: police.headers,
      payload: {
        agree: false,
        comments: [
          {
            taskId: task,
            text: 'Đề nghị giao Bộ Văn hóa, Thể thao và Du lịch chủ trì nhiệm vụ số 29, mục III.',
            proposal: { kind: 'lead', leadAgencyId: cultureId },
          },
        ],
      },
    });
    expect(commented.statusCode).toBe(200);
    const after = commented.json<ConsultationDetail>();
    expect(after.progress).toMatchObject({
      answered: 2,
      pending: 0,
      agree: 1,
      commented: 1,
      comments: 1,
      unanswered: 1,
    });
    const comment = after.comments.find((c) => c.stance === 'comment');
    expect(comment?.taskLabel).toBe('III.29');

    // Another agency may not answer for the drafter.
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/comments/${comment?.id}/answer`,
      headers: police.headers,
      payload: { stance: 'accepted', text: 'Tiếp thu' },
    });
    expect(foreign.statusCode).toBe(403);
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/comments/${comment?.id}/answer`,
      headers: office.headers,
      payload: { stance: 'accepted', text: 'Tiếp thu, đã chỉnh sửa trong dự thảo Kế hoạch.' },
    });
    expect(answered.statusCode).toBe(200);
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/comments/${comment?.id}/apply`,
      headers: office.headers,
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().appliedAt).not.toBeNull();
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/comments/${comment?.id}/apply`,
      headers: office.headers,
    });
    expect(again.json().code).toBe('INVALID_TRANSITION');

    const [changed] = await t.handle.db.select().from(tasks).where(eq(tasks.id, task));
    expect(changed).toMatchObject({ leadText: 'Bộ Văn hóa, Thể thao và Du lịch', version: 2 });
    const leads = await t.handle.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.taskId, task), eq(assignments.role, 'lead'), eq(assignments.isActive, true)));
    expect(leads.map((a) => a.agencyId)).toEqual([cultureId]);
    const history = await t.handle.db.select().from(taskHistory).where(eq(taskHistory.taskId, task));
    expect(history).toHaveLength(1);
    expect(history[0]?.before).toMatchObject({ leadText: 'Bộ Khoa học và Công nghệ', version: 1 });

    const docx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/consultations/${consultation.id}/synthesis?format=docx`,
      headers: office.headers,
    });
    expect(docx.statusCode).toBe(200);
    const tables = await docxTables(docx.rawPayload);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.map((r) => r.length)).toEqual([4, 4, 4]);
    expect(tables[0]?.[1]?.[1]).toEqual(['Bộ Công an']);
    expect(tables[0]?.[1]?.[3]).toEqual(['Tiếp thu, đã chỉnh sửa trong dự thảo Kế hoạch.']);
    expect(tables[0]?.[2]?.[2]).toEqual(['Nhất trí']);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/consultations/${consultation.id}/synthesis?format=xlsx`,
      headers: office.headers,
    });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${consultation.id}/issue`,
      headers: office.headers,
    });
    expect(issued.json().status).toBe('closed');
    const [directive] = await t.handle.db.select().from(directives).where(eq(directives.id, directiveId));
    expect(directive?.status).toBe('issued');
    const links = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tasks/${task}/consultation-comments`,
      headers: police.headers,
    });
    expect(links.json().items.map((c: { agencyName: string }) => c.agencyName)).toEqual(['Bộ Công an']);
  });

  it('keeps a comment on a deleted task (flagged), marks a late answer, refuses an oversized attachment', async () => {
    const { directiveId, taskIds } = await insertDraft(t.handle.db, mostId);
    const doomed = taskIds[1] as string;
    await t.app.inject({ method: 'POST', url: `/api/v1/directives/${directiveId}/draft`, headers: office.headers });
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/directives/${directiveId}/consultation`,
      headers: office.headers,
      payload: { agencyIds: [police.user.agencyId, finance.user.agencyId], deadline: '2025-07-10' },
    });
    const id = sent.json<ConsultationDetail>().id;
    expect(sent.json<ConsultationDetail>().progress.late).toBe(2);

    // Bộ Tài chính proposes deleting the task; the drafter accepts and applies.
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/responses`,
      headers: finance.headers,
      payload: {
        agree: false,
        comments: [{ taskId: doomed, text: 'Nhiệm vụ đã hoàn thành, đề nghị bỏ.', proposal: { kind: 'delete' } }],
      },
    });
    const deleteComment = first.json<ConsultationDetail>().comments[0];
    expect(deleteComment?.late).toBe(true);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/comments/${deleteComment?.id}/answer`,
      headers: office.headers,
      payload: { stance: 'accepted', text: 'Tiếp thu. Đã lược bỏ nội dung này trong dự thảo Kế hoạch.' },
    });
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/comments/${deleteComment?.id}/apply`,
      headers: office.headers,
    });
    expect(applied.statusCode).toBe(200);
    expect(await t.handle.db.select().from(tasks).where(eq(tasks.id, doomed))).toHaveLength(0);

    // Reminders go to the one agency still silent, once a day.
    const remind = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/reminders`,
      headers: office.headers,
    });
    expect(remind.json()).toEqual({ reminded: 1, agencies: ['Bộ Công an'] });
    const remindAgain = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/reminders`,
      headers: office.headers,
    });
    expect(remindAgain.json().reminded).toBe(0);

    // Bộ Công an, late, comments on the task that is gone: kept and flagged.
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/responses`,
      headers: police.headers,
      payload: {
        agree: false,
        comments: [{ taskId: doomed, taskLabel: 'III.30', text: 'Đề nghị lùi thời hạn sang tháng 12/2026.' }],
      },
    });
    expect(late.statusCode).toBe(200);
    const detail = late.json<ConsultationDetail>();
    const flagged = detail.comments.filter((c) => c.flag === 'task-deleted');
    expect(flagged.map((c) => [c.agencyName, c.taskLabel, c.flagMessage])).toEqual([
      ['Bộ Tài chính', 'III.30', 'Nhiệm vụ đã bị xóa khỏi dự thảo'],
      ['Bộ Công an', 'III.30', 'Nhiệm vụ đã bị xóa khỏi dự thảo'],
    ]);
    expect(detail.consultees.every((c) => c.late)).toBe(true);

    // An attachment over the limit (64 KiB here): 413 FILE_TOO_LARGE, the answer already sent is untouched.
    const boundary = '----tiendo';
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(80 * 1024, 0x41)]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gop-y.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      big,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/attachments`,
      headers: { ...police.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(upload.statusCode).toBe(413);
    expect(upload.json().code).toBe('FILE_TOO_LARGE');
    const still = await t.app.inject({ method: 'GET', url: `/api/v1/consultations/${id}`, headers: police.headers });
    expect(still.json<ConsultationDetail>().comments).toHaveLength(2);

    // With the setting on, a late answer is refused with a clear message and nothing is stored.
    await t.handle.db.insert(appSettings).values({ key: REFUSE_LATE_SETTING, value: true });
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/responses`,
      headers: police.headers,
      payload: { agree: true },
    });
    expect([refused.statusCode, refused.json().code, refused.json().details]).toEqual([
      409,
      'INVALID_TRANSITION',
      { deadline: '2025-07-10' },
    ]);
    await t.handle.db.delete(appSettings).where(eq(appSettings.key, REFUSE_LATE_SETTING));
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/consultations/${id}`, headers: police.headers });
    expect(after.json<ConsultationDetail>().comments).toHaveLength(2);
  });
  it('applies new text, a new deadline, new coordinators and an added task, each with history', async () => {
    const { directiveId, taskIds } = await insertDraft(t.handle.db, mostId);
    const task = taskIds[0] as string;
    await t.app.inject({ method: 'POST', url: `/api/v1/directives/${directiveId}/draft`, headers: office.headers });
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/directives/${directiveId}/consultation`,
      headers: office.headers,
      payload: { agencyIds: [finance.user.agencyId], deadline: '2025-07-31' },
    });
    const id = sent.json<ConsultationDetail>().id;
    const proposals = [
      { kind: 'text', text: 'Xây dựng chương trình chuyên biệt về khoa học, công nghệ và chuyển đổi số' },
      { kind: 'deadline', deadlineRaw: 'Tháng 7/2025' },
      { kind: 'coordinators', agencyIds: [cultureId] },
      { kind: 'add', text: 'Bổ sung nhiệm vụ đo lường chỉ số đổi mới sáng tạo', leadAgencyId: finance.user.agencyId },
    ];
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/responses`,
      headers: finance.headers,
      payload: {
        agree: false,
        comments: proposals.map((proposal) => ({
          ...(proposal.kind === 'add' ? {} : { taskId: task }),
          text: `Đề xuất: ${proposal.kind}`,
          proposal,
        })),
      },
    });
    const comments = res.json<ConsultationDetail>().comments;
    expect(comments.map((c) => c.point)).toEqual([1, 2, 3, 4]);
    for (const c of comments) {
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/consultations/comments/${c.id}/answer`,
        headers: office.headers,
        payload: { stance: 'accepted', text: 'Tiếp thu' },
      });
      const applied = await t.app.inject({
        method: 'POST',
        url: `/api/v1/consultations/comments/${c.id}/apply`,
        headers: office.headers,
      });
      expect(applied.statusCode).toBe(200);
    }
    const [changed] = await t.handle.db.select().from(tasks).where(eq(tasks.id, task));
    expect(changed).toMatchObject({
      text: 'Xây dựng chương trình chuyên biệt về khoa học, công nghệ và chuyển đổi số',
      deadlineRaw: 'Tháng 7/2025',
      coordinatorsText: 'Bộ Văn hóa, Thể thao và Du lịch',
      version: 4,
    });
    const history = await t.handle.db.select().from(taskHistory).where(eq(taskHistory.taskId, task));
    expect(history.map((h) => h.version).sort()).toEqual([1, 2, 3]);
    const all = await t.handle.db.select().from(tasks).where(eq(tasks.directiveId, directiveId));
    const added = all.find((x) => x.text.startsWith('Bổ sung nhiệm vụ'));
    expect(added).toMatchObject({ leadText: 'Bộ Tài chính', position: 3 });
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/consultations/${id}`, headers: office.headers });
    expect(after.json<ConsultationDetail>().comments[3]?.taskId).toBe(added?.id);
    expect(after.json<ConsultationDetail>().progress.answers).toEqual({ accepted: 4, explained: 0, noted: 0 });
  });
});
