import type { Db, DbOrTx } from '@server/db/client';
import type { FeedbackAttachment } from '@server/db/schema/feedback';
import { agencies, appSettings, directives, feedbackItems, notifications, tasks } from '@server/db/schema/index';
import { AppError } from '@server/lib/app-error';
import type { Clock } from '@server/lib/clock';
import type { FileStorage } from '@server/lib/file-storage';
import { newId, sha256Hex } from '@server/lib/ids';
import { type Actor, assertActsFor, canReadAllAgencies, isStandingOffice } from '@server/lib/request-context';
import { recordAudit } from '@server/modules/audit/audit.service';
import { detectEvidenceType, EVIDENCE_MEDIA_TYPES, safeFileName } from '@server/modules/reporting/detect-evidence-type';
import type { FeedbackCounts, FeedbackCreate, FeedbackItem, PublicFeedback } from '@shared/contracts/feedback';
import { businessDateOf } from '@shared/lib/vn-format';
import { normalizeText } from '@shared/lib/vn-text';
import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { judgeSubmission } from './spam-guard';

export type FeedbackDeps = { db: Db; clock: Clock; storage: FileStorage };

type FeedbackRow = typeof feedbackItems.$inferSelect;

/** app_settings key: `true` opens `POST /api/v1/public/feedback` to people without an account. */
export const PUBLIC_FEEDBACK_SETTING = 'feedback.publicEnabled';

/** Largest attachment on a feedback item. */
export const MAX_FEEDBACK_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const ATTACHMENT_PREFIX = 'feedback/';

