import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAPTOP_VIEWPORT, launchBrowser, saveScreenshot, shouldSkipBrowserTests, signIn } from './support/browser';
import { ensureWebBuild, REPO_ROOT, type RunningServer, startServer } from './support/server';

const SETUP_TIMEOUT_MS = 240_000;
const JOURNEY_TIMEOUT_MS = 240_000;
const PASSWORD = 'Demo@2025';

// The pages are wired into the router by the lead; until then this journey has nothing to open.
const PAGE_WIRED = fs
  .readFileSync(path.join(REPO_ROOT, 'src/web/app/app-routes.tsx'), 'utf8')
  .includes('consultation-page');
// Set to run the journey against a server that is already up (with --demo data), e.g. while developing the page.
const EXTERNAL_BASE_URL = process.env.TIENDO_E2E_BASE_URL;

async function pickAntdOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
  await page.keyboard.press('Escape');
}

describe.skipIf(shouldSkipBrowserTests() || (!PAGE_WIRED && !EXTERNAL_BASE_URL))(
  'journey: consultation on a draft',
  () => {
    let server: RunningServer | undefined;
    let browser: Browser | undefined;
    let baseUrl = '';

    beforeAll(async () => {
      if (EXTERNAL_BASE_URL) {
        baseUrl = EXTERNAL_BASE_URL;
      } else {
        ensureWebBuild();
        server = await startServer({ args: ['--demo'] });
        baseUrl = server.baseUrl;
      }
      browser = await launchBrowser();
    }, SETUP_TIMEOUT_MS);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    const pageAs = async (login: string) => {
      const context = await (browser as Browser).newContext({ viewport: LAPTOP_VIEWPORT, locale: 'vi-VN' });
      const page = await context.newPage();
      await signIn(page, baseUrl, { login, password: PASSWORD });
      return page;
    };

    it(
      'send draft → two agencies answer, one proposes a new lead → drafter accepts and applies → synthesis .docx',
      async () => {
        const office = await pageAs('thuongtruc');
        // A directive with a few tasks from the demo data plays the draft.
        const directives = (await (await office.request.get(`${baseUrl}/api/v1/directives`)).json()) as {
          items: { id: string; taskCount: number; status: string }[];
        };
        const draft = directives.items
          .filter((d) => d.taskCount >= 2 && d.status !== 'draft')
          .sort((a, b) => a.taskCount - b.taskCount)[0];
        expect(draft).toBeDefined();
        const taskPage = (await (
          await office.request.get(`${baseUrl}/api/v1/tasks?directiveId=${draft?.id}&pageSize=5`)
        ).json()) as { items: { id: string }[] };
        const taskId = taskPage.items[0]?.id ?? '';

        await office.goto(`${baseUrl}/consultations?directive=${draft?.id}`);
        await office.getByTestId('consultation-mark-draft').click();
        await office.getByText('Văn bản đã được đánh dấu là dự thảo.').waitFor();
        await pickAntdOption(office, 'consultation-agencies', 'Bộ Công an');
        await pickAntdOption(office, 'consultation-agencies', 'Tỉnh Hà Tĩnh');
        await office.getByTestId('consultation-deadline').fill('2099-12-31');
        await office.getByTestId('consultation-send-submit').click();
        await office.waitForURL(/\/consultations\/[0-9a-f-]{36}$/);
        const consultationUrl = office.url();
        await office.getByTestId('consultation-progress').waitFor();

        const police = await pageAs('baocao.bocongan');
        await police.goto(consultationUrl);
        await police.getByTestId('response-task-id').fill(taskId);
        await police.getByTestId('response-text').fill('Đề nghị giao Bộ Tài chính chủ trì nhiệm vụ này.');
        await police.getByTestId('response-proposal-kind').click();
        await police.locator('.ant-select-item-option').filter({ hasText: 'Đổi cơ quan chủ trì' }).click();
        await pickAntdOption(police, 'response-proposal-agency', 'Bộ Tài chính');
        await police.getByTestId('response-submit').click();
        await police.getByTestId('response-sent').waitFor();

        const province = await pageAs('baocao.hatinh');
        await province.goto(consultationUrl);
        await province.getByTestId('response-agree').check();
        await province.getByTestId('response-submit').click();
        await province.getByTestId('response-sent').waitFor();

        await office.reload();
        const comments = office.getByTestId('consultation-comments');
        await comments.getByText('Đề nghị giao Bộ Tài chính chủ trì nhiệm vụ này.').waitFor();
        await comments.getByTestId('answer-text').fill('Tiếp thu, đã chỉnh sửa trong dự thảo.');
        await comments.getByTestId('answer-save').click();
        await comments.getByTestId('apply-proposal').click();
        await comments.getByText('Đã áp dụng vào dự thảo').waitFor();
        await saveScreenshot(office, 'consultation-applied', true);

        const [download] = await Promise.all([
          office.waitForEvent('download'),
          office.getByTestId('synthesis-docx').click(),
        ]);
        const file = await download.path();
        const { value: html } = await mammoth.convertToHtml({ path: file });
        const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map((r) =>
          [...(r[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) => (c[1] ?? '').replace(/<[^>]+>/g, '')),
        );
        // Two tables (ministries, then provinces), each a header row and one consultee row of four columns.
        expect(rows.map((r) => r.length)).toEqual([4, 4, 4, 4]);
        expect(rows[1]?.[1]).toBe('Bộ Công an');
        expect(rows[1]?.[3]).toBe('Tiếp thu, đã chỉnh sửa trong dự thảo.');
        expect(rows[3]?.[1]).toBe('Tỉnh Hà Tĩnh');
        expect(rows[3]?.[2]).toBe('Nhất trí');

        const task = (await (await office.request.get(`${baseUrl}/api/v1/tasks/${taskId}`)).json()) as {
          assignments?: { agency: string; role: string }[];
        };
        expect(JSON.stringify(task)).toContain('Bộ Tài chính');
      },
      JOURNEY_TIMEOUT_MS,
    );
  },
);
