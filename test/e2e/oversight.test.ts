// 月观摩 and 好中差评定 in the browser: the county admin draws this month's rooms with a seed (the
// record re-runs to the same rooms), scores one on the phone form with a site photo, and reads
// the village's band and the reasons behind it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { drawRooms } from '../../server/src/modules/observations/draw';
import { launchPhone, SCREENSHOT_DIR } from '../support/browser';
import { root, startServer, stopServer, type ServerProcess } from '../support/server-process';

jest.setTimeout(180_000);

let dir: string;
let server: ServerProcess;
let base: string;
let phone: Awaited<ReturnType<typeof launchPhone>>;

beforeAll(async () => {
  const h5 = process.env.H5_DIR ?? path.join(root, 'dist/h5');
  if (!fs.existsSync(path.join(h5, 'index.html'))) throw new Error(`${h5} is missing: run \`npm run build:h5\` (npm test does it)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-oversight-'));
  server = startServer({ DATABASE_URL: `file:${path.join(dir, 'mulin.db')}`, UPLOAD_DIR: path.join(dir, 'uploads'), H5_DIR: h5, MULIN_DEMO: '1', MULIN_DEV_LOGIN: '1' });
  base = await server.ready;
  phone = await launchPhone();
});

afterAll(async () => {
  await phone?.close();
  if (server) await stopServer(server);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-oversight-${name}.png`), fullPage: true });

async function signInAsCounty(page: Page) {
  await page.goto(`${base}/#/pages/me/index`);
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await page.locator('.me__login').click();
  await page.locator('.login__identity', { hasText: '县级管理员' }).click();
  await page.locator('.me__name', { hasText: '陈明' }).waitFor();
}

it('the county draws with a seed, scores a drawn room with a photo, and reads the band with its reasons', async () => {
  const page = await phone.context.newPage();
  await signInAsCounty(page);
  await page.locator('.menu-list__item', { hasText: '月观摩' }).click();
  await page.getByText('本月还没有抽取。').waitFor();
  await page.getByRole('radio', { name: '4 个' }).click();
  await page.locator('input[placeholder="例如：20261128"]').fill('e2e-2026');
  await page.locator('.form__submit', { hasText: '抽取' }).click();
  await page.getByText(/种子：e2e-2026（从 12 个中抽取，可复核）/).waitFor();
  await shot(page, '1-drawn');

  // What the page shows is what the record re-runs to.
  const rooms = await page.locator('.observe__room .observe__title').allTextContents();
  expect(rooms).toHaveLength(4);
  const token = await page.evaluate(() => {
    const raw = localStorage.getItem('mulin:session') ?? '';
    const parsed = JSON.parse(raw) as { data?: { accessToken: string }; accessToken?: string };
    return parsed.data?.accessToken ?? parsed.accessToken ?? '';
  });
  const draws = await (await fetch(`${base}/api/v1/observations/draws`, { headers: { authorization: `Bearer ${token}` } })).json();
  const draw = draws.items[0] as { seed: string; count: number; candidates: { villageCode: string }[]; result: { villageCode: string; villageName: string }[] };
  expect(drawRooms(draw.seed, draw.candidates.map((c) => c.villageCode), draw.count)).toEqual(draw.result.map((r) => r.villageCode));
  expect(rooms.map((r) => r.split(' ')[1])).toEqual(draw.result.map((r) => r.villageName));

  await page.locator('.observe__room').first().click();
  await page.getByText('门头标识统一规范').waitFor();
  await page.getByLabel('门头标识统一规范减一分').click();
  await page.getByLabel('门头标识统一规范减一分').click();
  await page.locator('input[placeholder="扣分原因（选填）"]').first().fill('门头字体褪色');
  await page.getByText(/合计 98 \/ 100 分/).waitFor();
  // A real picture: the H5 image picker decodes it before handing it over.
  const photo = path.join(root, 'src/assets/tab/home.png');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.form__secondary', { hasText: '拍现场照片' }).click()]);
  await chooser.setFiles(photo);
  await page.getByText(/已传 1 张现场照片/).waitFor();
  await page.locator('textarea[placeholder="亮点、问题和整改要求"]').fill('整体规范，门头需翻新');
  await page.locator('.form__submit', { hasText: '提交评分' }).click();
  await page.getByText('已评估：98 分').waitFor();
  await shot(page, '2-scored');

  await page.goto(`${base}/#/admin/bands/index`);
  await page.getByRole('radio', { name: '本月' }).click();
  const scored = draw.result[0].villageName;
  const row = page.locator('.bands__village', { hasText: scored });
  await row.locator('.bands__head').click();
  await row.getByText('为什么是这个等级').waitFor();
  await row.getByText(/月观摩 1 次平均 98 分，得分率 98% × 100 = 98 分/).waitFor();
  await expect(row.locator('.bands__chip').textContent()).resolves.toBe('好');
  await shot(page, '3-band');
});
