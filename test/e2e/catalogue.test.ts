// A villager in a phone-sized Chromium: search by pinyin, open 城乡低保, read its flowchart and
// materials — against the built H5 served by the real server on a real SQLite file.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { serviceItems } from '../../server/src/db/seed/services';
import { launchPhone, SCREENSHOT_DIR } from '../support/browser';
import { startSite, type Site } from '../support/server-process';

jest.setTimeout(120_000);

const dibao = serviceItems.find((i) => i.code === 'shjz-01')!;
let site: Site;
let base: string;
let browser: Awaited<ReturnType<typeof launchPhone>>;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  base = site.base;
  browser = await launchPhone();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

it('finds 城乡低保 by typing "dibao" and shows its flowchart and materials', async () => {
  await page.goto(base);
  await page.getByText('按类别找').waitFor();
  await page.getByText('办事', { exact: true }).last().click();

  await page.locator('.search-bar__input input').fill('dibao');
  const result = page.locator('.service-list__item').first();
  await result.getByText(dibao.name).waitFor();
  await result.click();

  await page.locator('.detail__name', { hasText: dibao.name }).waitFor();
  await page.getByText(dibao.guide.what[0]).first().waitFor();

  await page.getByRole('tab', { name: '流程图' }).click();
  for (const step of dibao.flow.steps) {
    await page.locator(`[data-step="${step.id}"]`).getByText(step.title, { exact: true }).waitFor();
  }
  const labels = dibao.flow.steps.flatMap((s) => s.next.map((n) => n.label).filter(Boolean));
  for (const label of labels) await page.getByText(label!, { exact: true }).first().waitFor();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-dibao-flowchart.png'), fullPage: true });

  await page.getByRole('tab', { name: '材料' }).click();
  for (const m of dibao.materials) await page.getByText(m.name, { exact: true }).waitFor();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-dibao-materials.png'), fullPage: true });
});

it('keeps showing the catalogue from the device copy when the network drops', async () => {
  await page.goto(base);
  await page.getByText('社会救助').first().waitFor();
  await page.getByText('办事', { exact: true }).last().click();
  await page.locator('.service-list__item').first().waitFor();

  await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await page.getByText('办事', { exact: true }).last().click();
  await page.getByText(/^离线内容，更新于/).first().waitFor();
  // The whole list, from the device copy (it fills in after its first screen).
  await page.waitForFunction((n) => document.querySelectorAll('.service-list__item').length === n, serviceItems.length, { timeout: 5000 });
  await page.unroute('**/api/**');
});
