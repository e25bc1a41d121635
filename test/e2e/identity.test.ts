// Who is who, in the browser: pick a demo identity, fill the profile, agree to privacy, see the
// role in 我的; an admin issues a binding code and a villager becomes the village's cadre.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPhone, SCREENSHOT_DIR } from '../support/browser';
import { startSite, type Site } from '../support/server-process';

jest.setTimeout(120_000);

let site: Site;
let base: string;
let browser: Awaited<ReturnType<typeof launchPhone>>;

beforeAll(async () => {
  site = await startSite({ MULIN_DEMO: '1', MULIN_DEV_LOGIN: '1' });
  base = site.base;
  browser = await launchPhone();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

// Each person gets a fresh page with empty storage, as on their own phone.
async function phone(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(base);
  await page.evaluate('localStorage.clear()');
  return page;
}

async function openMe(page: Page) {
  await page.goto(`${base}/#/pages/me/index`);
  await page.locator('.me__card').waitFor();
}

async function pickIdentity(page: Page, name: string) {
  await openMe(page);
  await page.locator('.me__login').click();
  await page.getByText('选择演示身份').waitFor();
  await page.locator('.login__identity', { hasText: name }).click();
  await page.locator('.me__name', { hasText: name }).waitFor();
}

it('我的 stays on screen after a quick sign-in, once every page transition has ended', async () => {
  const page = await phone(browser.context);
  await openMe(page);
  await page.locator('.me__login').click();
  await page.locator('.login__identity', { hasText: '王秀英' }).click();
  const name = page.locator('.me__name', { hasText: '王秀英' });
  await name.waitFor();
  // Opening 登录 set 我的 to be hidden once its slide-out ended (350 ms); back sooner than that,
  // the page came back and then went blank under the tab bar.
  await page.waitForTimeout(1000);
  expect(await name.isVisible()).toBe(true);
  await page.locator('.menu-list__label', { hasText: '我的办件' }).click();
  await page.getByText('没有正在办的事').waitFor();
});

it('a villager signs in, fills the profile with privacy agreed, and sees 村民 in 我的', async () => {
  const page = await phone(browser.context);
  await pickIdentity(page, '王秀英');
  await page.locator('.me__role', { hasText: '村民' }).waitFor();

  await page.locator('.menu-list__label', { hasText: '我的资料' }).click();
  await page.locator('.form__input input').first().fill('王秀英');
  await page.locator('.form__input input').nth(1).fill('13912345678');
  await page.getByRole('radio', { name: '坪滩镇' }).click();
  await page.getByRole('radio', { name: '桂花村' }).click();

  await page.getByText('保存', { exact: true }).click();
  await page.getByText('填写手机号前，请先勾选同意《隐私保护指引》').waitFor();
  // The box itself: the words beside it link to the privacy guide.
  await page.locator('.form__box').click();
  await page.getByText('保存', { exact: true }).click();

  await page.locator('.me__line', { hasText: '13912345678' }).waitFor();
  await page.locator('.me__line', { hasText: '桂花村' }).waitFor();
  await page.locator('.menu-list__item', { hasText: '隐私保护指引' }).getByText('已同意').waitFor();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-me-resident.png'), fullPage: true });
  await page.close();
});

it('a township admin issues a binding code and the villager who types it becomes the cadre', async () => {
  const admin = await phone(browser.context);
  await pickIdentity(admin, '刘芳');
  await admin.locator('.menu-list__label', { hasText: '发放绑定码' }).click();
  await admin.getByRole('radio', { name: '桂花村' }).click();
  await admin.getByText('生成绑定码', { exact: true }).click();
  const code = (await admin.locator('.issued__code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await admin.close();

  // Another person on a phone of their own (fresh storage): the neighbour taking the role.
  const villager = await phone(browser.context);
  await pickIdentity(villager, '李德贵');
  await villager.locator('.menu-list__label', { hasText: '输入绑定码' }).click();
  await villager.locator('.form__input input').fill(code);
  await villager.getByText('确认绑定', { exact: true }).click();
  await villager.getByText(/绑定成功，您现在是桂花村的村干部/).waitFor();
  await openMe(villager);
  await villager.locator('.me__role', { hasText: '村干部' }).waitFor();
  await villager.screenshot({ path: path.join(SCREENSHOT_DIR, 'e2e-me-cadre.png'), fullPage: true });
  await villager.close();
});
