import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAPTOP_VIEWPORT, launchBrowser, saveScreenshot, shouldSkipBrowserTests, signIn } from './support/browser';
import { ensureWebBuild, type RunningServer, startServer } from './support/server';

const SETUP_TIMEOUT_MS = 240_000;
const JOURNEY_TIMEOUT_MS = 240_000;
const PASSWORD = 'Demo@2025';
const REPORTER = 'baocao.bocongan';
const LEADER = 'lanhdao.bocongan';
const OFFICE = 'thuongtruc';

// Seed 71/NQ-CP: Bộ Công an is the only lead, due 31/3/2025, not completed in the seeds (overdue today, 24/11/2026).
// It is the second row of Bộ Công an's obligations, so it is on the table's first page.
const TASK_TEXT = 'Tham mưu Chính phủ thành lập Ủy ban dữ liệu quốc gia';
// On or before the due date, so the status engine classes it "completed on time" (completedOn ≤ due).
const COMPLETED_ON = '20/03/2025';
const PRODUCT = 'Quyết định số 1169/QĐ-TTg ngày 20/3/2025';
const EVIDENCE_NAME = 'quyet-dinh-1169.pdf';
const ON_TIME = 'Hoàn thành đúng hạn';

/** A one-page PDF written by hand: header, four objects, a cross-reference table with exact byte offsets. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = body.length;
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
  ].join('\n');
  body += `${xref}\ntrailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Reads a count shown with Vietnamese digit grouping ("1.234"). */
async function readCount(locator: Locator): Promise<number> {
  await locator.waitFor({ timeout: 30_000 });
  const digits = (await locator.innerText()).replace(/\D/g, '');
  expect(digits).not.toBe('');
  return Number(digits);
}

/** "Hoàn thành đúng hạn" and "Quá hạn" on the status page, as of today. */
async function statusPageCounts(page: Page, baseUrl: string): Promise<{ onTime: number; overdue: number }> {
  await page.goto(`${baseUrl}/status`);
  const value = (category: string) =>
    readCount(page.getByTestId(`status-count-${category}`).locator('.ant-statistic-content-value'));
  return { onTime: await value('completedOnTime'), overdue: await value('overdue') };
}

async function dashboardCount(page: Page, baseUrl: string): Promise<number> {
  await page.goto(`${baseUrl}/leader-dashboard`);
  return readCount(page.getByTestId('dashboard-count-completedOnTime'));
}

/** The review-queue row of the journey's task; expands it and checks the uploaded PDF is listed as evidence. */
async function reviewRow(page: Page, baseUrl: string): Promise<Locator> {
  await page.goto(`${baseUrl}/reporting/review`);
  const row = page.getByTestId('review-table').locator('tr.ant-table-row').filter({ hasText: TASK_TEXT });
  await row.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
    await saveScreenshot(page, 'report-approval-debug');
    throw error;
  });
  expect(await row.count()).toBe(1);
  await row.locator('.ant-table-row-expand-icon').click();
  const evidence = page.getByTestId('evidence-download').filter({ hasText: EVIDENCE_NAME });
  await evidence.waitFor();
  expect(await evidence.innerText()).toContain(`${EVIDENCE_NAME} (PDF,`);
  return row;
}

