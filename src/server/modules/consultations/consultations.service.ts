import type { Db, DbOrTx } from '@server/db/client';
import {
  agencies,
  appSettings,
  assignments,
  consultationComments,
  consultationConsultees,
  consultations,
  directives,
  notifications,
  taskHistory,
  tasks,
} from '@server/db/schema/index';
import { AppError } from '@server/lib/app-error';
import type { Clock } from '@server/lib/clock';
import type { FileStorage } from '@server/lib/file-storage';
import { newId, sha256Hex } from '@server/lib/ids';
import { type Actor, isStandingOffice } from '@server/lib/request-context';
import { recordAudit } from '@server/modules/audit/audit.service';
import { detectEvidenceType, EVIDENCE_MEDIA_TYPES, safeFileName } from '@server/modules/reporting/detect-evidence-type';
import type {
  CommentView,
  ConsultationAttachment,
  ConsultationDetail,
  DrafterAnswer,
  ProposedChange,
  ResponseInput,
  SendForComment,
} from '@shared/contracts/consultation-workflow';
import { businessDateOf } from '@shared/lib/vn-format';
import { foldText, normalizeText } from '@shared/lib/vn-text';
import { and, eq, inArray, max } from 'drizzle-orm';
import {
  type CommentRow,
  type ConsultationRow,
  type ConsulteeRow,
  findConsultation,
  listConsultationRows,
  selectComment,
  selectComments,
  selectCommentsForTask,
  selectConsultation,
  selectConsultees,
} from './consultations.repo';
import { buildSynthesis, type Synthesis } from './synthesis';

export type ConsultationDeps = { db: Db; clock: Clock; storage: FileStorage };

/** Largest attachment accepted on a comment (the server's multipart limit applies too). */
export const MAX_CONSULTATION_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Setting (app_settings) that refuses answers after the deadline. Default (absent or false): a late answer is
 * accepted and marked late, because a ministry's comment that arrives a day late is still worth reading.
 */
export const REFUSE_LATE_SETTING = 'consultation.refuseLateAnswers';

export const TASK_DELETED_MESSAGE = 'Nhiệm vụ đã bị xóa khỏi dự thảo';

const LOCALITY_KINDS = new Set(['province', 'commune', 'provincial-department']);

function assertDrafter(actor: Actor, consultation: ConsultationRow): void {
  if (!isStandingOffice(actor) && actor.agencyId !== consultation.drafterAgencyId) {
    throw new AppError('FORBIDDEN');
  }
}

