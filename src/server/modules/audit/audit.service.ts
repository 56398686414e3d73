import type { DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import type { Actor } from '@server/lib/request-context';
import { isStandingOffice } from '@server/lib/request-context';
import type { AuditEntry, AuditListQuery, AuditPage } from '@shared/contracts/audit';
import { addDaysIso } from '@shared/lib/calendar';
import { type AuditFilter, insertAuditRow, selectAuditPage } from './audit.repo';

/** Who did it: a signed-in actor, or (for sign-in attempts) whoever was at `ip`. */
export type AuditWho = Pick<Actor, 'userId' | 'agencyId' | 'ip'> | { userId: null; agencyId: null; ip: string | null };

export type AuditEntryInput = {
  /** Dotted verb: `auth.login`, `user.update`, `import.apply`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  /** The service's clock (tests fix it); defaults to the database's now(). */
  at?: Date;
};

/**
 * Appends one row to the audit log, inside the caller's transaction so that the change and its record commit
 * or roll back together. The log is append-only: no service or route updates or deletes audit rows.
 */
export async function recordAudit(tx: DbOrTx, who: AuditWho | null, entry: AuditEntryInput): Promise<void> {
  await insertAuditRow(tx, {
    ...(entry.at ? { at: entry.at } : {}),
    actorUserId: who?.userId ?? null,
    actorAgencyId: who?.agencyId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: who?.ip ?? null,
  });
}

// Vietnam has kept UTC+7 without daylight saving since 1975, so a business day starts at 00:00+07:00.
function startOfBusinessDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+07:00`);
}

/**
 * One page of the audit log, newest first, filtered by actor, agency, action (prefix), entity and day range.
 * Only the standing office and administrators may read it (it names every user and agency); others get FORBIDDEN.
 */
export async function listAudit(db: DbOrTx, actor: Actor, query: AuditListQuery): Promise<AuditPage> {
  if (!isStandingOffice(actor)) {
    throw new AppError('FORBIDDEN');
  }
  const filter: AuditFilter = {
    ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
    ...(query.actor ? { actorLoginName: query.actor.toLowerCase() } : {}),
    ...(query.agencyId ? { agencyId: query.agencyId } : {}),
    ...(query.action ? { actionPrefix: query.action } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.from ? { fromInstant: startOfBusinessDay(query.from) } : {}),
    ...(query.to ? { beforeInstant: startOfBusinessDay(addDaysIso(query.to, 1)) } : {}),
  };
  const { total, rows } = await selectAuditPage(db, filter, query.pageSize, (query.page - 1) * query.pageSize);
  const items: AuditEntry[] = rows.map((r) => ({
    ...r,
    at: r.at.toISOString(),
    before: r.before ?? null,
    after: r.after ?? null,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}
