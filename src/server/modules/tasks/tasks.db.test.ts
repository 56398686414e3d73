import fs from 'node:fs';
import path from 'node:path';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { runImport } from '@server/modules/imports/imports.service';
import type { DirectiveDetail, DirectiveSummary } from '@shared/contracts/directives';
import type { TaskDetail, TaskSummary } from '@shared/contracts/tasks';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUserAndLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Page = { items: TaskSummary[]; total: number };

describe.skipIf(shouldSkipDbTests())('task register and directives API', () => {
  let t: TestApp;
  // Filled by the login helper once routes require a session.
  const authHeaders: Record<string, string> = {};
  const get = async <T>(url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: authHeaders });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const agencyId = await agencyIdByName(t.handle.db, 'Bộ Công an');
    Object.assign(authHeaders, (await createUserAndLogin(t.app, t.handle.db, { role: 'reporter', agencyId })).headers);
    const bytes = fs.readFileSync(path.resolve('fixtures/seeds/001_da84f1939d876bb4.txt'));
    await runImport(
      { db: t.handle.db, storage: createMemoryFileStorage(), clock: fixedClock('2025-07-20T02:00:00Z') },
      [{ fileName: '001_da84f1939d876bb4.txt', bytes }],
      { dryRun: false },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds a task by a search without diacritics', async () => {
    const page = await get<Page>('/api/v1/tasks?q=co%20so%20du%20lieu%20quoc%20gia%20ve%20thu%20tuc%20hanh%20chinh');
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.items[0]?.text).toContain('Cơ sở dữ liệu quốc gia về Thủ tục hành chính');
  });

  it('filters by lead agency and role, and every returned task has that lead', async () => {
    const all = await get<Page>('/api/v1/tasks?pageSize=500');
    const withLead = all.items.find((task) => task.leads.includes('Bộ Công an'));
    expect(withLead).toBeDefined();
    const detail = await get<TaskDetail>(`/api/v1/tasks/${withLead?.id}`);
    const agencyId = detail.assignments.find((a) => a.agencyName === 'Bộ Công an')?.agencyId;
    const page = await get<Page>(`/api/v1/tasks?agencyId=${agencyId}&role=lead&pageSize=500`);
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((task) => task.leads.includes('Bộ Công an'))).toBe(true);
    expect(page.total).toBeLessThan(all.total);
  });

  it('filters by deadline range and kind', async () => {
    const page = await get<Page>('/api/v1/tasks?dueFrom=2025-06-01&dueTo=2025-06-30&pageSize=500');
    expect(page.total).toBeGreaterThan(0);
    for (const task of page.items) {
      expect(task.deadline.due !== null && task.deadline.due >= '2025-06-01' && task.deadline.due <= '2025-06-30').toBe(
        true,
      );
    }
    const recurring = await get<Page>('/api/v1/tasks?deadlineKind=recurring&pageSize=500');
    expect(recurring.items.every((task) => task.deadline.kind === 'recurring')).toBe(true);
    expect(recurring.total).toBeGreaterThanOrEqual(23);
  });

  it('counts tasks per directive and per section, and shows provenance back to the source row', async () => {
    const { items } = await get<{ items: DirectiveSummary[] }>('/api/v1/directives');
    const nq71 = items.find((d) => d.stableKey === '71/NQ-CP');
    expect(nq71?.taskCount).toBeGreaterThan(0);
    const detail = await get<DirectiveDetail>(`/api/v1/directives/${nq71?.id}`);
    const sectionTotal = (nodes: DirectiveDetail['sections']): number =>
      nodes.reduce((sum, n) => sum + n.taskCount + sectionTotal(n.children), 0);
    expect(sectionTotal(detail.sections)).toBeLessThanOrEqual(nq71?.taskCount ?? 0);
    const page = await get<Page>(`/api/v1/tasks?directiveId=${nq71?.id}&pageSize=1`);
    const task = await get<TaskDetail>(`/api/v1/tasks/${page.items[0]?.id}`);
    expect(task.provenance.file).toBe('001_da84f1939d876bb4.txt');
    expect(task.occurrences.length).toBeGreaterThanOrEqual(1);
    expect(task.occurrences[0]?.row).toBeGreaterThan(0);
  });

  it('answers an unknown task with a coded 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/tasks/khong-ton-tai', headers: authHeaders });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