async function requireConsultation(db: DbOrTx, id: string): Promise<ConsultationRow> {
  const row = await selectConsultation(db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

async function requireDirective(db: DbOrTx, id: string) {
  const [row] = await db.select().from(directives).where(eq(directives.id, id)).limit(1);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

const who = (actor: Actor) => ({ userId: actor.userId, agencyId: actor.agencyId, ip: actor.ip });

/**
 * Marks an imported directive as a draft (dự thảo) so that it can be sent for comment. Only the standing office; a
 * directive already under consultation or issued from one stays as it is (INVALID_TRANSITION).
 */
export async function markDirectiveDraft(deps: ConsultationDeps, actor: Actor, directiveId: string) {
  if (!isStandingOffice(actor)) {
    throw new AppError('FORBIDDEN');
  }
  return deps.db.transaction(async (tx) => {
    const directive = await requireDirective(tx, directiveId);
    const [open] = await tx
      .select({ id: consultations.id })
      .from(consultations)
      .where(eq(consultations.directiveId, directiveId))
      .limit(1);
    if (open) {
      throw new AppError('INVALID_TRANSITION', 'Văn bản đã được gửi lấy ý kiến.');
    }
    await tx
      .update(directives)
      .set({ status: 'draft', updatedAt: deps.clock.now() })
      .where(eq(directives.id, directiveId));
    await recordAudit(tx, who(actor), {
      action: 'directive.mark-draft',
      entityType: 'directive',
      entityId: directiveId,
      before: { status: directive.status },
      after: { status: 'draft' },
      at: deps.clock.now(),
    });
    return { id: directiveId, status: 'draft' };
  });
}

/**
 * Sends a draft directive for comment to the chosen agencies with a deadline: one consultation per draft, one
 * consultee per agency (grouped as ministries/agencies or localities for the synthesis), and an in-app notification
 * to each agency. The drafter is the caller's agency.
 */
export async function sendForComment(
  deps: ConsultationDeps,
  actor: Actor,
  directiveId: string,
  input: SendForComment,
): Promise<ConsultationDetail> {
  if (!isStandingOffice(actor)) {
    throw new AppError('FORBIDDEN');
  }
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const directive = await requireDirective(tx, directiveId);
    if (directive.status !== 'draft') {
      throw new AppError('INVALID_TRANSITION', 'Chỉ gửi lấy ý kiến đối với văn bản dự thảo.');
    }
    const key = `directive:${directiveId}`;
    const [existing] = await tx.select().from(consultations).where(eq(consultations.key, key)).limit(1);
    if (existing) {
      throw new AppError('INVALID_TRANSITION', 'Dự thảo đã được gửi lấy ý kiến.');
    }
    const agencyIds = [...new Set(input.agencyIds)];
    const rows = await tx.select().from(agencies).where(inArray(agencies.id, agencyIds));
    if (rows.length !== agencyIds.length) {
      throw new AppError('VALIDATION_FAILED', 'Có cơ quan không có trong danh mục.');
    }
    const [drafterAgency] = await tx.select().from(agencies).where(eq(agencies.id, actor.agencyId)).limit(1);
    const consultationId = newId();
    await tx.insert(consultations).values({
      id: consultationId,
      key,
      directiveId,
      title: input.title ?? `Lấy ý kiến: ${directive.title}`,
      drafter: drafterAgency?.name ?? null,
      drafterAgencyId: drafterAgency?.id ?? null,
      status: 'open',
      deadline: input.deadline,
      createdByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const counters = { ministries: 0, localities: 0 };
    for (const agencyId of agencyIds) {
      const agency = rows.find((r) => r.id === agencyId);
      if (!agency) {
        continue;
      }
      const group = LOCALITY_KINDS.has(agency.kind) ? 'localities' : 'ministries';
      counters[group] += 1;
      await tx.insert(consultationConsultees).values({
        id: newId(),
        consultationId,
        agencyId,
        agencyName: agency.name,
        agencyRaw: agency.name,
        groupKind: group,
        row: counters[group],
        rowLabel: group === 'localities' ? `${counters[group]}.` : String(counters[group]),
        stance: 'pending',
      });
      await tx.insert(notifications).values({
        id: newId(),
        agencyId,
        kind: 'consultation-request',
        title: 'Đề nghị góp ý dự thảo',
        body: `${directive.title} — hạn góp ý ${input.deadline}`,
        link: `/consultations/${consultationId}`,
      });
    }
    await recordAudit(tx, who(actor), {
      action: 'consultation.send',
      entityType: 'consultation',
      entityId: consultationId,
      after: { directiveId, agencyIds, deadline: input.deadline },
      at: now,
    });
    return consultationId;
  });
  return getConsultation(deps, actor, id);
}

/** Consultations the caller may see: all for the standing office, otherwise those it drafts or is consulted on. */
export async function listConsultations(deps: ConsultationDeps, actor: Actor) {
  const rows = await listConsultationRows(deps.db);
  const visible = isStandingOffice(actor) ? rows : await filterVisible(deps.db, actor, rows);
  return visible.map((c) => ({
    id: c.id,
    key: c.key,
    directiveId: c.directiveId,
    title: c.title,
    status: c.status,
    deadline: c.deadline,
  }));
}

async function filterVisible(db: DbOrTx, actor: Actor, rows: ConsultationRow[]): Promise<ConsultationRow[]> {
  const mine = await db
    .select({ id: consultationConsultees.consultationId })
    .from(consultationConsultees)
    .where(eq(consultationConsultees.agencyId, actor.agencyId));
  const ids = new Set(mine.map((m) => m.id));
  return rows.filter((c) => ids.has(c.id) || c.drafterAgencyId === actor.agencyId || c.status === 'imported');
}

function isLateNow(consultation: ConsultationRow, now: Date): boolean {
  return consultation.deadline !== null && businessDateOf(now) > consultation.deadline;
}

function commentView(c: CommentRow, consultees: ConsulteeRow[]): CommentView {
  const deleted = c.flag === 'task-deleted' || (c.taskId === null && c.taskLabel !== null);
  return {
    id: c.id,
    consulteeId: c.consulteeId,
    agencyName: consultees.find((k) => k.id === c.consulteeId)?.agencyName ?? '',
    point: c.point,
    text: c.text,
    stance: c.stance,
    taskId: c.taskId,
    taskLabel: c.taskLabel,
    taskRefs: c.taskRefs,
    proposal: (c.proposal as ProposedChange | null) ?? null,
    flag: deleted ? 'task-deleted' : c.flag,
    flagMessage: deleted ? TASK_DELETED_MESSAGE : null,
    late: c.late,
    attachments: c.attachments,
    answerText: c.answerText,
    answerStance: c.answerStance,
    answeredAt: c.answeredAt?.toISOString() ?? null,
    appliedAt: c.appliedAt?.toISOString() ?? null,
  };
}

/**
 * One consultation with its consultees, comments and answers, and the progress numbers (who answered, who is late,
 * how many comments are still unanswered). Consulted agencies see the whole table, as on paper.
 */
export async function getConsultation(deps: ConsultationDeps, actor: Actor, id: string): Promise<ConsultationDetail> {
  const consultation = await requireConsultation(deps.db, id);
  const consultees = await selectConsultees(deps.db, id);
  if (
    !isStandingOffice(actor) &&
    consultation.status !== 'imported' &&
    consultation.drafterAgencyId !== actor.agencyId &&
    !consultees.some((c) => c.agencyId === actor.agencyId)
  ) {
    throw new AppError('NOT_FOUND');
  }
  const comments = await selectComments(deps.db, id);
  const lateNow = isLateNow(consultation, deps.clock.now());
  const consulteeViews = consultees.map((c) => ({
    id: c.id,
    agencyId: c.agencyId,
    agencyName: c.agencyName,
    group: c.groupKind === 'localities' ? ('localities' as const) : ('ministries' as const),
    row: c.row,
    stance: c.stance,
    respondedAt: c.respondedAt?.toISOString() ?? null,
    late: c.late || (c.stance === 'pending' && lateNow),
    remindedOn: c.remindedOn,
  }));
  const substantive = comments.filter((c) => c.stance === 'comment');
  const countAnswers = (stance: string) =>
    substantive.reduce(
      (n, c) =>
        n +
        (c.answerParagraphs.length > 0
          ? c.answerParagraphs.filter((p) => p.stance === stance).length
          : c.answerStance === stance
            ? 1
            : 0),
      0,
    );
  return {
    id: consultation.id,
    key: consultation.key,
    directiveId: consultation.directiveId,
    title: consultation.title,
    drafter: consultation.drafter,
    status: consultation.status,
    deadline: consultation.deadline,
    consultees: consulteeViews,
    comments: comments.map((c) => commentView(c, consultees)),
    progress: {
      consultees: consultees.length,
      answered: consultees.filter((c) => c.stance !== 'pending').length,
      pending: consultees.filter((c) => c.stance === 'pending').length,
      late: consulteeViews.filter((c) => c.late).length,
      agree: consultees.filter((c) => c.stance === 'agree').length,
      commented: consultees.filter((c) => c.stance === 'comment').length,
      comments: substantive.length,
      answers: {
        accepted: countAnswers('accepted'),
        explained: countAnswers('explained'),
        noted: countAnswers('noted'),
      },
      unanswered: substantive.filter((c) => c.answerStance === 'none').length,
    },
  };
}

async function refuseLateAnswers(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, REFUSE_LATE_SETTING)).limit(1);
  return row?.value === true;
}

/**
 * A consulted agency answers: agree ("Nhất trí"), or comments, each on the whole draft, a section or a task, with an
 * optional proposed change. Bad input is kept, never dropped: a comment on a task that is no longer in the draft is
 * stored and flagged `task-deleted`; an answer after the deadline is stored and marked late (unless the
 * {@link REFUSE_LATE_SETTING} setting refuses it). A closed (issued) consultation takes no more answers.
 */
export async function submitResponse(
  deps: ConsultationDeps,
  actor: Actor,
  consultationId: string,
  input: ResponseInput,
): Promise<ConsultationDetail> {
  const agencyId = input.agencyId ?? actor.agencyId;
  if (agencyId !== actor.agencyId && !isStandingOffice(actor)) {
    throw new AppError('FORBIDDEN');
  }
  if (!input.agree && input.comments.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Cần chọn "Nhất trí" hoặc nhập ít nhất một ý kiến.');
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const consultation = await requireConsultation(tx, consultationId);
    if (consultation.status !== 'open') {
      throw new AppError('INVALID_TRANSITION', 'Đợt lấy ý kiến đã kết thúc.');
    }
    const [consultee] = await tx
      .select()
      .from(consultationConsultees)
      .where(
        and(eq(consultationConsultees.consultationId, consultationId), eq(consultationConsultees.agencyId, agencyId)),
      )
      .limit(1);
    if (!consultee) {
      throw new AppError('FORBIDDEN', 'Cơ quan không thuộc danh sách được lấy ý kiến.');
    }
    const late = isLateNow(consultation, now);
    if (late && (await refuseLateAnswers(tx))) {
      throw new AppError('INVALID_TRANSITION', `Đã quá hạn góp ý (${consultation.deadline}).`, {
        deadline: consultation.deadline,
      });
    }
    for (const comment of input.comments) {
      for (const a of comment.attachments) {
        if (!a.key.startsWith('consultations/') || !(await deps.storage.exists(a.key))) {
          throw new AppError('VALIDATION_FAILED', `Tệp đính kèm không tồn tại: ${a.fileName}`);
        }
      }
    }
    const taskIds = input.comments.flatMap((c) => (c.taskId ? [c.taskId] : []));
    const found =
      consultation.directiveId && taskIds.length > 0
        ? await tx
            .select({ id: tasks.id, label: tasks.label })
            .from(tasks)
            .where(and(eq(tasks.directiveId, consultation.directiveId), inArray(tasks.id, taskIds)))
        : [];
    const [last] = await tx
      .select({ point: max(consultationComments.point) })
      .from(consultationComments)
      .where(eq(consultationComments.consulteeId, consultee.id));
    let point = last?.point ?? 0;
    if (input.agree && input.comments.length === 0) {
      point += 1;
      await tx.insert(consultationComments).values({
        id: newId(),
        consultationId,
        consulteeId: consultee.id,
        point,
        text: 'Nhất trí',
        stance: 'agree',
        late,
        createdAt: now,
      });
    }
    for (const comment of input.comments) {
      point += 1;
      const task = comment.taskId ? found.find((t) => t.id === comment.taskId) : undefined;
      const deleted = comment.taskId !== undefined && !task;
      await tx.insert(consultationComments).values({
        id: newId(),
        consultationId,
        consulteeId: consultee.id,
        point,
        text: normalizeText(comment.text).trim(),
        stance: 'comment',
        taskId: task?.id ?? null,
        taskLabel: task
          ? (task.label ?? comment.taskLabel ?? null)
          : deleted
            ? (comment.taskLabel ?? comment.taskId ?? null)
            : null,
        sectionId: comment.sectionId ?? null,
        proposal: comment.proposal ?? null,
        flag: deleted ? 'task-deleted' : null,
        late,
        attachments: comment.attachments,
        createdAt: now,
      });
    }
    const stance = input.comments.length > 0 ? 'comment' : 'agree';
    await tx
      .update(consultationConsultees)
      .set({ stance: consultee.stance === 'comment' ? 'comment' : stance, respondedAt: now, late })
      .where(eq(consultationConsultees.id, consultee.id));
    await recordAudit(tx, who(actor), {
      action: 'consultation.respond',
      entityType: 'consultation',
      entityId: consultationId,
      after: { agencyId, agree: input.agree, comments: input.comments.length, late },
      at: now,
    });
  });
  return getConsultation(deps, actor, consultationId);
}

