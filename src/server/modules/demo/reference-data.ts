import type { Db } from '@server/db/client';
import { agencies } from '@server/db/schema/index';
import { loadReferenceAgencies } from '@server/modules/agencies/agencies.service';
import { count } from 'drizzle-orm';

/**
 * Makes sure the agency register holds the reference data shipped with the product (34 provinces and the 63
 * they came from, ministries after the 2025 restructuring, communes, the agencies the seeds name). Cheap when
 * already loaded; imports need it so that agency names resolve.
 */
export async function ensureReferenceAgencies(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(agencies);
  if ((row?.n ?? 0) > 0) {
    return false;
  }
  await loadReferenceAgencies(db, { dryRun: false });
  return true;
}
