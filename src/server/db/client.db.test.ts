import { type DatabaseHandle, queryRows } from '@server/db/client';
import { createTestDatabase, shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.skipIf(shouldSkipDbTests())('database client', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('answers trigram queries with the production extension set (ltree loaded before pg_trgm)', async () => {
    await handle.db.execute(sql`create temporary table trgm_probe (x text)`);
    await handle.db.execute(sql`insert into trgm_probe values ('cong nghe so'), ('khac han')`);
    const rows = await queryRows(handle.db, sql`select count(*)::int as n from trgm_probe where x % 'cong nghe'`);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('folds Vietnamese diacritics with unaccent', async () => {
    const rows = await queryRows(handle.db, sql`select unaccent('Bộ Khoa học và Công nghệ') as v`);
    expect(rows[0]).toEqual({ v: 'Bo Khoa hoc va Cong nghe' });
  });
});
