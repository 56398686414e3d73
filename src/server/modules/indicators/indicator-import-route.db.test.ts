import fs from 'node:fs';
import path from 'node:path';
import { queryRows } from '@server/db/client';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUserAndLogin, type TestLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SEED_001 = '001_da84f1939d876bb4.txt';

function upload(bytes: Buffer) {
  const boundary = `----tiendo${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${SEED_001}"\r\nContent-Type: text/plain\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.skipIf(shouldSkipDbTests())('POST /api/v1/indicator-imports reads dryRun as written', () => {
  let t: TestApp;
  let office: TestLogin;
  const valueCount = async () =>
    Number(
      (await queryRows<{ n: string | number }>(t.handle.db, sql`select count(*) as n from indicator_values`))[0]?.n,
    );

  beforeAll(async () => {
    t = await buildTestApp();
    office = await createUserAndLogin(t.app, t.handle.db, {
      role: 'standing-office',
      agencyId: await agencyIdByName(t.handle.db, 'Bộ Khoa học và Công nghệ'),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('dryRun=true previews without writing; dryRun=false (not only its absence) writes', async () => {
    const bytes = fs.readFileSync(path.resolve('fixtures/seeds', SEED_001));
    const send = (query: string) => {
      const file = upload(bytes);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/indicator-imports${query}`,
        headers: { ...office.headers, 'content-type': file.contentType },
        payload: file.body,
      });
    };
    const preview = await send('?dryRun=true');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(await valueCount()).toBe(0);
    const real = await send('?dryRun=false');
    expect(real.statusCode, real.body).toBe(200);
    expect(await valueCount()).toBe(15 * 3 + 63 * 3 + 34);
  });
});