/** The drafter answers one comment: accepted (tiếp thu), explained (giải trình) or noted (ghi nhận), with text. */
export async function answerComment(
  deps: ConsultationDeps,
  actor: Actor,
  commentId: string,
  input: DrafterAnswer,
): Promise<CommentView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const comment = await selectComment(tx, commentId);
    if (!comment) {
      throw new AppError('NOT_FOUND');
    }
    const consultation = await requireConsultation(tx, comment.consultationId);
    assertDrafter(actor, consultation);
    const text = normalizeText(input.text).trim();
    await tx
      .update(consultationComments)
      .set({
        answerText: text,
        answerStance: input.stance,
        answerParagraphs: [{ text, stance: input.stance }],
        answeredAt: now,
      })
      .where(eq(consultationComments.id, commentId));
    await recordAudit(tx, who(actor), {
      action: 'consultation.answer',
      entityType: 'consultation_comment',
      entityId: commentId,
      before: { stance: comment.answerStance, text: comment.answerText },
      after: input,
      at: now,
    });
    const updated = (await selectComment(tx, commentId)) as CommentRow;
    return commentView(updated, await selectConsultees(tx, comment.consultationId));
  });
}

/**
 * Applies an accepted comment's proposed change to the draft in one step: new text, lead, coordinators, deadline,
 * deletion or a new task. The task's previous version goes to `task_history` (and the audit log); the comment keeps
 * the link to the task it shaped. Applying twice is refused.
 */