describe.skipIf(shouldSkipBrowserTests())('journey: a report with PDF evidence is approved and accepted', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    ensureWebBuild();
    // --demo loads the five seed documents and the demo accounts.
    server = await startServer({ args: ['--demo'] });
    baseUrl = server.baseUrl;
    browser = await launchBrowser();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** One browser context per account, so the three sessions never share cookies. */
  const pageAs = async (login: string) => {
    const context = await (browser as Browser).newContext({ viewport: LAPTOP_VIEWPORT, locale: 'vi-VN' });
    const page = await context.newPage();
    await signIn(page, baseUrl, { login, password: PASSWORD });
    return page;
  };

  it(
    'reporter files with a PDF → leader approves → standing office accepts → the task counts as completed on time',
    async () => {
      const office = await pageAs(OFFICE);
      const statusBefore = await statusPageCounts(office, baseUrl);
      const dashboardBefore = await dashboardCount(office, baseUrl);
      expect(dashboardBefore).toBe(statusBefore.onTime);

      // Reporter: file the report for this month with the completion date, the product and a PDF.
      const reporter = await pageAs(REPORTER);
      await reporter.goto(`${baseUrl}/reporting`);
      const obligation = reporter
        .getByTestId('obligations-table')
        .locator('tr.ant-table-row')
        .filter({ hasText: TASK_TEXT });
      await obligation.waitFor({ timeout: 30_000 });
      expect(await obligation.innerText()).toContain('Quá hạn');
      const href = await obligation.locator('a[href^="/tasks/"]').first().getAttribute('href');
      const taskId = href?.replace('/tasks/', '') ?? '';
      expect(taskId).not.toBe('');

      await reporter.goto(`${baseUrl}/tasks/${taskId}`);
      expect(await reporter.getByTestId('task-status').innerText()).toBe('Quá hạn');
      await reporter.goto(`${baseUrl}/reporting`);

      await obligation.getByTestId('obligation-report').click();
      const form = reporter.getByTestId('report-form');
      await form.waitFor();
      await reporter.getByTestId('report-state').click();
      await reporter.locator('.ant-select-item-option').filter({ hasText: 'Đã hoàn thành' }).click();
      const completedOn = form.locator('.ant-picker input');
      await completedOn.click();
      await completedOn.fill(COMPLETED_ON);
      await completedOn.press('Enter');
      await reporter.getByTestId('report-product').fill(PRODUCT);
      await reporter
        .getByTestId('report-narrative')
        .fill('Đã trình và Thủ tướng Chính phủ đã ký quyết định thành lập.');

      const modal = reporter.locator('.ant-modal').filter({ has: form });
      await modal.locator('input[type=file]').setInputFiles({
        name: EVIDENCE_NAME,
        mimeType: 'application/pdf',
        buffer: minimalPdf(),
      });
      await modal.getByText(`${EVIDENCE_NAME} (PDF,`).waitFor({ timeout: 30_000 });
      expect(await completedOn.inputValue()).toBe(COMPLETED_ON);
      await saveScreenshot(reporter, 'report-approval-1-filed');

      await reporter.getByTestId('report-submit').click();
      await reporter.getByText('Đã gửi báo cáo lên lãnh đạo cơ quan.').waitFor();
      await form.waitFor({ state: 'detached' });
      await obligation.getByText('Đã gửi, chờ lãnh đạo duyệt').waitFor({ timeout: 30_000 });
      await saveScreenshot(reporter, 'report-approval-2-submitted');

      // Leader of Bộ Công an: approve from the review queue.
      const leader = await pageAs(LEADER);
      const leaderRow = await reviewRow(leader, baseUrl);
      await saveScreenshot(leader, 'report-approval-3-leader-queue');
      await leaderRow.getByTestId('report-approve').click();
      await leader.getByText('Đã duyệt báo cáo.').waitFor();
      await leaderRow.waitFor({ state: 'detached', timeout: 30_000 });

      // Standing office: accept; the report now counts in the status engine.
      const officeRow = await reviewRow(office, baseUrl);
      await officeRow.getByTestId('report-accept').click();
      await office.getByText('Đã tiếp nhận báo cáo.').waitFor();
      await officeRow.waitFor({ state: 'detached', timeout: 30_000 });
      await saveScreenshot(office, 'report-approval-4-accepted');

      // The register shows the task completed on time, and both counts went up by exactly one.
      await office.goto(`${baseUrl}/tasks/${taskId}`);
      const status = office.getByTestId('task-status');
      await status.waitFor();
      expect(await status.innerText()).toBe(ON_TIME);
      expect(await office.getByTestId('task-detail-text').innerText()).toContain(TASK_TEXT);
      await saveScreenshot(office, 'report-approval-5-task');

      // The task left "Quá hạn" for "Hoàn thành đúng hạn".
      expect(await statusPageCounts(office, baseUrl)).toEqual({
        onTime: statusBefore.onTime + 1,
        overdue: statusBefore.overdue - 1,
      });
      await office.getByTestId('status-count-completedOnTime').click();
      await office.getByTestId('status-tasks').locator('tr.ant-table-row').first().waitFor();
      await saveScreenshot(office, 'report-approval-6-status');
      expect(await dashboardCount(office, baseUrl)).toBe(dashboardBefore + 1);
      await saveScreenshot(office, 'report-approval-7-dashboard');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
