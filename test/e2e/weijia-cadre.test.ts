// The cadre's side of 微家 in two browsers: the cadre schedules a 政策宣讲, a villager signs up
// and sends a question, the cadre ticks who came and writes the summary, the villager reads it;
// a 微家 leader books a room half-day and a second booking of it, from a page opened before, is
// refused with the server's message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { launchPhone, SCREENSHOT_DIR } from '../support/browser';
import { root, startServer, stopServer, type ServerProcess } from '../support/server-process';
import { callApi, devLogin, signInAgain } from '../support/demo-api';

jest.setTimeout(180_000);

const HOME = DEMO_VILLAGES[0];
let dir: string;
let server: ServerProcess;
let base: string;
let phoneA: Awaited<ReturnType<typeof launchPhone>>;
let phoneB: Awaited<ReturnType<typeof launchPhone>>;

beforeAll(async () => {
  const h5 = path.join(root, 'dist/h5');
  if (!fs.existsSync(path.join(h5, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` (npm test does it)');
  // Our own database file: the test moves a talk's start into the past, as time would.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-site-'));
  server = startServer({ DATABASE_URL: `file:${path.join(dir, 'mulin.db')}`, H5_DIR: h5, MULIN_DEMO: '1', MULIN_DEV_LOGIN: '1' });
  base = await server.ready;
  [phoneA, phoneB] = await Promise.all([launchPhone(), launchPhone()]);
});

afterAll(async () => {
  await Promise.all([phoneA?.close(), phoneB?.close()]);
  if (server) await stopServer(server);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const api = <T>(method: string, url: string, token?: string, body?: unknown) => callApi<T>(base, method, url, token, body);
const login = (name: string, role = 'resident') => devLogin(base, name, role, HOME);
const signIn = (page: Page, name: string) => signInAgain(page, base, name);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-weijia-cadre-${name}.png`), fullPage: true });

it('the cadre schedules a 政策宣讲, records who came and the summary; the villager reads it', async () => {
  const cadre = await phoneB.context.newPage();
  await signIn(cadre, '张建华');
  await cadre.locator('.menu-list__item', { hasText: '龙门阵和宣讲' }).click();
  await cadre.getByRole('radio', { name: '政策宣讲' }).click();
  await cadre.locator('input[placeholder="主题，如 今年的医保怎么交"]').fill('新农合怎么缴费');
  await cadre.locator('.form__submit', { hasText: '发布' }).click();
  await cadre.locator('.wj-item', { hasText: '政策宣讲：新农合怎么缴费' }).waitFor();
  await shot(cadre, '1-scheduled');

  const cadreToken = await login('张建华', 'cadre');
  const talks = await api<{ items: { id: string; topic: string; capacity: number; place: string }[] }>('GET', `/talks?villageCode=${HOME}`, cadreToken);
  const talk = talks.body.items.find((t) => t.topic === '新农合怎么缴费')!;
  expect(talk).toMatchObject({ capacity: 30, place: '睦邻客厅' });

  const villager = await phoneA.context.newPage();
  await signIn(villager, '王秀英');
  await villager.goto(`${base}/#/weijia/talk/index?id=${talk.id}`);
  await villager.getByText('我要参加', { exact: true }).click();
  await villager.getByText(/我已报名/).waitFor();
  await villager.locator('input[placeholder="想问书记什么"]').fill('在外地打工的怎么交？');
  await villager.getByText('送出问题', { exact: true }).click();
  await villager.getByText('我：在外地打工的怎么交？').waitFor();

  // The talk takes place: its start moves into the past.
  const db = new SQLite(path.join(dir, 'mulin.db'));
  try {
    db.prepare('update talks set starts_at = ? where id = ?').run(new Date(Date.now() - 3_600_000).toISOString(), talk.id);
  } finally {
    db.close();
  }

  await cadre.goto(`${base}/#/cadre/talk/index?id=${talk.id}`);
  await cadre.getByText('王秀英：在外地打工的怎么交？').waitFor();
  await cadre.getByRole('checkbox', { name: /王秀英/ }).click();
  await cadre.getByText('保存到场名单', { exact: true }).click();
  await cadre.getByText('到场登记（已勾 1 人）').waitFor();
  await cadre.locator('textarea[placeholder="讲了什么、大家问了什么、接下来怎么办"]').fill('讲了今年新农合缴费标准和线上缴费办法，在外地打工的可以手机上交。');
  await cadre.getByText('保存小结', { exact: true }).click();
  await cadre.getByText('小结已公布，村民在活动页能看到').waitFor();
  await shot(cadre, '2-attendance-summary');
  const detail = await api<{ attendees: { name: string; attended: boolean }[] }>('GET', `/talks/${talk.id}`, cadreToken);
  expect(detail.body.attendees).toEqual([expect.objectContaining({ name: '王秀英', attended: true })]);

  await villager.reload();
  await villager.getByText('会后小结').waitFor();
  await villager.getByText(/在外地打工的可以手机上交/).waitFor();
  await shot(villager, '3-summary-read');
  await Promise.all([villager.close(), cadre.close()]);
});

it('a leader books a room half-day; the same half-day from a page opened earlier is refused', async () => {
  const leaderToken = await login('赵桂兰');
  const groups = await api<{ items: { id: string; name: string; nearness: string }[] }>('GET', '/groups?kind=recreation', leaderToken);
  const group = groups.body.items.find((g) => g.nearness === 'mine')!;

  const first = await phoneA.context.newPage();
  await signIn(first, '赵桂兰');
  const second = await phoneB.context.newPage();
  await signIn(second, '赵桂兰');
  // The second phone opens the booking page before the first books.
  await second.goto(`${base}/#/weijia/rooms/index?id=${group.id}`);
  await second.getByRole('radio', { name: '微家活动室' }).click();
  await second.getByRole('radio', { name: '下午' }).click();
  await second.locator('input[placeholder="用途，如 排练广场舞"]').fill('排练');

  await first.goto(`${base}/#/weijia/group/index?id=${group.id}`);
  await first.getByText('预约微家工作室 / 活动室', { exact: true }).click();
  await first.getByRole('radio', { name: '微家活动室' }).click();
  await first.getByRole('radio', { name: '下午' }).click();
  await first.locator('input[placeholder="用途，如 排练广场舞"]').fill('排练广场舞');
  await first.locator('.form__submit', { hasText: '预约' }).click();
  await first.locator('.wj-item', { hasText: '下午 · 微家活动室' }).waitFor();
  await shot(first, '4-booked');

  await second.locator('.form__submit', { hasText: '预约' }).click();
  await second.locator('.form__error', { hasText: '这个时段房间已被预约，请换个时段' }).waitFor();
  // Reloaded after the clash: the half-day now shows who has it.
  await second.getByRole('radio', { name: new RegExp(`下午（已被「${group.name}」预约）`) }).waitFor();
  await shot(second, '5-refused');
  const bookings = await api<{ items: { purpose: string }[] }>('GET', `/rooms/${HOME}/bookings`, leaderToken);
  expect(bookings.body.items.map((b) => b.purpose)).toEqual(['排练广场舞']);

  await first.getByText('取消预约', { exact: true }).click();
  await first.getByText('近两周还没有预约').waitFor();
  expect((await api<{ items: unknown[] }>('GET', `/rooms/${HOME}/bookings`, leaderToken)).body.items).toEqual([]);
  await Promise.all([first.close(), second.close()]);
});

it('a question the content check held waits in the cadre’s review queue until 通过', async () => {
  const cadreToken = await login('张建华', 'cadre');
  const talk = await schedule(cadreToken, '村道修缮听意见');
  const villager = await phoneA.context.newPage();
  await signIn(villager, '王秀英');
  await villager.goto(`${base}/#/weijia/talk/index?id=${talk.id}`);
  await villager.locator('input[placeholder="想问书记什么"]').fill('修路的钱不够能不能去上访');
  await villager.getByText('送出问题', { exact: true }).click();
  await villager.getByText('我：修路的钱不够能不能去上访（审核中）').waitFor();

  const cadre = await phoneB.context.newPage();
  await signIn(cadre, '张建华');
  await cadre.locator('.menu-list__item', { hasText: '待审核内容' }).click();
  const card = cadre.locator('.wj-card', { hasText: '修路的钱不够能不能去上访' });
  await card.getByText('提前提问 · 村道修缮听意见').waitFor();
  await shot(cadre, '6-review-queue');
  await card.getByText('通过', { exact: true }).click();
  await cadre.getByText('没有待审核的内容').waitFor();

  await villager.reload();
  await villager.getByText('我：修路的钱不够能不能去上访', { exact: true }).waitFor();
  await Promise.all([villager.close(), cadre.close()]);
});

// Creates take an Idempotency-Key.
async function schedule(token: string, topic: string): Promise<{ id: string }> {
  const res = await fetch(`${base}/api/v1/talks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `e2e-review-${Date.now()}` },
    body: JSON.stringify({ kind: 'secretary_talk', topic, startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), place: '睦邻客厅', capacity: 20, villageCode: HOME }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}
