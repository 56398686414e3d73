import { type DbOrTx, queryRows } from '@server/db/client';
import { sql } from 'drizzle-orm';

export type CoordinatorRowDb = { task_id: string; agency_id: string };

/** Active coordinator assignments of confirmed tasks (optionally of one directive). */
export function selectCoordinatorAssignments(db: DbOrTx, directiveId: string | null) {
  return queryRows<CoordinatorRowDb>(
    db,
    sql`select a.task_id, a.agency_id from assignments a join tasks t on t.id = a.task_id
        where a.role <> 'lead' and a.is_active and t.status = 'confirmed'
          ${directiveId ? sql`and t.directive_id = ${directiveId}` : sql``}`,
  );
}

export type NamedRowDb = { id: string; name: string; kind: string };

export function selectAgencyKinds(db: DbOrTx) {
  return queryRows<NamedRowDb>(db, sql`select id, name, kind from agencies`);
}

export function selectDirectiveLabels(db: DbOrTx) {
  return queryRows<{ id: string; name: string }>(db, sql`select id, coalesce(number, title) as name from directives`);
}
