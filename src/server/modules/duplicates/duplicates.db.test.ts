import fs from 'node:fs';
import path from 'node:path';
import { queryRows } from '@server/db/client';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { runImport } from '@server/modules/imports/imports.service';
import type {
  DraftCheckReport,
  DuplicateCandidate,
  DuplicateCandidateDetail,
  ScanResult,
  TaskDuplicates,
} from '@shared/contracts/duplicates';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUserAndLogin, type TestLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedTaskIds } from './duplicates.service';

const SEEDS = path.resolve('fixtures/seeds');
const seedFile = (prefix: string) => {
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) {
    throw new Error(`seed ${prefix} missing`);
  }
  return { fileName: name, bytes: fs.readFileSync(path.join(SEEDS, name)) };
};

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----tiendo-duplicates-test';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

type Page = { items: DuplicateCandidate[]; total: number };

describe.skipIf(shouldSkipDbTests())(
  'duplicates: scan → review queue → decision → never re-proposed → reversal',
  () => {
    let t: TestApp;
    let office: TestLogin;
    let reporter: TestLogin;
    let directive71: string;
    let directiveHcmc: string;

    const call = async <T>(login: TestLogin, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url, headers: login.headers, ...(payload ? { payload } : {}) });
      return { status: res.statusCode, body: res.json() as T, raw: res };
    };
    const auditCount = async (action: string, entityId: string) => {
      const [row] = await queryRows<{ n: number }>(
        t.handle.db,
        sql`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${entityId}`,
      );
      return row?.n ?? 0;
    };

    beforeAll(async () => {
      t = await buildTestApp();
      const deps = { db: t.handle.db, storage: createMemoryFileStorage(), clock: fixedClock('2025-07-20T02:00:00Z') };
      for (const prefix of ['001', '004']) {
        await runImport(deps, [seedFile(prefix)], { dryRun: false });
      }
      const agency = await agencyIdByName(t.handle.db, 'Bộ Khoa học và Công nghệ');
      office = await createUserAndLogin(t.app, t.handle.db, { role: 'standing-office', agencyId: agency });
      reporter = await createUserAndLogin(t.app, t.handle.db, { role: 'reporter', agencyId: agency });
      const keys = await queryRows<{ id: string; stable_key: string }>(
        t.handle.db,
        sql`select id, stable_key from directives`,
      );
      directive71 = keys.find((k) => k.stable_key === '71/NQ-CP')?.id ?? '';
      directiveHcmc = keys.find((k) => k.stable_key === '01-KH/BCĐ')?.id ?? '';
      expect(directive71).not.toBe('');
      expect(directiveHcmc).not.toBe('');
    });
    afterAll(async () => {
      await t?.close();
    });

    const findPending = async (aStart: string, bStart: string) => {
      const page = await call<Page>(office, 'GET', '/api/v1/duplicates/candidates?status=pending&pageSize=500');
      expect(page.status).toBe(200);
      return page.body.items.find(
        (c) =>
          (c.taskA.text.startsWith(aStart) && c.taskB.text.startsWith(bStart)) ||
          (c.taskB.text.startsWith(aStart) && c.taskA.text.startsWith(bStart)),
      );
    };

    it('a scan of the HCMC plan proposes the central tasks it localises (fact 20), each pair once', async () => {
      const scan = await call<ScanResult>(office, 'POST', '/api/v1/duplicates/scan', { directiveId: directiveHcmc });
      expect(scan.status).toBe(200);
      // The 40 appendix rows and the 15 tasks proposed from the plan's own prose.
      expect(scan.body.tasksScanned).toBe(55);
      expect(scan.body.newCandidates).toBeGreaterThan(0);
      expect(scan.body.newCandidates).toBe(scan.body.pairsFound);
      const pair = await findPending(
        'Xây dựng kế hoạch hỗ trợ doanh nghiệp tham gia phát triển',
        'Xây dựng kế hoạch hỗ trợ doanh nghiệp tham gia phát triển',
      );
      expect(pair).toBeDefined();
      expect(pair?.score).toBeGreaterThan(0.9);
      expect(pair?.suggestedKind).toBe('duplicate');
      expect([pair?.taskA.directiveKey, pair?.taskB.directiveKey].sort()).toEqual(['01-KH/BCĐ', '71/NQ-CP']);
      expect((pair?.taskA.id ?? '') < (pair?.taskB.id ?? '')).toBe(true);
      expect(await auditCount('duplicates.scan', directiveHcmc)).toBe(1);

      // Scanning the other side finds the same pairs: nothing new is stored.
      const again = await call<ScanResult>(office, 'POST', '/api/v1/duplicates/scan', { directiveId: directive71 });
      expect(again.status).toBe(200);
      const [dupes] = await queryRows<{ n: number }>(
        t.handle.db,
        sql`select count(*)::int as n from (select task_a_id, task_b_id from duplicate_candidates group by 1, 2 having count(*) > 1) x`,
      );
      expect(dupes?.n).toBe(0);
    });

    it('only the standing office decides; a decision links the tasks, is audited, and reports then count for both', async () => {
      const pair = await findPending(
        'Xây dựng kế hoạch hỗ trợ doanh nghiệp tham gia phát triển',
        'Xây dựng kế hoạch hỗ trợ doanh nghiệp tham gia phát triển',
      );
      if (!pair) {
        throw new Error('pair missing');
      }
      const denied = await call(reporter, 'POST', `/api/v1/duplicates/candidates/${pair.id}/decision`, {
        decision: 'duplicate',
      });
      expect(denied.status).toBe(403);

      const decided = await call<DuplicateCandidateDetail>(
        office,
        'POST',
        `/api/v1/duplicates/candidates/${pair.id}/decision`,
        {
          decision: 'duplicate',
          note: 'Thành phố cụ thể hóa nhiệm vụ của Nghị quyết 71/NQ-CP',
        },
      );
      expect(decided.status).toBe(200);
      expect(decided.body.status).toBe('duplicate');
      expect(decided.body.decisions.map((d) => d.decision)).toEqual(['duplicate']);
      expect(decided.body.decisions[0]?.decidedBy).toBe(office.user.id);
      expect(decided.body.link).toEqual({ id: pair.id, kind: 'duplicate', active: true, reportsCountForLinked: true });
      expect(await auditCount('duplicates.decide', pair.id)).toBe(1);
      expect(await linkedTaskIds(t.handle.db, pair.taskA.id)).toEqual([pair.taskB.id]);
      expect(await linkedTaskIds(t.handle.db, pair.taskB.id)).toEqual([pair.taskA.id]);

      const links = await call<TaskDuplicates>(reporter, 'GET', `/api/v1/tasks/${pair.taskA.id}/duplicates`);
      expect(links.status).toBe(200);
      expect(links.body.links).toHaveLength(1);
      expect(links.body.links[0]?.other.id).toBe(pair.taskB.id);
      expect(links.body.linkedTaskIds).toEqual([pair.taskB.id]);

      // Both tasks are still there, each with its own directive.
      const [both] = await queryRows<{ n: number }>(
        t.handle.db,
        sql`select count(*)::int as n from tasks where id in (${pair.taskA.id}, ${pair.taskB.id})`,
      );
      expect(both?.n).toBe(2);
    });

    it('a decided pair is never proposed again, and a reversal keeps the history', async () => {
      const pending = await call<Page>(office, 'GET', '/api/v1/duplicates/candidates?status=pending&pageSize=500');
      const decidedList = await call<Page>(office, 'GET', '/api/v1/duplicates/candidates?status=duplicate');
      expect(decidedList.body.total).toBe(1);
      const pair = decidedList.body.items[0] as DuplicateCandidate;
      expect(pending.body.items.some((c) => c.id === pair.id)).toBe(false);

      const rescan = await call<ScanResult>(office, 'POST', '/api/v1/duplicates/scan', { directiveId: directiveHcmc });
      expect(rescan.body.newCandidates).toBe(0);
      expect(rescan.body.alreadyDecided).toBe(1);
      const afterRescan = await call<Page>(office, 'GET', '/api/v1/duplicates/candidates?status=pending&pageSize=500');
      expect(afterRescan.body.items.some((c) => c.id === pair.id)).toBe(false);
      expect(afterRescan.body.total).toBe(pending.body.total);

      const reversed = await call<DuplicateCandidateDetail>(
        office,
        'POST',
        `/api/v1/duplicates/candidates/${pair.id}/decision`,
        {
          decision: 'different',
          note: 'Nhầm: nhiệm vụ của Thành phố khác phạm vi',
        },
      );
      expect(reversed.status).toBe(200);
      expect(reversed.body.status).toBe('different');
      expect(reversed.body.decisions.map((d) => d.decision)).toEqual(['duplicate', 'different']);
      expect(reversed.body.link?.active).toBe(false);
      expect(await linkedTaskIds(t.handle.db, pair.taskA.id)).toEqual([]);
      expect(await auditCount('duplicates.decide', pair.id)).toBe(2);
      const [audit] = await queryRows<{ before: { status: string }; after: { status: string } }>(
        t.handle.db,
        sql`select before, after from audit_log where action = 'duplicates.decide' and entity_id = ${pair.id} order by id desc limit 1`,
      );
      expect(audit?.before.status).toBe('duplicate');
      expect(audit?.after.status).toBe('different');

      const rescan2 = await call<ScanResult>(office, 'POST', '/api/v1/duplicates/scan', { directiveId: directiveHcmc });
      expect(rescan2.body.newCandidates).toBe(0);
      const final = await call<DuplicateCandidateDetail>(office, 'GET', `/api/v1/duplicates/candidates/${pair.id}`);
      expect(final.body.status).toBe('different');
    });

    it('overlap links do not carry reports by default; the setting is per link and audited', async () => {
      const page = await call<Page>(office, 'GET', '/api/v1/duplicates/candidates?status=pending&pageSize=1');
      const pair = page.body.items[0] as DuplicateCandidate;
      const decided = await call<DuplicateCandidateDetail>(
        office,
        'POST',
        `/api/v1/duplicates/candidates/${pair.id}/decision`,
        {
          decision: 'overlap',
        },
      );
      expect(decided.body.link).toMatchObject({ kind: 'overlap', active: true, reportsCountForLinked: false });
      expect(await linkedTaskIds(t.handle.db, pair.taskA.id)).toEqual([]);
      const patched = await call<{ reportsCountForLinked: boolean }>(
        office,
        'PATCH',
        `/api/v1/duplicates/links/${pair.id}`,
        {
          reportsCountForLinked: true,
        },
      );
      expect(patched.status).toBe(200);
      expect(await linkedTaskIds(t.handle.db, pair.taskA.id)).toEqual([pair.taskB.id]);
      expect(await auditCount('duplicates.link.update', pair.id)).toBe(1);
    });

    it('checks a draft that is not imported and exports the report to Word and Excel', async () => {
      const before = await queryRows<{ n: number }>(t.handle.db, sql`select count(*)::int as n from tasks`);
      const draft = seedFile('002');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/duplicates/check',
        ...multipart(draft.fileName, draft.bytes),
        headers: { ...multipart(draft.fileName, draft.bytes).headers, ...reporter.headers },
      });
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json() as DraftCheckReport;
      expect(report.items.length).toBeGreaterThanOrEqual(20);
      const hoTich = report.items.find((i) => i.task.text.includes('số hóa dữ liệu hộ tịch và dữ liệu đất đai'));
      expect(hoTich?.candidates[0]?.directive).toBe('27-TB/TGV');
      expect(hoTich?.candidates[0]?.text).toContain('hoàn thành số hóa dữ liệu hộ tịch, đất đai');
      expect(hoTich?.candidates[0]?.reasons).toContain('cùng thời hạn 30/6/2025');
      const after = await queryRows<{ n: number }>(t.handle.db, sql`select count(*)::int as n from tasks`);
      expect(after[0]?.n).toBe(before[0]?.n);

      for (const format of ['docx', 'xlsx'] as const) {
        const file = await t.app.inject({
          method: 'GET',
          url: `/api/v1/duplicates/check/${report.uploadId}/export?format=${format}`,
          headers: reporter.headers,
        });
        expect(file.statusCode).toBe(200);
        expect(file.headers['content-type']).toContain(format === 'docx' ? 'wordprocessingml' : 'spreadsheetml');
        expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
      }
    });
  },
);
