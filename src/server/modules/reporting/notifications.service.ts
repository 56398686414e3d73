import { type DbOrTx, queryRows } from '@server/db/client';
import type { Actor } from '@server/lib/request-context';
import type { Notification } from '@shared/contracts/reporting';
import { sql } from 'drizzle-orm';
import {
  countUnreadNotifications,
  listNotificationRows,
  markNotificationsRead,
  type NotificationRow,
} from './reporting.repo';
import type { ReportingDeps } from './reporting.service';

function toDto(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/** The actor's notification centre: its agency's and its own notifications, newest first, with the unread count. */
export async function listNotifications(
  deps: ReportingDeps,
  actor: Actor,
  query: { unreadOnly?: boolean | undefined; limit?: number | undefined },
): Promise<{ items: Notification[]; unread: number }> {
  const [rows, unread] = await Promise.all([
    listNotificationRows(deps.db, {
      agencyId: actor.agencyId,
      userId: actor.userId,
      unreadOnly: query.unreadOnly ?? false,
      limit: Math.min(query.limit ?? 50, 200),
    }),
    countUnreadNotifications(deps.db, actor.agencyId, actor.userId),
  ]);
  return { items: rows.map(toDto), unread };
}

/** Marks the given notifications (or all of them, `ids` null) read for the actor's agency; returns how many changed. */
export async function markRead(deps: ReportingDeps, actor: Actor, ids: string[] | null): Promise<number> {
  return markNotificationsRead(deps.db, { agencyId: actor.agencyId, userId: actor.userId, ids }, deps.clock.now());
}

/** Who receives reminder e-mail for an agency: its active users with an e-mail address. */
export type RecipientResolver = (db: DbOrTx, agencyIds: string[]) => Promise<Map<string, string[]>>;

/** Default resolver: the e-mail addresses of the agency's active users; agencies without one stay in-app only. */
export const usersEmailResolver: RecipientResolver = async (db, agencyIds) => {
  const out = new Map<string, string[]>();
  if (agencyIds.length === 0) {
    return out;
  }
  const rows = await queryRows<{ agency_id: string; email: string }>(
    db,
    sql`select agency_id, email from users where active and email is not null and agency_id in (${sql.join(
      agencyIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  for (const r of rows) {
    out.set(r.agency_id, [...(out.get(r.agency_id) ?? []), r.email]);
  }
  return out;
};
