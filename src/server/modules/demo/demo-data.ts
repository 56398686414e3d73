import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppDeps } from '@server/app-deps';
import type { DbOrTx } from '@server/db/client';
import { appSettings } from '@server/db/schema/index';
import { runImport } from '@server/modules/imports/imports.service';
import { eq } from 'drizzle-orm';

const DEMO_FLAG = 'demo.loaded';

export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/seeds');

export async function isDemoLoaded(db: DbOrTx): Promise<boolean> {
  const rows = await db.select().from(appSettings).where(eq(appSettings.key, DEMO_FLAG)).limit(1);
  return rows.length > 0;
}

/**
 * Loads the five seed documents as demo data, once per database (a flag records it, so deleting demo
 * directives later does not bring them back). Returns what was imported, or null if it was already done.
 */
export async function loadDemoData(deps: AppDeps): Promise<{ files: string[]; tasks: number } | null> {
  if (await isDemoLoaded(deps.db)) {
    return null;
  }
  const names = (await fs.readdir(SEED_DIR)).filter((n) => n.endsWith('.txt')).sort();
  const files = await Promise.all(
    names.map(async (fileName) => ({ fileName, bytes: await fs.readFile(path.join(SEED_DIR, fileName)) })),
  );
  const result = await runImport(deps, files, { dryRun: false });
  await deps.db
    .insert(appSettings)
    .values({ key: DEMO_FLAG, value: { files: names, at: deps.clock.now().toISOString() } })
    .onConflictDoNothing();
  return { files: names, tasks: result.summary.tasks };
}
