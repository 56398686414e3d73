import { newId } from '@server/lib/ids';
import { type MailMessage, type SmtpOptions, sendMail } from '@server/lib/smtp-client';
import { type RecipientResolver, usersEmailResolver } from '@server/modules/reporting/notifications.service';
import {
  claimNotReportedReminders,
  claimReminders,
  insertNotificationsBatch,
  markRemindersEmailed,
  selectTaskTexts,
} from '@server/modules/reporting/reporting.repo';
import { owedFilter, type ReportingDeps } from '@server/modules/reporting/reporting.service';
import { listLeadStatuses } from '@server/modules/status/status.service';
import { addDaysIso } from '@shared/lib/calendar';
import { businessDateOf, formatIsoDate } from '@shared/lib/vn-format';

/**
 * Early warning (issue #5): one sweep finds
 * - `due-soon`: lead assignments not complete whose (possibly extended) deadline falls within the next N days;
 * - `newly-overdue`: lead assignments that became overdue within the last M days;
 * - `not-reported`: assignments owed a report this period with nothing submitted, from K days before the due day;
 * and tells each agency once per (assignment, rule, period): the `reminder_log` unique key is claimed inside the same
 * transaction as the notification, so running the sweep again, after a crash or on two servers at once, sends
 * nothing twice. E-mail (when SMTP is configured) goes out after the commit, one message per agency per sweep.
 */

export const ReminderRule = {
  dueSoon: 'due-soon',
  newlyOverdue: 'newly-overdue',
  notReported: 'not-reported',
} as const;
export type ReminderRule = (typeof ReminderRule)[keyof typeof ReminderRule];

export type ReminderSweepDeps = ReportingDeps & {
  mail?: { smtpUrl: string | undefined; from: string } | undefined;
  resolveRecipients?: RecipientResolver;
  /** Injected in tests that do not want a socket; defaults to the SMTP client. */
  send?: (options: SmtpOptions, message: MailMessage) => Promise<void>;
};

export type ReminderSweepOptions = {
  asOf?: string;
  dueSoonDays?: number;
  overdueLookbackDays?: number;
  notReportedDaysBefore?: number;
};

export type ReminderSweepResult = {
  asOf: string;
  period: string;
  candidates: Record<ReminderRule, number>;
  sent: Record<ReminderRule, number>;
  notifications: number;
  agencies: number;
  emails: { sent: number; failed: number };
};

type Candidate = {
  assignmentId: string;
  agencyId: string;
  taskId: string;
  rule: ReminderRule;
  period: string;
  due: string | null;
};

const TITLES: Record<ReminderRule, (n: number, days: number) => string> = {
  'due-soon': (n, days) => `${n} nhiệm vụ sắp đến hạn trong ${days} ngày tới`,
  'newly-overdue': (n) => `${n} nhiệm vụ vừa quá hạn`,
  'not-reported': (n) => `Chưa gửi báo cáo kỳ này cho ${n} nhiệm vụ`,
};

type Notice = { id: string; agencyId: string; rule: ReminderRule; period: string; count: number; lines: string[] };

