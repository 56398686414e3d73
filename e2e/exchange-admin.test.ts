import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAPTOP_VIEWPORT, launchBrowser, saveScreenshot, shouldSkipBrowserTests, signIn } from './support/browser';
import { ensureWebBuild, type RunningServer, startServer } from './support/server';

const SETUP_TIMEOUT_MS = 240_000;
const JOURNEY_TIMEOUT_MS = 240_000;
const PARTNER_ID = 'he-thong-nq57';
const PARTNER_NAME = 'Hệ thống theo dõi Nghị quyết 57-NQ/TW';
// Set to run the journey against a server that is already up (with --demo data), e.g. while developing the page.
const EXTERNAL_BASE_URL = process.env.TIENDO_E2E_BASE_URL;

type Overview = {
  partners: {
    systemId: string;
    hasOutboundKey: boolean;
    credentials: { keyId: string; revokedAt: string | null }[];
  }[];
};

async function overview(page: Page, baseUrl: string): Promise<Overview> {
  return (await (await page.request.get(`${baseUrl}/api/v1/exchange`)).json()) as Overview;
}

describe.skipIf(shouldSkipBrowserTests())('journey: exchange administration', () => {
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

  it(
    'office adds a partner, issues a key shown once, enters the partner key, opens every tab, sets ownership, exchanges bundles',
    async () => {
      const context = await (browser as Browser).newContext({ viewport: LAPTOP_VIEWPORT, locale: 'vi-VN' });
      const page = await context.newPage();
      await signIn(page, baseUrl);

      // The menu leads to the page.
      await page.getByTestId('app-menu').getByText('Liên thông dữ liệu').click();
      await page.waitForURL(/\/exchange$/);
      await page.getByTestId('exchange-system-card').waitFor();
      const systemId = await page.getByTestId('exchange-system-id').innerText();
      expect(systemId.trim().length).toBeGreaterThan(0);

      // Add a partner.
      await page.getByTestId('partner-add').click();
      await page.getByTestId('partner-form-system-id').fill(PARTNER_ID);
      await page.getByTestId('partner-form-name').fill(PARTNER_NAME);
      await page.getByTestId('partner-form-base-url').fill('http://127.0.0.1:9/');
      await page.getByRole('dialog').getByRole('button', { name: 'Thêm', exact: true }).click();
      await page.getByTestId('partner-name').filter({ hasText: PARTNER_NAME }).waitFor();
      const afterCreate = await overview(page, baseUrl);
      expect(afterCreate.partners.map((p) => p.systemId)).toEqual([PARTNER_ID]);

      // Issue a key: shown once, with a copy button and the warning.
      await page.getByTestId('partner-issue-key').click();
      await page.getByTestId('credential-issue-submit').click();
      const keyLocator = page.getByTestId('issued-api-key');
      await keyLocator.waitFor();
      const apiKey = (await keyLocator.innerText()).trim();
      expect(apiKey).toMatch(/^tdk_[^.]+\..+/);
      await page.getByText('Khóa chỉ hiển thị một lần này').waitFor();
      await expect(
        page
          .getByRole('dialog')
          .getByRole('button', { name: /copy|sao chép/i })
          .count(),
      ).resolves.toBe(1);
      await saveScreenshot(page, 'exchange-key-once');
      await page.getByTestId('issued-key-done').click();
      await keyLocator.waitFor({ state: 'detached' });

      const afterIssue = await overview(page, baseUrl);
      const credentials = afterIssue.partners[0]?.credentials ?? [];
      expect(credentials).toHaveLength(1);
      expect(apiKey.startsWith(`tdk_${credentials[0]?.keyId}.`)).toBe(true);
      await page
        .getByTestId('credential-table')
        .getByText(credentials[0]?.keyId ?? '?')
        .waitFor();
      // The secret never comes back: not in the page after a reload, not in the API.
      await page.reload();
      await page.getByTestId('partner-name').filter({ hasText: PARTNER_NAME }).waitFor();
      expect(await page.content()).not.toContain(apiKey);
      expect(JSON.stringify(afterIssue)).not.toContain(apiKey.split('.')[1] ?? apiKey);

      // Enter the key the partner issued to us (a key in the same format).
      await page.getByTestId('partner-outbound-key').click();
      await page.getByTestId('outbound-key-input').fill(apiKey);
      await page.getByTestId('outbound-key-submit').click();
      await page.getByTestId('partner-table').getByText('đã nhập').waitFor();
      expect((await overview(page, baseUrl)).partners[0]?.hasOutboundKey).toBe(true);

      // Pulling from an unreachable partner says so in Vietnamese.
      await page.getByTestId('partner-pull').click();
      await page.getByText('Không kết nối được với hệ thống đối tác.').waitFor();
      await saveScreenshot(page, 'exchange-partners', true);

      // Every other tab opens on this fresh installation.
      const openTab = async (name: RegExp, testId: string) => {
        await page.getByRole('tab', { name }).click();
        await page.getByTestId(testId).waitFor();
      };
      await openTab(/Xung đột/, 'exchange-tabs');
      await page.getByText('Không có xung đột nào chờ quyết định').waitFor();
      await openTab(/Hàng đợi lỗi/, 'dead-letter-table');
      await openTab(/Ánh xạ mã/, 'id-map-queue');
      await openTab(/Sự kiện chờ xử lý/, 'parked-table');
      await openTab(/Nhật ký trao đổi/, 'exchange-log-table');

      // Default ownership rule: the partner owns the tasks.
      await page.getByRole('tab', { name: /Quy tắc làm chủ dữ liệu/ }).click();
      await page.waitForURL(/tab=ownership/);
      await page.getByTestId('ownership-tasks-source').click();
      await page.locator('.ant-select-item-option').filter({ hasText: 'Hệ thống đối tác' }).click();
      await page.getByTestId('ownership-save').click();
      const table = page.getByTestId('ownership-table');
      await table.getByText('Mặc định (các văn bản chưa có quy tắc riêng)').waitFor();
      await table.getByText('Hệ thống đối tác').waitFor();
      await saveScreenshot(page, 'exchange-ownership', true);

      // Data bundles: download this system's signed bundle (a ZIP).
      await page.getByRole('tab', { name: /Gói dữ liệu/ }).click();
      await page.waitForURL(/tab=bundles/);
      await page.getByTestId('bundle-export').waitFor();
      expect(await page.getByTestId('bundle-high-watermark').innerText()).toMatch(/\d/);
      const bundleResponse = page.waitForResponse((r) => r.url().includes('/api/v1/exchange/bundle'));
      const saved = page.waitForEvent('download');
      await page.getByTestId('bundle-download').click();
      const response = await bundleResponse;
      expect(response.status()).toBe(200);
      expect(response.headers()['content-disposition']).toMatch(/filename=".+\.tdx"/);
      // The file the browser saved, named from Content-Disposition.
      const download = await saved;
      expect(download.suggestedFilename()).toMatch(/\.tdx$/);
      const bundle = await readFile(await download.path());
      expect(bundle.subarray(0, 2).toString('latin1')).toBe('PK');
      await page.getByTestId('bundle-download-result').waitFor();

      // Our own bundle is not the partner's: refused with the problems listed, nothing imported.
      const fileInput = page.getByTestId('bundle-file').locator('input[type="file"]');
      const importCard = page.getByTestId('bundle-import');
      await fileInput.setInputFiles({ name: 'goi-cua-minh.tdx', mimeType: 'application/zip', buffer: bundle });
      await importCard.getByTestId('bundle-check').click();
      const problems = page.getByTestId('bundle-problems');
      await problems.waitFor();
      await problems.getByText('không có dữ liệu nào được nhập').waitFor();
      await problems.getByText(`không phải hệ thống đối tác ${PARTNER_ID}`, { exact: false }).waitFor();
      expect(await page.getByTestId('bundle-problem').count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId('bundle-import-submit').isDisabled()).toBe(true);

      // A tampered file (one byte of the deflated manifest changed) is refused too.
      const tampered = Buffer.from(bundle);
      tampered[100] = (tampered[100] ?? 0) ^ 0xff;
      await fileInput.setInputFiles({ name: 'bi-sua.tdx', mimeType: 'application/zip', buffer: tampered });
      await problems.waitFor({ state: 'detached' });
      await importCard.getByTestId('bundle-check').click();
      await problems.getByText('manifest.json', { exact: false }).first().waitFor();
      expect(await page.getByTestId('bundle-problem').count()).toBe(1);
      await saveScreenshot(page, 'exchange-bundle-refused', true);
      await context.close();
    },
    JOURNEY_TIMEOUT_MS,
  );
});
