// The heart of it, in two browsers at once: a villager books 代办 for 城乡低保; the cadre on duty
// accepts it, records the materials, completes it; the villager sees the receipt and the
// timeline and rates it 满意.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { serviceItems } from '../../server/src/db/seed/services';
import { launchPhone, SCREENSHOT_DIR } from '../support/browser';
import { startSite, type Site } from '../support/server-process';

jest.setTimeout(180_000);

const dibao = serviceItems.find((i) => i.code === 'shjz-01')!;
let site: Site;
let base: string;
let residentPhone: Awaited<ReturnType<typeof launchPhone>>;
let cadrePhone: Awaited<ReturnType<typeof launchPhone>>;
let resident: Page;
let cadre: Page;

beforeAll(async () => {
  site = await startSite({ MULIN_DEMO: '1', MULIN_DEV_LOGIN: '1' });
  base = site.base;
  // Two browser profiles: two phones, two people signed in at the same time.
  [residentPhone, cadrePhone] = await Promise.all([launchPhone(), launchPhone()]);
  resident = await residentPhone.context.newPage();
  cadre = await cadrePhone.context.newPage();
});

afterAll(async () => {
  await Promise.all([residentPhone?.close(), cadrePhone?.close()]);
  await site?.stop();
});

async function signIn(page: Page, name: string) {
  await page.goto(`${base}/#/pages/me/index`);
  await page.locator('.me__login').click();
  await page.locator('.login__identity', { hasText: name }).click();
  await page.locator('.me__name', { hasText: name }).waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-case-${name}.png`), fullPage: true });

it('a villager books 代办 for 城乡低保, the cadre handles it, the villager sees the receipt and rates it', async () => {
  // The cadre puts themself on the rota so the living room has bookable half-days.
  await signIn(cadre, '张建华');
  await cadre.locator('.menu-list__label', { hasText: '村干部工作台' }).click();
  await cadre.getByText('排班：我哪天值班').click();
  const rows = cadre.locator('.duty__row');
  await rows.first().waitFor();
  for (let i = 0; i < 4; i++) {
    await rows.nth(i).click();
    await cadre.locator('.duty__row--mine').nth(i).waitFor();
  }

  // The villager fills the profile (needed to book), then books 代办 from the item page.
  await signIn(resident, '王秀英');
  await resident.locator('.menu-list__label', { hasText: '我的资料' }).click();
  await resident.locator('.form__input input').nth(1).fill('13912345678');
  await resident.getByRole('radio', { name: '坪滩镇' }).click();
  await resident.getByRole('radio', { name: '桂花村' }).click();
  await resident.locator('.form__box').click();
  await resident.getByText('保存', { exact: true }).click();
  await resident.locator('.me__line', { hasText: '13912345678' }).waitFor();

  await resident.goto(`${base}/#/guide/detail/index?code=shjz-01`);
  await resident.locator('.detail__name', { hasText: dibao.name }).waitFor();
  await resident.getByText('预约代办', { exact: true }).click();
  await resident.locator('.booking__title').waitFor();
  await resident.locator('.slot-picker__slot').first().click();
  const required = dibao.materials.filter((m) => m.required);
  await resident.locator('.checklist__item', { hasText: required[0].name }).click();
  if (required.length > 1) await resident.getByText(/还缺：/).waitFor();
  await shot(resident, '1-booking');
  await resident.getByText('提交', { exact: true }).click();
  await resident.locator('.case__status', { hasText: '待受理' }).waitFor();
  const number = (await resident.locator('.case__line').first().textContent())!.replace('办件编号 ', '').trim();
  expect(number).toMatch(/^YC-\d{8}-\d{4}$/);

  // The cadre finds it in 待受理, accepts, starts, records a material, completes.
  await cadre.goto(`${base}/#/cadre/workbench/index`);
  await cadre.locator('.case-list__item', { hasText: number }).click();
  await cadre.locator('.case__status', { hasText: '待受理' }).waitFor();
  await cadre.getByText('受理', { exact: true }).click();
  await cadre.locator('.case__status', { hasText: '已受理' }).waitFor();
  await cadre.getByText('开始办理', { exact: true }).click();
  await cadre.locator('.case__status', { hasText: '办理中' }).waitFor();
  await cadre.locator('.pick', { hasText: required[0].name }).click();
  await cadre.getByText('记录收到', { exact: true }).click();
  await cadre.locator('.receipt__name', { hasText: required[0].name }).waitFor();
  await cadre.getByText('办结', { exact: true }).click();
  await cadre.getByRole('textbox', { name: '比如：已批准，下月起发放' }).fill('材料已报乡镇，审核通过后按月发放');
  await cadre.getByText('确认办结', { exact: true }).click();
  await cadre.locator('.case__status', { hasText: '已办结' }).waitFor();
  await shot(cadre, '2-cadre-completed');

  // The villager sees the result, the receipt and the timeline, and rates it.
  await resident.getByText('刷新', { exact: true }).click();
  await resident.locator('.case__status', { hasText: '已办结' }).waitFor();
  await resident.locator('.receipt__name', { hasText: required[0].name }).waitFor();
  for (const step of ['提交申请', '受理', '开始办理', '收到材料', '办结']) {
    await resident.locator('.timeline__what', { hasText: step }).first().waitFor();
  }
  await resident.getByRole('radio', { name: '满意', exact: true }).click();
  await resident.getByText('提交评价', { exact: true }).click();
  await resident.locator('.case__row', { hasText: '满意' }).waitFor();
  await shot(resident, '3-resident-rated');
});
