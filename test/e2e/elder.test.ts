// 长辈模式 measured in the browser: with it on, body text ≥ 18 px, page titles ≥ 30 px and
// every tap target ≥ 60 px tall on the home, catalogue and item pages; with it off, unchanged.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchPhone, SCREENSHOT_DIR } from '../support/browser';
import { startSite, type Site } from '../support/server-process';

jest.setTimeout(120_000);

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

// Smallest font size (CSS px) among visible elements matching the selector.
const minFont = (selector: string) =>
  page.$$eval(selector, (els) =>
    Math.min(...els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => parseFloat(getComputedStyle(e).fontSize))),
  );
const minHeight = (selector: string) =>
  page.$$eval(selector, (els) =>
    Math.min(...els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getBoundingClientRect().height)),
  );

async function checkPage(texts: string[], titles: string[], targets: string[], on: boolean) {
  for (const t of texts) {
    const size = await minFont(t);
    if (on) expect({ t, size: size >= 18 }).toEqual({ t, size: true });
  }
  for (const t of titles) {
    const size = await minFont(t);
    expect({ t, big: size >= 30 }).toEqual({ t, big: on });
  }
  for (const t of targets) {
    const h = await minHeight(t);
    if (on) expect({ t, tall: h >= 60 }).toEqual({ t, tall: true });
  }
}

it('switches on from 我的 and makes text and targets big on home, catalogue and item pages', async () => {
  await page.goto(base);
  await page.getByText('不用', { exact: true }).click();
  await page.locator('.home__cat').first().waitFor();
  // Off, the page title is ordinary size: the switch is what makes the difference.
  await checkPage([], ['.home__title'], [], false);

  await page.goto(`${base}/#/pages/me/index`);
  await page.locator('.elder-switch').click();
  await page.locator('.elder-switch__state', { hasText: '已开启' }).waitFor();

  await page.goto(base);
  await page.locator('.home__cat').first().waitFor();
  await checkPage(['.home__cat-name', '.home__cat-count', '.home__tile'], ['.home__title'], ['.home__cat', '.home__tile', '.home__search'], true);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-elder-home.png'), fullPage: true });

  await page.goto(`${base}/#/pages/services/index`);
  await page.locator('.service-list__item').first().waitFor();
  await checkPage(['.service-list__name', '.service-list__dept', '.service-list__tag', '.services__cat'], [], ['.service-list__item', '.services__cat', '.search-bar'], true);

  await page.goto(`${base}/#/guide/detail/index?code=shjz-01`);
  await page.locator('.sheet__line').first().waitFor();
  await checkPage(['.sheet__line', '.sheet__title', '.detail__fact', '.detail__dept'], ['.detail__name'], ['.tab-switch__tab', '.detail__btn'], true);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-elder-item.png'), fullPage: true });
});
