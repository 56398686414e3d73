import path from 'node:path';
import { foldText } from '@shared/lib/vn-text';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAPTOP_VIEWPORT, launchBrowser, saveScreenshot, shouldSkipBrowserTests, signIn } from './support/browser';
import { ensureWebBuild, REPO_ROOT, type RunningServer, startServer } from './support/server';

const SEED_001 = path.join(REPO_ROOT, 'fixtures/seeds/001_da84f1939d876bb4.txt');
// Seed 001 PL06 e) row 86 writes this task in NFD; the search must find it typed without any diacritics.
const EXPECTED_TASK = 'Cơ sở dữ liệu quốc gia về Thủ tục hành chính';
const SEARCH_TEXT = 'co so du lieu quoc gia ve thu tuc hanh chinh';
// Set here, not in the shared config: PGlite's first start, the import and a possible vite build take a while.
const SETUP_TIMEOUT_MS = 180_000;
const JOURNEY_TIMEOUT_MS = 180_000;

describe.skipIf(shouldSkipBrowserTests())('journey: import a report through the UI, then find a task', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    // Demo accounts without the demo documents: the journey imports seed 001 into an empty register.
    server = await startServer({ args: ['--demo', '--no-demo-data'] });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: LAPTOP_VIEWPORT, locale: 'vi-VN' });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'previews and applies seed 001, then a diacritic-free search finds the Vietnamese task',
    async () => {
      const baseUrl = server?.baseUrl ?? '';
      await signIn(page, baseUrl);
      await page.goto(`${baseUrl}/imports`);
      await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(SEED_001);

      const applyButton = page.getByTestId('import-apply');
      await applyButton.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('import-summary').innerText()).toContain('Tạo mới');
      expect(await applyButton.isEnabled()).toBe(true);
      await saveScreenshot(page, 'import-preview');

      await applyButton.click();
      const success = page.getByTestId('import-success');
      await success.waitFor({ timeout: 60_000 });
      expect(await success.innerText()).toMatch(/Đã nhập “001_da84f1939d876bb4\.txt”: \d+ nhiệm vụ tạo mới/);
      await saveScreenshot(page, 'import-applied');

      await page.getByTestId('nav-tasks').click();
      await page.waitForURL(/\/tasks$/);
      await page.getByTestId('task-table').getByTestId('task-row').first().waitFor();

      await page.getByTestId('task-search').fill(SEARCH_TEXT);
      await page.waitForURL((url) => url.searchParams.get('q') === SEARCH_TEXT);
      const match = page.getByTestId('task-row').filter({ hasText: EXPECTED_TASK });
      await match.first().waitFor({ timeout: 30_000 });
      // Every row left on the page contains every searched word once diacritics are folded away.
      const rows = await page.getByTestId('task-row').allInnerTexts();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const folded = foldText(row);
        for (const word of SEARCH_TEXT.split(' ')) {
          expect(folded).toContain(word);
        }
      }
      await saveScreenshot(page, 'task-search');

      // The filtered URL is shareable: loading it afresh shows the same result.
      await page.goto(page.url());
      await page.getByTestId('task-row').filter({ hasText: EXPECTED_TASK }).first().waitFor();
      expect(await page.getByTestId('task-search').inputValue()).toBe(SEARCH_TEXT);

      await page.getByTestId('task-row').filter({ hasText: EXPECTED_TASK }).first().click();
      const detail = page.getByTestId('task-detail');
      await detail.waitFor();
      expect(await page.getByTestId('task-detail-text').innerText()).toContain(EXPECTED_TASK);
      expect(await detail.innerText()).toContain('001_da84f1939d876bb4.txt');
      await saveScreenshot(page, 'task-detail');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