export async function applyProposal(deps: ConsultationDeps, actor: Actor, commentId: string): Promise<CommentView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const comment = await selectComment(tx, commentId);
    if (!comment) {
      throw new AppError('NOT_FOUND');
    }
    const consultation = await requireConsultation(tx, comment.consultationId);
    assertDrafter(actor, consultation);
    const proposal = comment.proposal as ProposedChange | null;
    if (!proposal) {
      throw new AppError('VALIDATION_FAILED', 'Ý kiến không có đề xuất thay đổi.');
    }
    if (comment.answerStance !== 'accepted') {
      throw new AppError('INVALID_TRANSITION', 'Chỉ áp dụng đề xuất đã được tiếp thu.');
    }
    if (comment.appliedAt) {
      throw new AppError('INVALID_TRANSITION', 'Đề xuất đã được áp dụng.');
    }
    if (consultation.status !== 'open' || !consultation.directiveId) {
      throw new AppError('INVALID_TRANSITION', 'Dự thảo không còn ở trạng thái lấy ý kiến.');
    }
    let taskId = comment.taskId;
    if (proposal.kind === 'add') {
      taskId = await addTask(tx, consultation.directiveId, proposal, now);
    } else {
      if (!taskId) {
        throw new AppError('INVALID_TRANSITION', `${TASK_DELETED_MESSAGE}: không áp dụng được đề xuất.`);
      }
      const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).limit(1);
      if (!task) {
        throw new AppError('INVALID_TRANSITION', TASK_DELETED_MESSAGE);
      }
      const { createdAt: _c, updatedAt: _u, ...before } = task;
      const current = await tx.select().from(assignments).where(eq(assignments.taskId, taskId));
      const snapshot = { ...before, assignments: current.filter((a) => a.isActive).map((a) => [a.agencyId, a.role]) };
      if (proposal.kind === 'delete') {
        await tx.delete(tasks).where(eq(tasks.id, taskId));
        await tx
          .update(consultationComments)
          .set({ flag: 'task-deleted' })
          .where(
            and(eq(consultationComments.taskId, taskId), eq(consultationComments.consultationId, consultation.id)),
          );
        taskId = null;
      } else {
        await tx.insert(taskHistory).values({
          id: newId(),
          taskId,
          version: task.version,
          before: snapshot,
          actorUserId: actor.userId,
          changedAt: now,
        });
        await applyToTask(tx, task.id, proposal, task.version, now);
      }
      await recordAudit(tx, who(actor), {
        action: 'consultation.apply',
        entityType: 'task',
        entityId: task.id,
        before: snapshot,
        after: { proposal, commentId },
        at: now,
      });
    }
    await tx
      .update(consultationComments)
      .set({ appliedAt: now, taskId, ...(proposal.kind === 'delete' ? { flag: 'task-deleted' } : {}) })
      .where(eq(consultationComments.id, commentId));
    const updated = (await selectComment(tx, commentId)) as CommentRow;
    return commentView(updated, await selectConsultees(tx, comment.consultationId));
  });
}