function toItem(row: FeedbackRow, today: string): FeedbackItem {
  return {
    id: row.id,
    kind: row.kind as FeedbackItem['kind'],
    title: row.title,
    text: row.text,
    source: row.source === 'public' ? 'public' : 'account',
    submitterUserId: row.submitterUserId,
    submitterAgencyId: row.submitterAgencyId,
    directiveId: row.directiveId,
    taskId: row.taskId,
    attachments: row.attachments.map((a) => ({
      key: a.storageKey,
      fileName: a.fileName,
      mediaType: a.mediaType,
      sizeBytes: a.sizeBytes,
    })),
    status: row.status as FeedbackItem['status'],
    routedAgencyId: row.routedAgencyId,
    dueOn: row.dueOn,
    overdue: isOverdue(row, today),
    answerText: row.answerText,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Overdue for handling: routed with a deadline that has passed (business day, Asia/Ho_Chi_Minh) and not answered. */
export function isOverdue(row: { status: string; dueOn: string | null }, today: string): boolean {
  return row.status === 'routed' && row.dueOn !== null && row.dueOn < today;
}

const who = (actor: Actor) => ({ userId: actor.userId, agencyId: actor.agencyId, ip: actor.ip });

async function requireItem(db: DbOrTx, id: string): Promise<FeedbackRow> {
  const [row] = await db.select().from(feedbackItems).where(eq(feedbackItems.id, id)).limit(1);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

function canSee(actor: Actor, row: FeedbackRow): boolean {
  return (
    canReadAllAgencies(actor) ||
    row.submitterUserId === actor.userId ||
    (row.routedAgencyId !== null && row.routedAgencyId === actor.agencyId)
  );
}

/**
 * Stores an attachment for a feedback item before it is submitted. The type is read from the bytes (PDF, DOCX, XLSX,
 * PNG, JPEG), never from the name; larger than `maxBytes` is FILE_TOO_LARGE.
 */
export async function uploadFeedbackAttachment(
  deps: FeedbackDeps,
  file: { fileName: string; bytes: Buffer },
  maxBytes = MAX_FEEDBACK_ATTACHMENT_BYTES,
) {
  if (file.bytes.length > maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `Tệp đính kèm vượt quá ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  }
  const type = detectEvidenceType(file.bytes);
  if (!type) {
    throw new AppError('UNSUPPORTED_FILE', 'Tệp đính kèm phải là PDF, Word (.docx), Excel (.xlsx) hoặc ảnh PNG/JPEG.');
  }
  const key = `${ATTACHMENT_PREFIX}${sha256Hex(file.bytes)}`;
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
 * Anyone with an account submits a feedback item (phản ánh, kiến nghị, sáng kiến, giải pháp), optionally about a
 * directive or task, with attachments uploaded beforehand. It waits for the standing office to route it.
 */
export async function submitFeedback(deps: FeedbackDeps, actor: Actor, input: FeedbackCreate): Promise<FeedbackItem> {
  const now = deps.clock.now();
  const attachments: FeedbackAttachment[] = [];
  for (const a of input.attachments) {
    if (!a.key.startsWith(ATTACHMENT_PREFIX) || !(await deps.storage.exists(a.key))) {
      throw new AppError('VALIDATION_FAILED', `Tệp đính kèm không tồn tại: ${a.fileName}`);
    }
    attachments.push({ fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, storageKey: a.key });
  }
  return deps.db.transaction(async (tx) => {
    if (input.directiveId) {
      const [d] = await tx.select({ id: directives.id }).from(directives).where(eq(directives.id, input.directiveId));
      if (!d) {
        throw new AppError('VALIDATION_FAILED', 'Văn bản liên quan không tồn tại.');
      }
    }
    if (input.taskId) {
      const [t] = await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, input.taskId));
      if (!t) {
        throw new AppError('VALIDATION_FAILED', 'Nhiệm vụ liên quan không tồn tại.');
      }
    }
    const [row] = await tx
      .insert(feedbackItems)
      .values({
        id: newId(),
        kind: input.kind,
        title: normalizeText(input.title).trim(),
        text: normalizeText(input.text).trim(),
        submitterUserId: actor.userId,
        submitterAgencyId: actor.agencyId,
        source: 'account',
        directiveId: input.directiveId ?? null,
        taskId: input.taskId ?? null,
        attachments,
        createdAt: now,
      })
      .returning();
    const item = row as FeedbackRow;
    await recordAudit(tx, who(actor), {
      action: 'feedback.submit',
      entityType: 'feedback',
      entityId: item.id,
      after: { kind: item.kind, title: item.title },
      at: now,
    });
    return toItem(item, businessDateOf(now));
  });
}

async function publicFeedbackEnabled(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, PUBLIC_FEEDBACK_SETTING)).limit(1);
  return row?.value === true;
}

/**
 * The public form: only when {@link PUBLIC_FEEDBACK_SETTING} is on (otherwise NOT_FOUND, as if it did not exist).
 * The spam guard (honeypot, fill time, link count) refuses with VALIDATION_FAILED and `details.reason`; the route is
 * rate-limited per IP. Returns only the receipt id: the public cannot read items back.
 */
export async function submitPublicFeedback(
  deps: FeedbackDeps,
  input: PublicFeedback,
  ip: string | null,
): Promise<{ id: string }> {
  if (!(await publicFeedbackEnabled(deps.db))) {
    throw new AppError('NOT_FOUND');
  }
  const verdict = judgeSubmission(input);
  if (!verdict.ok) {
    throw new AppError('VALIDATION_FAILED', 'Không gửi được phản ánh: nội dung bị nghi là thư rác.', {
      reason: verdict.reason,
    });
  }
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await tx.insert(feedbackItems).values({
      id,
      kind: input.kind,
      title: normalizeText(input.title).trim(),
      text: normalizeText(input.text).trim(),
      submitterName: input.name ? normalizeText(input.name).trim() : null,
      submitterContact: input.contact ?? null,
      source: 'public',
      createdAt: now,
    });
    await recordAudit(
      tx,
      { userId: null, agencyId: null, ip },
      {
        action: 'feedback.submit-public',
        entityType: 'feedback',
        entityId: id,
        at: now,
      },
    );
  });
  return { id };
}

/** The standing office routes an item to the responsible agency with a handling deadline; the agency is notified. */
export async function routeFeedback(
  deps: FeedbackDeps,
  actor: Actor,
  id: string,
  input: { agencyId: string; dueOn: string },
): Promise<FeedbackItem> {
  if (!isStandingOffice(actor)) {
    throw new AppError('FORBIDDEN');
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await requireItem(tx, id);
    if (row.status === 'answered') {
      throw new AppError('INVALID_TRANSITION', 'Phản ánh, kiến nghị đã được trả lời.');
    }
    const [agency] = await tx.select().from(agencies).where(eq(agencies.id, input.agencyId)).limit(1);
    if (!agency) {
      throw new AppError('VALIDATION_FAILED', 'Cơ quan không có trong danh mục.');
    }
    const [updated] = await tx
      .update(feedbackItems)
      .set({ status: 'routed', routedAgencyId: agency.id, dueOn: input.dueOn, routedAt: now })
      .where(eq(feedbackItems.id, id))
      .returning();
    await tx.insert(notifications).values({
      id: newId(),
      agencyId: agency.id,
      kind: 'feedback-routed',
      title: 'Phản ánh, kiến nghị cần xử lý',
      body: `${row.title} — hạn xử lý ${input.dueOn}`,
      link: `/feedback/${id}`,
    });
    await recordAudit(tx, who(actor), {
      action: 'feedback.route',
      entityType: 'feedback',
      entityId: id,
      before: { status: row.status, routedAgencyId: row.routedAgencyId, dueOn: row.dueOn },
      after: input,
      at: now,
    });
    return toItem(updated as FeedbackRow, businessDateOf(now));
  });
}

/** The agency the item was routed to answers it; the submitter (with an account) is notified and sees the answer. */
export async function answerFeedback(
  deps: FeedbackDeps,
  actor: Actor,
  id: string,
  input: { text: string },
): Promise<FeedbackItem> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await requireItem(tx, id);
    if (row.status !== 'routed' || !row.routedAgencyId) {
      throw new AppError('INVALID_TRANSITION', 'Phản ánh, kiến nghị chưa được chuyển cho cơ quan xử lý.');
    }
    assertActsFor(actor, row.routedAgencyId);
    const [updated] = await tx
      .update(feedbackItems)
      .set({ status: 'answered', answerText: normalizeText(input.text).trim(), answeredAt: now })
      .where(eq(feedbackItems.id, id))
      .returning();
    if (row.submitterUserId) {
      await tx.insert(notifications).values({
        id: newId(),
        userId: row.submitterUserId,
        agencyId: row.submitterAgencyId,
        kind: 'feedback-answered',
        title: 'Phản ánh, kiến nghị đã được trả lời',
        body: row.title,
        link: `/feedback/${id}`,
      });
    }
    await recordAudit(tx, who(actor), {
      action: 'feedback.answer',
      entityType: 'feedback',
      entityId: id,
      after: { text: input.text },
      at: now,
    });
    return toItem(updated as FeedbackRow, businessDateOf(now));
  });
}

/** One item, for the submitter, the agency it was routed to, or readers of all agencies. */
export async function getFeedback(deps: FeedbackDeps, actor: Actor, id: string): Promise<FeedbackItem> {
  const row = await requireItem(deps.db, id);
  if (!canSee(actor, row)) {
    throw new AppError('NOT_FOUND');
  }
  return toItem(row, businessDateOf(deps.clock.now()));
}

/**
 * Items visible to the caller, newest first; `overdue` keeps those routed and past their handling deadline (the
 * early-warning views read this).
 */
export async function listFeedback(
  deps: FeedbackDeps,
  actor: Actor,
  query: { overdue?: boolean; status?: string | undefined },
): Promise<FeedbackItem[]> {
  const today = businessDateOf(deps.clock.now());
  const conditions: SQL[] = [];
  if (!canReadAllAgencies(actor)) {
    const scope = or(eq(feedbackItems.submitterUserId, actor.userId), eq(feedbackItems.routedAgencyId, actor.agencyId));
    if (scope) {
      conditions.push(scope);
    }
  }
  if (query.status) {
    conditions.push(eq(feedbackItems.status, query.status));
  }
  if (query.overdue) {
    conditions.push(eq(feedbackItems.status, 'routed'), lt(feedbackItems.dueOn, today));
  }
  const rows = await deps.db
    .select()
    .from(feedbackItems)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(feedbackItems.createdAt));
  return rows.map((r) => toItem(r, today));
}

/**
 * Counts for the monthly report (month = "YYYY-MM", business time Asia/Ho_Chi_Minh): items received in the month by
 * kind, answered in the month, and overdue for handling at the end of the month (or today, if earlier).
 */
export async function feedbackCounts(db: DbOrTx, month: string, today?: string): Promise<FeedbackCounts> {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(`${month}-01T00:00:00+07:00`);
  const nextMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const end = new Date(`${nextMonth}-01T00:00:00+07:00`);
  const received = await db
    .select()
    .from(feedbackItems)
    .where(and(gte(feedbackItems.createdAt, start), lt(feedbackItems.createdAt, end)));
  const answered = await db
    .select({ id: feedbackItems.id })
    .from(feedbackItems)
    .where(and(gte(feedbackItems.answeredAt, start), lt(feedbackItems.answeredAt, end)));
  const lastDay = businessDateOf(new Date(end.getTime() - 1));
  const cutoff = today && today < lastDay ? today : lastDay;
  const open = await db.select().from(feedbackItems).where(eq(feedbackItems.status, 'routed'));
  const byKind: Record<string, number> = { reflection: 0, petition: 0, initiative: 0, solution: 0 };
  for (const r of received) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  }
  return {
    month,
    received: received.length,
    byKind,
    answered: answered.length,
    overdue: open.filter((r) => r.dueOn !== null && r.dueOn < cutoff && r.createdAt < end).length,
  };
}
