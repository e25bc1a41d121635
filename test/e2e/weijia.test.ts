// 微家 and 和事佬 in two browsers: a villager finds 同乐微家 of her village, joins, signs up for
// an activity, and the leader checks her in with the code on her phone; she asks 和事佬 for
// help, the village cadre takes it and records the outcome; her neighbour sees none of it.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { launchPhone, SCREENSHOT_DIR } from '../support/browser';
import { startSite, type Site } from '../support/server-process';
import { callApi, devLogin, signInAgain } from '../support/demo-api';

jest.setTimeout(180_000);

const HOME = DEMO_VILLAGES[0];
let site: Site;
let base: string;
let phoneA: Awaited<ReturnType<typeof launchPhone>>;
let phoneB: Awaited<ReturnType<typeof launchPhone>>;

beforeAll(async () => {
  site = await startSite({ MULIN_DEMO: '1', MULIN_DEV_LOGIN: '1' });
  base = site.base;
  [phoneA, phoneB] = await Promise.all([launchPhone(), launchPhone()]);
});

afterAll(async () => {
  await Promise.all([phoneA?.close(), phoneB?.close()]);
  await site?.stop();
});

// Fixtures through the API, as a cadre would set them up in the app.
const api = <T>(method: string, url: string, token?: string, body?: unknown) => callApi<T>(base, method, url, token, body);
const login = (name: string, role = 'resident') => devLogin(base, name, role, HOME);
const signIn = (page: Page, name: string) => signInAgain(page, base, name);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-weijia-${name}.png`), fullPage: true });

it('a villager joins 同乐微家, signs up, and the leader checks her in', async () => {
  // The demo village's 同乐微家 is led by 赵桂兰; she posts a dance evening.
  const leaderToken = await login('赵桂兰');
  const groups = await api<{ items: { id: string; name: string; nearness: string }[] }>('GET', '/groups?kind=recreation', leaderToken);
  const group = { body: groups.body.items.find((g) => g.nearness === 'mine')! };
  expect(group.body).toBeDefined();
  // Two hours from now: sign-up still open, and check-in opens a day before the start.
  const startsAt = new Date(Date.now() + 2 * 3_600_000);
  const activity = await api<{ id: string }>('POST', `/groups/${group.body.id}/activities`, leaderToken, {
    title: '周末坝坝舞',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
    place: '睦邻客厅活动室',
    capacity: 20,
    openToAll: false,
  });
  expect(activity.status).toBe(201);

  const villager = await phoneA.context.newPage();
  await signIn(villager, '王秀英');
  await villager.goto(`${base}/#/pages/groups/index`);
  await villager.getByRole('button', { name: '同乐微家' }).click();
  await villager.locator('.weijia__group', { hasText: '同乐微家' }).filter({ hasText: '本村' }).click();
  await villager.getByText('加入微家', { exact: true }).click();
  await villager.locator('.wj-item', { hasText: '周末坝坝舞' }).click();
  await villager.getByText('我要报名', { exact: true }).click();
  const code = (await villager.locator('.wj-card__code').textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  await shot(villager, '1-signed-up');

  const leaderPage = await phoneB.context.newPage();
  await signIn(leaderPage, '赵桂兰');
  await leaderPage.goto(`${base}/#/weijia/activity/index?id=${activity.body.id}`);
  await leaderPage.locator('input[placeholder="输入村民手机上的6位数字"]').fill(code);
  await leaderPage.getByText('按数字签到', { exact: true }).click();
  await leaderPage.locator('.wj-item', { hasText: '王秀英' }).getByText(/已签到/).waitFor();
  await shot(leaderPage, '2-checked-in');

  await villager.reload();
  await villager.locator('.wj-card__title', { hasText: '已签到' }).waitFor();
  await Promise.all([villager.close(), leaderPage.close()]);
});

it('和事佬: a villager asks for help, the cadre records the outcome, a neighbour sees nothing', async () => {
  // Asking needs a profile with the privacy guide agreed (as in the identity test, done here by API).
  const asker = await login('王秀英');
  const version = (await api<{ privacy: { currentVersion: string } }>('GET', '/me', asker)).body.privacy.currentVersion;
  await api('POST', '/me/privacy', asker, { version });
  expect((await api('PATCH', '/me', asker, { name: '王秀英', phone: '13912345678', villageCode: HOME })).status).toBe(200);
  const villager = await phoneA.context.newPage();
  await signIn(villager, '王秀英');
  await villager.goto(`${base}/#/pages/groups/index`);
  await villager.getByText('邻里有矛盾？请和事佬帮忙').click();
  await villager.getByRole('radio', { name: '邻里纠纷' }).click();
  await villager.locator('input[placeholder="比如：隔壁刘家"]').fill('隔壁刘家');
  await villager.locator('textarea[placeholder="比如：隔壁修房子，把水沟堵了"]').fill('隔壁修房子把水沟堵了，下雨淹了我家菜地');
  await villager.locator('.form__submit', { hasText: '请和事佬帮忙' }).click();
  await villager.locator('.wj-card__title', { hasText: '邻里纠纷' }).waitFor();
  const id = new URL(villager.url().replace('#', '')).searchParams.get('id')!;

  const cadre = await phoneB.context.newPage();
  await signIn(cadre, '张建华');
  await cadre.goto(`${base}/#/weijia/mediations/index`);
  await cadre.locator('.wj-item', { hasText: '邻里纠纷' }).first().click();
  await cadre.getByText('我来调解', { exact: true }).click();
  await cadre.getByRole('radio', { name: '调解成功' }).click();
  await cadre.locator('textarea[placeholder="双方同意的协议内容"]').fill('刘家三天内疏通水沟，赔菜苗钱两百元');
  await cadre.getByText('记录结果', { exact: true }).click();
  await cadre.getByText(/调解成功，协议：刘家三天内疏通水沟/).waitFor();
  await shot(cadre, '3-mediation-outcome');

  await villager.reload();
  await villager.getByText(/调解成功，协议/).waitFor();

  // The neighbour: not in her lists, and the case itself answers 404.
  const neighbour = await phoneB.context.newPage();
  await signIn(neighbour, '李德贵');
  await neighbour.goto(`${base}/#/weijia/mediations/index`);
  await neighbour.getByText('没有求助').waitFor();
  expect(await neighbour.getByText('本村的调解').count()).toBe(0);
  const token = await login('李德贵');
  expect((await api('GET', `/mediations/${id}`, token)).status).toBe(404);
  const lists = [await api<{ items?: { id: string }[] }>('GET', '/mediations/mine', token), await api<{ items?: { id: string }[] }>('GET', '/mediations', token)];
  for (const l of lists) expect((l.body.items ?? []).some((m) => m.id === id)).toBe(false);
  await Promise.all([villager.close(), cadre.close(), neighbour.close()]);
});