async function agencyName(tx: DbOrTx, id: string): Promise<string> {
  const [row] = await tx.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, id)).limit(1);
  if (!row) {
    throw new AppError('VALIDATION_FAILED', 'Cơ quan không có trong danh mục.');
  }
  return row.name;
}

async function setAssignments(tx: DbOrTx, taskId: string, role: 'lead' | 'coordinator', agencyIds: string[]) {
  await tx
    .update(assignments)
    .set({ isActive: false })
    .where(and(eq(assignments.taskId, taskId), eq(assignments.role, role)));
  for (const agencyId of agencyIds) {
    await tx
      .insert(assignments)
      .values({ id: newId(), taskId, agencyId, role, isActive: true })
      .onConflictDoUpdate({
        target: [assignments.taskId, assignments.agencyId, assignments.role],
        set: { isActive: true },
      });
  }
}

async function applyToTask(tx: DbOrTx, taskId: string, proposal: ProposedChange, version: number, now: Date) {
  const bump = { version: version + 1, updatedAt: now };
  switch (proposal.kind) {
    case 'text': {
      const text = normalizeText(proposal.text).trim();
      await tx
        .update(tasks)
        .set({ text, textFolded: foldText(text), ...bump })
        .where(eq(tasks.id, taskId));
      return;
    }
    case 'lead': {
      const name = await agencyName(tx, proposal.leadAgencyId);
      await setAssignments(tx, taskId, 'lead', [proposal.leadAgencyId]);
      await tx
        .update(tasks)
        .set({ leadText: name, ...bump })
        .where(eq(tasks.id, taskId));
      return;
    }
    case 'coordinators': {
      const names: string[] = [];
      for (const id of proposal.agencyIds) {
        names.push(await agencyName(tx, id));
      }
      await setAssignments(tx, taskId, 'coordinator', proposal.agencyIds);
      await tx
        .update(tasks)
        .set({ coordinatorsText: names.join('; '), ...bump })
        .where(eq(tasks.id, taskId));
      return;
    }
    case 'deadline': {
      // The raw wording is kept; the deadline engine re-reads it on the next evaluation.
      await tx
        .update(tasks)
        .set({ deadlineRaw: normalizeText(proposal.deadlineRaw).trim(), ...bump })
        .where(eq(tasks.id, taskId));
      return;
    }
    default:
      return;
  }
}

