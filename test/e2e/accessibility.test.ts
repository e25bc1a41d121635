// Accessibility rules (axe-core, in Chromium) and render cost on the pages villagers use most:
// no serious or critical axe violation; the catalogue list and the item page stay under WeChat's
// audit limits (< 1,000 nodes, depth < 30), counted on the rendered H5 DOM.
import type { Page } from 'playwright-core';
import { launchPhone } from '../support/browser';
import { startSite, type Site } from '../support/server-process';

jest.setTimeout(120_000);

const AXE = require.resolve('axe-core/axe.min.js');
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

const PAGES: [string, string, string][] = [
  ['home', '/#/pages/home/index', '.home__cat'],
  ['catalogue', '/#/pages/services/index', '.service-list__item'],
  ['item', '/#/guide/detail/index?code=shjz-01', '.sheet__line'],
  ['flowchart tab', '/#/guide/detail/index?code=shjz-01', '.sheet__line'],
  ['me', '/#/pages/me/index', '.me__card'],
];

async function open(url: string, ready: string) {
  await page.goto(`${base}${url}`);
  await page.locator(ready).first().waitFor();
}

async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

// Nodes and depth of the page that is showing (Taro keeps hidden pages in the DOM).
async function renderCost(): Promise<{ nodes: number; depth: number }> {
  return page.evaluate(() => {
    const visible = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none');
    const shown = visible[visible.length - 1] ?? document.body;
    let nodes = 0;
    let depth = 0;
    const walk = (el: Element, d: number) => {
      nodes++;
      depth = Math.max(depth, d);
      for (const c of Array.from(el.children)) walk(c, d + 1);
    };
    walk(shown, 1);
    return { nodes, depth };
  });
}

it.each(PAGES)('%s has no serious or critical accessibility violation', async (name, url, ready) => {
  await open(url, ready);
  if (name === 'flowchart tab') await page.getByRole('tab', { name: '流程图' }).click();
  expect(await axeViolations()).toEqual([]);
});

it('keeps the catalogue list and the item page under 1,000 nodes and depth 30', async () => {
  const figures: Record<string, { nodes: number; depth: number }> = {};
  await open('/#/pages/services/index', '.service-list__item');
  // The list fills in after its first screen: count it whole.
  const total = Number((await page.locator('.services__count').innerText()).match(/\d+/)![0]);
  await page.waitForFunction((n) => document.querySelectorAll('.service-list__item').length === n, total);
  figures.catalogue = await renderCost();
  await open('/#/guide/detail/index?code=shjz-01', '.sheet__line');
  figures.item = await renderCost();
  await page.getByRole('tab', { name: '流程图' }).click();
  figures.flowchart = await renderCost();
  console.log(`render cost (nodes / depth): ${Object.entries(figures).map(([k, v]) => `${k} ${v.nodes}/${v.depth}`).join(', ')}`);
  for (const [name, f] of Object.entries(figures)) {
    expect({ name, nodes: f.nodes < 1000, depth: f.depth < 30 }).toEqual({ name, nodes: true, depth: true });
  }
});
