// A county admin edits a 明白纸 sentence of 城乡低保 in the console editor (a too-long sentence is
// refused next to its line first); a villager whose phone already kept the old page sees the new
// sentence on the item page.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { serviceItems } from '../../server/src/db/seed/services';
import { launchPhone, SCREENSHOT_DIR } from '../support/browser';
import { startSite, type Site } from '../support/server-process';

jest.setTimeout(180_000);

const dibao = serviceItems.find((i) => i.code === 'shjz-01')!;
const NEW_TIP = '申请后请保持电话畅通，村里会来电核实。';
const TOO_LONG = '请您带上户口簿和身份证原件以及家庭成员的收入证明材料到村委会找村干部一起办理。';
let site: Site;
let base: string;
let adminPhone: Awaited<ReturnType<typeof launchPhone>>;
let residentPhone: Awaited<ReturnType<typeof launchPhone>>;
let admin: Page;
let resident: Page;

beforeAll(async () => {
  site = await startSite({ MULIN_DEMO: '1', MULIN_DEV_LOGIN: '1' });
  base = site.base;
  [adminPhone, residentPhone] = await Promise.all([launchPhone(), launchPhone()]);
  admin = await adminPhone.context.newPage();
  resident = await residentPhone.context.newPage();
});

afterAll(async () => {
  await Promise.all([adminPhone?.close(), residentPhone?.close()]);
  await site?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-catalogue-edit-${name}.png`), fullPage: true });

it('a county admin changes a 明白纸 sentence and a villager sees it on the item page', async () => {
  // The villager reads the item first, so the phone keeps the old page and its ETag.
  await resident.goto(`${base}/#/guide/detail/index?code=shjz-01`);
  await resident.getByText(dibao.guide.tips[0]).first().waitFor();
  expect(await resident.getByText('编辑', { exact: true }).count()).toBe(0);

  await admin.goto(`${base}/#/pages/me/index`);
  await admin.locator('.me__login').click();
  await admin.locator('.login__identity', { hasText: '陈明' }).click();
  await admin.locator('.me__name', { hasText: '陈明' }).waitFor();
  await admin.goto(`${base}/#/guide/detail/index?code=shjz-01`);
  await admin.locator('.detail__name', { hasText: dibao.name }).waitFor();
  await admin.getByText('编辑', { exact: true }).click();
  await admin.locator('.edit__name', { hasText: dibao.name }).waitFor();
  await admin.getByText(/第 1 版/).waitFor();

  await admin.getByRole('tab', { name: '明白纸' }).click();
  // The seventh part of the sheet is 温馨提示.
  const tips = admin.locator('.edit__textarea textarea').nth(6);
  expect(await tips.inputValue()).toBe(dibao.guide.tips.join('\n'));

  await tips.fill([TOO_LONG, ...dibao.guide.tips.slice(1)].join('\n'));
  await admin.getByText('保存修改', { exact: true }).click();
  await admin.getByText(/^第 1 行：这句有 \d+ 个字，超过 30 个字/).waitFor();
  await admin.getByRole('tab', { name: '明白纸（1）' }).waitFor();
  await shot(admin, '1-problem');

  await tips.fill([NEW_TIP, ...dibao.guide.tips.slice(1)].join('\n'));
  await admin.getByText('保存修改', { exact: true }).click();
  await admin.getByText(/第 2 版 · 改过/).waitFor();
  await admin.getByRole('tab', { name: '历史版本' }).click();
  await admin.getByText(`明白纸·温馨提示 第 1 条：“${dibao.guide.tips[0]}” → “${NEW_TIP}”`).waitFor();
  await shot(admin, '2-history');

  await resident.reload();
  await resident.getByText(NEW_TIP).first().waitFor();
  expect(await resident.getByText(dibao.guide.tips[0], { exact: true }).count()).toBe(0);
  await shot(resident, '3-resident');
});