async function addTask(
  tx: DbOrTx,
  directiveId: string,
  proposal: Extract<ProposedChange, { kind: 'add' }>,
  now: Date,
): Promise<string> {
  const [directive] = await tx.select().from(directives).where(eq(directives.id, directiveId)).limit(1);
  const [last] = await tx
    .select({ position: max(tasks.position) })
    .from(tasks)
    .where(eq(tasks.directiveId, directiveId));
  const text = normalizeText(proposal.text).trim();
  const id = newId();
  const leadName = proposal.leadAgencyId ? await agencyName(tx, proposal.leadAgencyId) : null;
  await tx.insert(tasks).values({
    id,
    identityKey: `${directive?.stableKey ?? directiveId}|${foldText(text)}`,
    directiveId,
    position: (last?.position ?? 0) + 1,
    text,
    textFolded: foldText(text),
    leadText: leadName,
    deadlineRaw: proposal.deadlineRaw ?? null,
    provenance: { file: 'consultation' },
    createdAt: now,
    updatedAt: now,
  });
  if (proposal.leadAgencyId) {
    await setAssignments(tx, id, 'lead', [proposal.leadAgencyId]);
  }
  return id;
}

/**
 * Reminds the consulted agencies that have not answered by the deadline (in-app notification). Idempotent per
 * business day: an agency reminded today is not reminded again.
 */
export async function remindLate(deps: ConsultationDeps, actor: Actor, consultationId: string) {
  const now = deps.clock.now();
  const today = businessDateOf(now);
  return deps.db.transaction(async (tx) => {
    const consultation = await requireConsultation(tx, consultationId);
    assertDrafter(actor, consultation);
    if (consultation.status !== 'open' || !isLateNow(consultation, now)) {
      return { reminded: 0, agencies: [] as string[] };
    }
    const consultees = await selectConsultees(tx, consultationId);
    const due = consultees.filter((c) => c.stance === 'pending' && c.agencyId && c.remindedOn !== today);
    for (const c of due) {
      await tx.insert(notifications).values({
        id: newId(),
        agencyId: c.agencyId,
        kind: 'consultation-overdue',
        title: 'Nhắc góp ý dự thảo quá hạn',
        body: `${consultation.title} — hạn góp ý ${consultation.deadline} đã qua, chưa nhận được ý kiến.`,
        link: `/consultations/${consultationId}`,
      });
      await tx.update(consultationConsultees).set({ remindedOn: today }).where(eq(consultationConsultees.id, c.id));
    }
    return { reminded: due.length, agencies: due.map((c) => c.agencyName) };
  });
}

/**
 * Issues the draft: the directive becomes a normal (issued) directive and the consultation closes. The comments keep
 * their `taskId`, so each issued task still lists the comments that shaped it.
 */
