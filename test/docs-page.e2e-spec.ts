import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { TestApp, startTestApp } from './support/test-app';

/** Debian's Chromium; CHROMIUM_PATH overrides it. .ci/run installs it when it is missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const itWithBrowser = existsSync(CHROMIUM) || process.env.CI !== undefined ? it : it.skip;

describe('/docs in a browser', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });

  afterAll(async () => {
    await service.close();
  });

  itWithBrowser(
    'renders Swagger UI with every endpoint listed',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'message-service-docs-'));
      const screenshot = process.env.DOCS_SCREENSHOT ?? join(folder, 'docs.png');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
        await page.goto(`${service.url}/docs`);
        await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
        const endpoints = await page.$$eval('.opblock-summary', (blocks) =>
          blocks.map((block) => {
            const method = block.querySelector('.opblock-summary-method')?.textContent ?? '';
            const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';
            return `${method} ${path}`;
          }),
        );
        await page.screenshot({ path: screenshot, fullPage: true });

        expect(endpoints.sort()).toEqual([
          'GET /health/live',
          'GET /health/ready',
          'GET /messages',
          'GET /metrics',
          'GET /stats',
          'POST /webhook',
        ]);
        expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      } finally {
        await browser.close();
        rmSync(folder, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
