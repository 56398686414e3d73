import { queryRows } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import { sha256Hex } from '@server/lib/ids';
import { EXCHANGE_OBJECT_TYPES } from '@shared/contracts/exchange';
import type { BundleImportResult, BundleProblem } from '@shared/contracts/exchange-bundle';
import { createTaskIn, type Instance, startInstance } from '@test/exchange-instances';
import { agencyIdByName, createUserAndLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBundle, exportBundle, importBundle } from './bundle';
import { createPartner, identityOf, issueCredential } from './exchange.service';
import { canonicalJson, listObjectIds, loadObjects } from './object-codec';
import { generateSigningKeyPair } from './request-signing';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

function multipart(fileName: string, bytes: Buffer, contentType: string) {
  const boundary = `----tiendo${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A progress report with a PDF evidence file, filed through the API as an official would. */
async function fileReport(instance: Instance, agencyId: string, assignmentId: string, pdf: Buffer) {
  const reporter = await createUserAndLogin(instance.app, instance.handle.db, { role: 'reporter', agencyId });
  const draft = await instance.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: reporter.headers,
    payload: { assignmentId, period: '2025-07', state: 'in-progress', narrative: 'Đã gửi báo cáo qua gói dữ liệu.' },
  });
  expect(draft.statusCode, draft.body).toBe(200);
  const report = draft.json() as { id: string; rowVersion: number };
  const file = multipart('minh-chung.pdf', pdf, 'application/pdf');
  const upload = await instance.app.inject({
    method: 'POST',
    url: `/api/v1/reports/${report.id}/evidence`,
    headers: { ...reporter.headers, 'content-type': file.contentType },
    payload: file.body,
  });
  expect(upload.statusCode, upload.body).toBe(201);
  return report.id;
}

async function changeCount(instance: Instance): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    instance.handle.db,
    sql`select count(*) as n from exchange_changes`,
  );
  return Number(row?.n ?? 0);
}

async function rezip(bytes: Buffer, change: (entries: Map<string, Buffer>) => void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = new Map<string, Buffer>();
  for (const file of Object.values(zip.files)) {
    entries.set(file.name, await file.async('nodebuffer'));
  }
  change(entries);
  const out = new JSZip();
  for (const [name, data] of entries) {
    out.file(name, data, { createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function refusal(promise: Promise<unknown>): Promise<BundleProblem[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('BUNDLE_INVALID');
  return ((error as AppError).details as { problems: BundleProblem[] }).problems;
}

describe.skipIf(shouldSkipDbTests())('file-based exchange: signed bundles', () => {
  let a: Instance;
  let b: Instance;
  let agencyId: string;
  /** System A as registered in B, with A's system public key as its credential. */
  let aInB: string;
  let firstBundle: Buffer;
  let reportId: string;
  let pdfSha: string;

  beforeAll(async () => {
    a = await startInstance('he-thong-57');
    b = await startInstance('he-thong-71');
    agencyId = await agencyIdByName(a.handle.db, 'Bộ Công an');
    const partner = await createPartner(b.deps, null, {
      systemId: a.systemId,
      name: 'Hệ thống 57',
      idScheme: 'shared',
    });
    aInB = partner.id;
    const identityA = await identityOf(a.deps);
    await issueCredential(b.deps, null, aInB, { publicKey: identityA.publicKey, scopes: ['events:write'] });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('exports a signed bundle and imports it into the other system: same objects, evidence bytes arrive', async () => {
    const { assignmentId, taskId } = await createTaskIn(a, agencyId);
    reportId = await fileReport(a, agencyId, assignmentId, PDF);
    pdfSha = sha256Hex(PDF);
    const built = await createBundle(a.deps, {});
    firstBundle = built.bytes;
    expect(built.missingFiles).toEqual([]);
    expect(built.manifest.system).toBe(a.systemId);
    expect(built.manifest.entries.map((e) => e.path)).toContain(`files/${pdfSha}`);
    expect(built.manifest.counts.progress_report).toBeGreaterThanOrEqual(1);
    const eventsInBundle = Object.values(built.manifest.counts).reduce((x, y) => x + y, 0);

    // A dry run reports what would happen and changes nothing (not even the file store).
    const changesBefore = await changeCount(b);
    const dry = await importBundle(b.deps, aInB, firstBundle, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.events).toBe(eventsInBundle);
    expect(dry.counts.applied).toBeGreaterThanOrEqual(5);
    expect(await changeCount(b)).toBe(changesBefore);
    expect((await loadObjects(b.handle.db, 'task', [taskId])).has(taskId)).toBe(false);
    expect(await b.storage.exists(`evidence/${pdfSha}`)).toBe(false);

    const result = await importBundle(b.deps, aInB, firstBundle);
    expect(result.dryRun).toBe(false);
    expect(result.counts).toEqual(dry.counts);
    expect(result.attention).toEqual([]);
    expect(result.files).toBe(1);
    expect(await changeCount(b)).toBeGreaterThan(changesBefore);

    for (const type of EXCHANGE_OBJECT_TYPES) {
      const idsA = await listObjectIds(a.handle.db, type);
      const idsB = await listObjectIds(b.handle.db, type);
      expect(idsB, type).toEqual(idsA);
      const objectsA = await loadObjects(a.handle.db, type, idsA);
      const objectsB = await loadObjects(b.handle.db, type, idsB);
      expect(canonicalJson([...objectsB.entries()].sort()), type).toBe(canonicalJson([...objectsA.entries()].sort()));
    }
    expect((await loadObjects(b.handle.db, 'progress_report', [reportId])).get(reportId)?.narrative).toBe(
      'Đã gửi báo cáo qua gói dữ liệu.',
    );
    const [ev] = await queryRows<{ storage_key: string; sha256: string }>(
      b.handle.db,
      sql`select storage_key, sha256 from evidence where report_id = ${reportId}`,
    );
    expect(ev?.sha256).toBe(pdfSha);
    expect((await b.storage.get(ev?.storage_key as string)).equals(PDF)).toBe(true);

    const log = await queryRows<{ operation: string; object_count: number; http_status: number }>(
      b.handle.db,
      sql`select operation, object_count, http_status from exchange_log where direction = 'file' order by id`,
    );
    expect(log).toEqual([
      { operation: 'bundle-check', object_count: eventsInBundle, http_status: 200 },
      { operation: 'bundle-import', object_count: eventsInBundle, http_status: 200 },
    ]);
  });

  it('importing the same bundle again answers every event "duplicate" and changes nothing', async () => {
    const before = await changeCount(b);
    const again = await importBundle(b.deps, aInB, firstBundle);
    expect(Object.keys(again.counts)).toEqual(['duplicate']);
    expect(again.counts.duplicate).toBe(again.events);
    expect(await changeCount(b)).toBe(before);
  });

  it('refuses tampered bundles with a clear problem and writes nothing', async () => {
    const { assignmentId } = await createTaskIn(a, agencyId);
    const after = (await createBundle(a.deps, {})).manifest.toSeq;
    const pdf2 = Buffer.concat([PDF, Buffer.from('% bản thứ hai\n', 'utf8')]);
    const secondReport = await fileReport(a, agencyId, assignmentId, pdf2);
    const fresh = await exportBundle(a.deps, { after: after - 10 });
    const sha2 = sha256Hex(pdf2);
    const before = await changeCount(b);

    const changedByte = await rezip(fresh, (entries) => {
      const text = (entries.get('events.jsonl') as Buffer).toString('utf8');
      entries.set('events.jsonl', Buffer.from(text.replace('Đã gửi', 'Đã gủi'), 'utf8'));
    });
    expect(await refusal(importBundle(b.deps, aInB, changedByte))).toEqual([
      {
        code: 'hash-mismatch',
        path: 'events.jsonl',
        message: 'Mã SHA-256 của tệp events.jsonl không khớp manifest: tệp đã bị sửa.',
      },
    ]);

    const swapped = await rezip(fresh, (entries) => {
      entries.set(`files/${sha2}`, PDF);
    });
    const swappedProblems = await refusal(importBundle(b.deps, aInB, swapped));
    expect(swappedProblems.map((p) => [p.code, p.path])).toEqual([['size-mismatch', `files/${sha2}`]]);
    const sameSize = await rezip(fresh, (entries) => {
      entries.set(`files/${sha2}`, Buffer.from(pdf2.toString('latin1').replace('1.7', '1.4'), 'latin1'));
    });
    expect((await refusal(importBundle(b.deps, aInB, sameSize))).map((p) => p.code)).toEqual(['hash-mismatch']);

    const edited = await rezip(fresh, (entries) => {
      const manifest = JSON.parse((entries.get('manifest.json') as Buffer).toString('utf8'));
      manifest.toSeq += 1000;
      entries.set('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'));
    });
    expect((await refusal(importBundle(b.deps, aInB, edited))).map((p) => p.code)).toEqual(['bad-signature']);

    // A bundle signed by a key B never registered for A (another installation claiming to be A).
    const impostor = await startInstance(a.systemId);
    try {
      const forged = await exportBundle(impostor.deps, {});
      const problems = await refusal(importBundle(b.deps, aInB, forged));
      expect(problems.map((p) => p.code)).toEqual(['unknown-key']);
      expect(problems[0]?.message).toMatch(/chưa được đăng ký/);
    } finally {
      await impostor.close();
    }

    // A's genuine bundle offered as if it came from another partner.
    const other = await createPartner(b.deps, null, { systemId: 'he-thong-khac', name: 'Khác', idScheme: 'shared' });
    await issueCredential(b.deps, null, other.id, {
      publicKey: generateSigningKeyPair().publicKey,
      scopes: ['events:write'],
    });
    expect((await refusal(importBundle(b.deps, other.id, fresh))).map((p) => p.code)).toEqual([
      'wrong-system',
      'unknown-key',
    ]);

    expect(await changeCount(b)).toBe(before);
    expect((await loadObjects(b.handle.db, 'progress_report', [secondReport])).has(secondReport)).toBe(false);
    expect(await b.storage.exists(`evidence/${sha2}`)).toBe(false);
    const refused = await queryRows<{ n: string | number }>(
      b.handle.db,
      sql`select count(*) as n from exchange_log where direction = 'file' and http_status = 422`,
    );
    expect(Number(refused[0]?.n)).toBe(6);

    // The untouched bundle still goes in.
    const ok = await importBundle(b.deps, aInB, fresh);
    expect(ok.counts.applied).toBeGreaterThanOrEqual(2);
    expect((await loadObjects(b.handle.db, 'progress_report', [secondReport])).has(secondReport)).toBe(true);
    expect((await b.storage.get(`evidence/${sha2}`)).equals(pdf2)).toBe(true);
  });

  it('downloads a bundle and uploads it over the administration API (standing office only)', async () => {
    const officeA = await createUserAndLogin(a.app, a.handle.db, { role: 'standing-office', agencyId });
    const { taskId } = await createTaskIn(a, agencyId);
    const hw = (await createBundle(a.deps, {})).manifest.toSeq;
    const download = await a.app.inject({
      method: 'GET',
      url: `/api/v1/exchange/bundle?after=${hw - 3}&types=directive,task,assignment`,
      headers: officeA.headers,
    });
    expect(download.statusCode, download.body).toBe(200);
    expect(download.headers['content-type']).toBe('application/vnd.tiendo.bundle+zip');
    expect(String(download.headers['content-disposition'])).toMatch(
      /^attachment; filename="he-thong-57-\d+-\d+-.*\.tdx"$/,
    );
    const bytes = download.rawPayload;

    const officeB = await createUserAndLogin(b.app, b.handle.db, { role: 'standing-office', agencyId });
    const reporterB = await createUserAndLogin(b.app, b.handle.db, { role: 'reporter', agencyId });
    const upload = (dryRun: boolean, headers: Record<string, string>, payload: Buffer) => {
      const file = multipart('goi.tdx', payload, 'application/zip');
      return b.app.inject({
        method: 'POST',
        url: `/api/v1/exchange/partners/${aInB}/bundle?dryRun=${dryRun}`,
        headers: { ...headers, 'content-type': file.contentType },
        payload: file.body,
      });
    };
    expect((await upload(false, reporterB.headers, bytes)).statusCode).toBe(403);

    const dry = await upload(true, officeB.headers, bytes);
    expect(dry.statusCode, dry.body).toBe(200);
    expect((dry.json() as BundleImportResult).dryRun).toBe(true);
    expect((await loadObjects(b.handle.db, 'task', [taskId])).has(taskId)).toBe(false);

    const real = await upload(false, officeB.headers, bytes);
    expect(real.statusCode, real.body).toBe(200);
    const result = real.json() as BundleImportResult;
    expect(result.dryRun).toBe(false);
    expect(result.counts).toEqual({ applied: 3 });
    expect((await loadObjects(b.handle.db, 'task', [taskId])).has(taskId)).toBe(true);

    const tampered = Buffer.from(bytes);
    // A byte of the first entry's data (manifest.json, deflated): the manifest no longer opens or verifies.
    tampered[100] = (tampered[100] ?? 0) ^ 0xff;
    const refused = await upload(false, officeB.headers, tampered);
    expect(refused.statusCode).toBe(422);
    const body = refused.json() as { code: string; details: { problems: BundleProblem[] } };
    expect(body.code).toBe('BUNDLE_INVALID');
    expect(body.details.problems.map((p) => p.code)).toEqual(['manifest-unreadable']);
  });
});