export async function issueDraft(deps: ConsultationDeps, actor: Actor, consultationId: string) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const consultation = await requireConsultation(tx, consultationId);
    assertDrafter(actor, consultation);
    if (consultation.status !== 'open' || !consultation.directiveId) {
      throw new AppError('INVALID_TRANSITION', 'Đợt lấy ý kiến đã kết thúc.');
    }
    await tx
      .update(directives)
      .set({ status: 'issued', updatedAt: now })
      .where(eq(directives.id, consultation.directiveId));
    await tx
      .update(consultations)
      .set({ status: 'closed', updatedAt: now })
      .where(eq(consultations.id, consultationId));
    await recordAudit(tx, who(actor), {
      action: 'consultation.issue',
      entityType: 'directive',
      entityId: consultation.directiveId,
      before: { status: 'draft' },
      after: { status: 'issued' },
      at: now,
    });
  });
  return getConsultation(deps, actor, consultationId);
}

/** The comments that shaped a task (kept after the draft is issued). */
export async function commentsForTask(db: DbOrTx, taskId: string): Promise<CommentView[]> {
  const rows = await selectCommentsForTask(db, taskId);
  const out: CommentView[] = [];
  for (const row of rows) {
    out.push(commentView(row, await selectConsultees(db, row.consultationId)));
  }
  return out;
}

/**
 * Stores a file attached to a comment: larger than `maxBytes` is FILE_TOO_LARGE (nothing else of the answer is
 * touched: the answer is sent separately), the type is read from the bytes (PDF, DOCX, XLSX, PNG, JPEG).
 */
export async function uploadConsultationAttachment(
  deps: ConsultationDeps,
  actor: Actor,
  consultationId: string,
  file: { fileName: string; bytes: Buffer },
  maxBytes = MAX_CONSULTATION_ATTACHMENT_BYTES,
): Promise<ConsultationAttachment> {
  const consultation = await requireConsultation(deps.db, consultationId);
  const consultees = await selectConsultees(deps.db, consultationId);
  if (!isStandingOffice(actor) && !consultees.some((c) => c.agencyId === actor.agencyId)) {
    throw new AppError('FORBIDDEN');
  }
  if (consultation.status !== 'open') {
    throw new AppError('INVALID_TRANSITION', 'Đợt lấy ý kiến đã kết thúc.');
  }
  if (file.bytes.length > maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `Tệp đính kèm vượt quá ${Math.round(maxBytes / 1024 / 1024)} MB.`, {
      maxBytes,
    });
  }
  const type = detectEvidenceType(file.bytes);
  if (!type) {
    throw new AppError('UNSUPPORTED_FILE', 'Tệp đính kèm phải là PDF, Word (.docx), Excel (.xlsx) hoặc ảnh PNG/JPEG.');
  }
  const key = `consultations/${sha256Hex(file.bytes)}`;
  if (!(await deps.storage.exists(key))) {
    await deps.storage.put(key, file.bytes);
  }
  return {
    key,
    fileName: safeFileName(file.fileName, type),
    mediaType: EVIDENCE_MEDIA_TYPES[type],
    sizeBytes: file.bytes.length,
  };
}

/**
 * The synthesis table (layout of seed 000) of a consultation, found by id, key, directive stable key or, for an
 * imported table, its source file name.
 */
export async function consultationSynthesis(db: DbOrTx, ref: string): Promise<Synthesis> {
  const consultation = await findConsultation(db, ref);
  if (!consultation) {
    throw new AppError('NOT_FOUND', `Không tìm thấy đợt lấy ý kiến: ${ref}`);
  }
  const consultees = await selectConsultees(db, consultation.id);
  const comments = await selectComments(db, consultation.id);
  return buildSynthesis({
    title: consultation.title,
    drafter: consultation.drafter,
    sections: consultation.sections,
    consultees: consultees.map((c) => ({
      id: c.id,
      agencyRaw: c.agencyRaw,
      group: c.groupKind,
      row: c.row,
      rowLabel: c.rowLabel,
      stance: c.stance,
    })),
    comments: comments.map((c) => ({
      consulteeId: c.consulteeId,
      point: c.point,
      text: c.text,
      answerText: c.answerText,
      answerParagraphs: c.answerParagraphs,
    })),
  });
}