/** Runs one reminder sweep as of `asOf` (default: today in Asia/Ho_Chi_Minh). Idempotent; see the module comment. */
export async function runReminderSweep(
  deps: ReminderSweepDeps,
  options: ReminderSweepOptions = {},
): Promise<ReminderSweepResult> {
  const now = deps.clock.now();
  const asOf = options.asOf ?? businessDateOf(now);
  const period = asOf.slice(0, 7);
  const dueSoonDays = options.dueSoonDays ?? 7;
  const lookback = options.overdueLookbackDays ?? 7;
  const notReportedBefore = options.notReportedDaysBefore ?? 3;
  const soonLimit = addDaysIso(asOf, dueSoonDays);
  const overdueFrom = addDaysIso(asOf, -lookback);

  const leads = await listLeadStatuses({ db: deps.db, storage: deps.storage }, {}, asOf, 'open-with-due-between', {
    from: overdueFrom,
    to: soonLimit,
  });
  const candidates: Candidate[] = [];
  for (const lead of leads) {
    const due = lead.effectiveDue;
    if (!due) {
      continue;
    }
    if (lead.category === 'inProgress' && due >= asOf) {
      candidates.push({
        assignmentId: lead.assignmentId,
        agencyId: lead.agencyId,
        taskId: lead.taskId,
        rule: 'due-soon',
        period,
        due,
      });
    } else if (lead.category === 'overdue') {
      // Keyed by the deadline's month: an extended deadline that is missed again is a new event.
      candidates.push({
        assignmentId: lead.assignmentId,
        agencyId: lead.agencyId,
        taskId: lead.taskId,
        rule: 'newly-overdue',
        period: due.slice(0, 7),
        due,
      });
    }
  }
  const owed = await owedFilter(deps, period, asOf, null);
  // Notification ids are fixed before claiming, so that each reminder row is written once, already linked.
  const notificationIds = new Map<string, string>();
  const noticeKey = (c: { agencyId: string; rule: string; period: string }) => `${c.agencyId}|${c.rule}|${c.period}`;
  const withIds = candidates.map((c) => {
    const key = noticeKey(c);
    const notificationId = notificationIds.get(key) ?? newId();
    notificationIds.set(key, notificationId);
    return { ...c, id: newId(), notificationId, at: now };
  });
  const texts = await selectTaskTexts(deps.db, [...new Set(candidates.map((c) => c.taskId))]);
  const line = (taskId: string, due: string | null) =>
    `• ${(texts.get(taskId) ?? '').slice(0, 160)}${due ? ` (hạn ${formatIsoDate(due)})` : ''}`;
  const sent: Record<ReminderRule, number> = { 'due-soon': 0, 'newly-overdue': 0, 'not-reported': 0 };
  const notices: Notice[] = [];
  let notReportedCandidates = 0;

  const notificationRows = await deps.db.transaction(async (tx) => {
    const claimed = await claimReminders(tx, withIds);
    const grouped = new Map<string, Notice>();
    for (const c of withIds) {
      if (!claimed.has(c.id)) {
        continue;
      }
      sent[c.rule]++;
      const key = noticeKey(c);
      const notice = grouped.get(key) ?? {
        id: c.notificationId,
        agencyId: c.agencyId,
        rule: c.rule,
        period: c.period,
        count: 0,
        lines: [],
      };
      notice.count++;
      if (notice.lines.length < 10) {
        notice.lines.push(line(c.taskId, c.due));
      }
      grouped.set(key, notice);
    }
    const notReported = await claimNotReportedReminders(tx, {
      ...owed,
      asOf,
      daysBefore: notReportedBefore,
      at: now,
      sweepId: newId(),
    });
    const moreTexts = await selectTaskTexts(tx, [...new Set(notReported.flatMap((r) => r.task_ids))]);
    for (const r of notReported) {
      sent['not-reported'] += r.n;
      notReportedCandidates += r.n;
      grouped.set(`${r.agency_id}|not-reported|${period}`, {
        id: r.notification_id,
        agencyId: r.agency_id,
        rule: 'not-reported',
        period,
        count: r.n,
        lines: r.task_ids.map((id) => `• ${(moreTexts.get(id) ?? '').slice(0, 160)}`),
      });
    }
    const rows = [...grouped.values()].map((n) => ({
      id: n.id,
      agencyId: n.agencyId,
      kind: n.rule,
      title: TITLES[n.rule](n.count, dueSoonDays),
      body: [...n.lines, ...(n.count > n.lines.length ? [`… và ${n.count - n.lines.length} nhiệm vụ khác`] : [])].join(
        '\n',
      ),
      link: n.rule === 'not-reported' ? '/reporting/my-obligations' : '/status',
      createdAt: now,
      updatedAt: now,
    }));
    await insertNotificationsBatch(tx, rows);
    notices.push(...grouped.values());
    return rows;
  });

  const emails = { sent: 0, failed: 0 };
  const smtpUrl = deps.mail?.smtpUrl;
  const agencies = [...new Set(notificationRows.map((n) => n.agencyId))];
  if (smtpUrl && agencies.length > 0) {
    const recipients = await (deps.resolveRecipients ?? usersEmailResolver)(deps.db, agencies);
    const send = deps.send ?? sendMail;
    for (const [agencyId, to] of recipients) {
      const mine = notificationRows.filter((n) => n.agencyId === agencyId);
      if (to.length === 0 || mine.length === 0) {
        continue;
      }
      try {
        await send(
          { url: smtpUrl },
          {
            from: deps.mail?.from ?? 'tiendo@localhost',
            to,
            subject: `[Tiến Độ] ${mine.map((n) => n.title).join('; ')}`,
            text: mine.map((n) => `${n.title}\n${n.body}`).join('\n\n'),
          },
        );
        emails.sent++;
        await markRemindersEmailed(
          deps.db,
          mine.map((n) => n.id),
          deps.clock.now(),
        );
      } catch {
        emails.failed++;
      }
    }
  }

  const count = (rule: ReminderRule) => candidates.filter((c) => c.rule === rule).length;
  return {
    asOf,
    period,
    candidates: {
      'due-soon': count('due-soon'),
      'newly-overdue': count('newly-overdue'),
      'not-reported': notReportedCandidates,
    },
    sent,
    notifications: notificationRows.length,
    agencies: new Set(notices.map((n) => n.agencyId)).size,
    emails,
  };
}
