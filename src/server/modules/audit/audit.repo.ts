import type { DbOrTx } from '@server/db/client';
import { agencies, auditLog, users } from '@server/db/schema/index';
import { and, count, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';

export type AuditInsert = typeof auditLog.$inferInsert;

export async function insertAuditRow(db: DbOrTx, row: AuditInsert): Promise<void> {
  await db.insert(auditLog).values(row);
}

export type AuditFilter = {
  actorUserId?: string;
  actorLoginName?: string;
  agencyId?: string;
  actionPrefix?: string;
  entityType?: string;
  entityId?: string;
  fromInstant?: Date;
  beforeInstant?: Date;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function whereOf(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.actorUserId) {
    conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  }
  if (filter.actorLoginName) {
    conditions.push(eq(users.loginName, filter.actorLoginName));
  }
  if (filter.agencyId) {
    conditions.push(eq(auditLog.actorAgencyId, filter.agencyId));
  }
  if (filter.actionPrefix) {
    conditions.push(like(auditLog.action, `${escapeLike(filter.actionPrefix)}%`));
  }
  if (filter.entityType) {
    conditions.push(eq(auditLog.entityType, filter.entityType));
  }
  if (filter.entityId) {
    conditions.push(eq(auditLog.entityId, filter.entityId));
  }
  if (filter.fromInstant) {
    conditions.push(gte(auditLog.at, filter.fromInstant));
  }
  if (filter.beforeInstant) {
    conditions.push(lt(auditLog.at, filter.beforeInstant));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** One page of audit rows, newest first, with the actor's login and agency names. */
export async function selectAuditPage(db: DbOrTx, filter: AuditFilter, limit: number, offset: number) {
  const where = whereOf(filter);
  const [total] = await db
    .select({ n: count() })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorLoginName: users.loginName,
      actorDisplayName: users.displayName,
      actorAgencyId: auditLog.actorAgencyId,
      actorAgencyName: agencies.name,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(agencies, eq(agencies.id, auditLog.actorAgencyId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  return { total: total?.n ?? 0, rows };
}
