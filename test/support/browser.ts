// Debian's Chromium driven by playwright-core; a missing browser fails the run, never skips it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { failureLog } from './failure-log';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results');

export async function launchPhone(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const log = failureLog('phone log (failed requests, errors, then each page as it was left)');
  context.on('requestfailed', (r) => log.note(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  context.on('response', (r) => r.status() >= 400 && log.note(`${r.status()} ${r.request().method()} ${r.url()}`));
  context.on('weberror', (e) => log.note(`page error: ${e.error().message}`));
  context.on('console', (m) => m.type() === 'error' && log.note(`console: ${m.text()}`));
  return {
    context,
    close: async () => {
      await log.printIfFailed(() =>
        Promise.all(context.pages().map(async (p) => `${p.url()}\n  ${(await p.locator('body').innerText({ timeout: 2000 })).replace(/\s+/g, ' ').slice(0, 600)}`)),
      );
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
