// Catalogue editing (issue #6): a county admin edits an item with the seed's rules, every edit is
// a version (who, when, what), an old version can be restored, residents see the current one,
// and the seed never overwrites an edit at the next start.
import { Writable } from 'node:stream';
import { buildApp } from '../../server/src/app';
import { createDatabase, type Db } from '../../server/src/db/database';
import { seedCatalogue } from '../../server/src/db/seed';
import { serviceItems } from '../../server/src/db/seed/services';
import type { ServiceItem } from '../../server/src/modules/catalogue/content';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { HOME, type Headers } from './cases-fixtures';

// Two extra app starts in one test; the machine is shared and slow.
jest.setTimeout(60_000);

const CODE = 'shjz-01';
const ADMIN = '陈县管';
const NEW_TIP = '申请后请保持电话畅通。';
const NEW_KEYWORD = '兜底补助金';

interface Editable {
  code: string;
  version: number;
  edited: boolean;
  updatedAt: string;
  item: ServiceItem;
}
interface Problem {
  path: string;
  message: string;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
let keySeq = 0;
const key = () => `edit-test-${Date.now()}-${(keySeq += 1)}`;

describe.each(testDatabases())('catalogue editing on $dialect', (testDb) => {
  let h: Harness;
  let db: Db;
  let admin: Headers;

  beforeAll(async () => {
    h = await startHarness(testDb);
    db = createDatabase(h.config.database);
    admin = await h.as({ name: ADMIN, role: 'county_admin', villageCode: HOME });
  }, 30_000);
  afterAll(async () => {
    await db?.destroy();
    await h?.close();
  });

  const editable = async (code = CODE): Promise<Editable> => {
    const res = await h.call({ method: 'GET', url: `/api/v1/admin/catalogue/${code}`, headers: admin });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const put = (baseVersion: number, item: unknown, headers: Headers = admin, code = CODE) =>
    h.call({ method: 'PUT', url: `/api/v1/admin/catalogue/${code}`, payload: { baseVersion, item }, headers });
  const publicItem = async (code = CODE) => {
    const res = await h.call({ method: 'GET', url: `/api/v1/services/${code}` });
    expect(res.statusCode).toBe(200);
    return { item: res.json() as ServiceItem & { updatedAt: string }, etag: res.headers.etag as string };
  };
  const publicList = () => h.call({ method: 'GET', url: '/api/v1/services' });
  const search = async (q: string) =>
    ((await h.call({ method: 'GET', url: `/api/v1/services?q=${encodeURIComponent(q)}` })).json().items as { code: string }[]).map((i) => i.code);
  const versions = async (code = CODE) => {
    const res = await h.call({ method: 'GET', url: `/api/v1/admin/catalogue/${code}/versions`, headers: admin });
    expect(res.statusCode).toBe(200);
    return res.json().items as { version: number; changedBy: { name: string } | null; changedAt: string; changes: { path: string; before: string | null; after: string | null }[]; restoredFrom: number | null; current: boolean }[];
  };
  const invalid = async (item: unknown): Promise<Problem[]> => {
    const before = await editable();
    const res = await put(before.version, item);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ITEM_INVALID');
    expect(res.json().error.message).toMatch(/需要修改/);
    // Nothing changed: same version, same public item.
    expect(await editable()).toEqual(before);
    return res.json().error.problems;
  };

  it('shows a never-edited item as version 1, the seed content', async () => {
    const e = await editable();
    expect(e).toMatchObject({ code: CODE, version: 1, edited: false });
    expect(e.item).toEqual(serviceItems.find((i) => i.code === CODE));
    const list = await versions();
    expect(list).toEqual([expect.objectContaining({ version: 1, changedBy: null, changes: [], restoredFrom: null, current: true })]);
  });

  it('an edit round-trips: the admin and residents see it, the ETags change, search finds the new keyword', async () => {
    const before = await editable();
    const pub = await publicItem();
    const listEtag = (await publicList()).headers.etag;
    expect(await search(NEW_KEYWORD)).not.toContain(CODE);

    const item = clone(before.item);
    const oldTip = item.guide.tips[0];
    item.guide.tips[0] = NEW_TIP;
    item.keywords.push(NEW_KEYWORD);
    item.name = `${item.name}（新）`;
    const idem = key();
    const res = await put(before.version, item, { ...admin, 'idempotency-key': idem });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: CODE, version: 2, edited: true });

    // A resent save (same key) gets the same answer instead of a version conflict.
    const again = await put(before.version, item, { ...admin, 'idempotency-key': idem });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(res.json());

    const after = await editable();
    expect(after.version).toBe(2);
    expect(after.item).toEqual(item);
    const now = await publicItem();
    expect(now.item.guide.tips[0]).toBe(NEW_TIP);
    expect(now.item.guide.tips).not.toContain(oldTip);
    expect(now.item.name).toBe(item.name);
    expect(now.etag).not.toBe(pub.etag);
    // A phone revalidating with its old copy gets the new one, not 304.
    const revalidated = await h.call({ method: 'GET', url: `/api/v1/services/${CODE}`, headers: { 'if-none-match': pub.etag } });
    expect(revalidated.statusCode).toBe(200);
    expect(revalidated.json().guide.tips[0]).toBe(NEW_TIP);
    expect((await publicList()).headers.etag).not.toBe(listEtag);
    expect(await search(NEW_KEYWORD)).toEqual([CODE]);
  });

  it('saving an unchanged item makes no new version', async () => {
    const before = await editable();
    const count = (await versions()).length;
    // Key order, empty optional texts from the form and unknown fields do not count as a change.
    const reordered = Object.fromEntries(Object.entries(before.item).reverse());
    // Unknown fields are dropped, never stored.
    const withJunk = { ...reordered, tripsNote: before.item.tripsNote ?? '', junk: 'x', materials: before.item.materials.map((m) => ({ ...m, junk: 1 })) };
    const res = await put(before.version, withJunk);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(before);
    expect(await versions()).toHaveLength(count);
  });

  it('refuses an invalid edit with each problem on its field, and changes nothing', async () => {
    const { item } = await editable();

    const longSentence = clone(item);
    longSentence.guide.tips[1] = '请您带上户口簿和身份证原件以及家庭成员的收入证明材料到村委会找村干部一起办理。';
    const p1 = await invalid(longSentence);
    expect(p1).toEqual([expect.objectContaining({ path: 'guide.tips[1]', message: expect.stringMatching(/超过 30 个字/) })]);

    const dangling = clone(item);
    dangling.flow.steps[0].next = [{ to: 'nowhere' }];
    expect(await invalid(dangling)).toEqual(
      expect.arrayContaining([{ path: 'flow.steps[0].next[0].to', message: '指向的步骤“nowhere”不存在' }]),
    );

    const emptyName = clone(item);
    emptyName.name = ' ';
    expect(await invalid(emptyName)).toEqual([{ path: 'name', message: '事项名称不能为空' }]);

    const { fee: _fee, ...missingFee } = clone(item);
    expect(await invalid(missingFee)).toEqual([{ path: 'fee', message: '缺少这一项' }]);

    const wrongType = clone(item) as unknown as Record<string, unknown>;
    wrongType.promisedDays = '十天';
    expect(await invalid(wrongType)).toEqual([{ path: 'promisedDays', message: '应该是整数' }]);

    const recoded = { ...clone(item), code: 'shjz-99' };
    expect(await invalid(recoded)).toEqual(expect.arrayContaining([{ path: 'code', message: '事项编码不能修改' }]));

    const noCategory = { ...clone(item), category: 'nope' };
    expect(await invalid(noCategory)).toEqual([{ path: 'category', message: '没有“nope”这个分类' }]);

    const taken = { ...clone(item), name: serviceItems.find((i) => i.code !== CODE)!.name };
    expect(await invalid(taken)).toEqual([{ path: 'name', message: '已有同名的事项，请换个名称' }]);

    expect((await publicItem()).item.guide.tips[0]).toBe(NEW_TIP);
  });

  it('answers 409 when someone else saved since the editor loaded', async () => {
    const current = await editable();
    const item = clone(current.item);
    item.fee = '不收费（冲突测试）';
    const res = await put(current.version - 1, item);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VERSION_CONFLICT', message: expect.stringMatching(/重新载入/) });
    expect(await editable()).toEqual(current);
  });

  it('lets exactly one of two editors saving at once win; the other gets 409', async () => {
    const base = await editable();
    const edits = ['（甲）', '（乙）'].map((mark) => ({ ...clone(base.item), fee: `${base.item.fee}${mark}` }));
    const results = await Promise.all(edits.map((item) => put(base.version, item)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = edits[results.findIndex((r) => r.statusCode === 200)];
    expect(await editable()).toMatchObject({ version: base.version + 1, item: { fee: winner.fee } });
    // Back to the content the later tests expect.
    expect((await put(base.version + 1, base.item)).statusCode).toBe(200);
  });

  it('lists who changed what and when, newest first, and pages', async () => {
    const list = await versions();
    expect(list.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    const edit = list[2];
    const seed = list[3];
    expect(list[0]).toMatchObject({ current: true, changes: [expect.objectContaining({ path: 'fee' })] });
    expect(edit).toMatchObject({ changedBy: { name: ADMIN }, restoredFrom: null, current: false });
    expect(new Date(edit.changedAt).toISOString()).toBe(edit.changedAt);
    expect(edit.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'guide.tips[0]', after: NEW_TIP }),
        expect.objectContaining({ path: 'name', after: expect.stringContaining('（新）') }),
        expect.objectContaining({ path: `keywords[${serviceItems.find((i) => i.code === CODE)!.keywords.length}]`, before: null, after: NEW_KEYWORD }),
      ]),
    );
    expect(seed).toMatchObject({ version: 1, changedBy: null, current: false });

    const page = await h.call({ method: 'GET', url: `/api/v1/admin/catalogue/${CODE}/versions?limit=3`, headers: admin });
    expect(page.json()).toMatchObject({ items: [{ version: 4 }, { version: 3 }, { version: 2 }], nextBefore: 2 });
    const next = await h.call({ method: 'GET', url: `/api/v1/admin/catalogue/${CODE}/versions?limit=3&before=2`, headers: admin });
    expect(next.json()).toMatchObject({ items: [{ version: 1 }], nextBefore: null });

    const v1 = await h.call({ method: 'GET', url: `/api/v1/admin/catalogue/${CODE}/versions/1`, headers: admin });
    expect(v1.json().item).toEqual(serviceItems.find((i) => i.code === CODE));
    expect((await h.call({ method: 'GET', url: `/api/v1/admin/catalogue/${CODE}/versions/9`, headers: admin })).json().error.code).toBe('VERSION_NOT_FOUND');
  });

  it('restores an old version as a new version, and residents see the old text again', async () => {
    const seed = serviceItems.find((i) => i.code === CODE)!;
    const current = await editable();
    const stale = await h.call({ method: 'POST', url: `/api/v1/admin/catalogue/${CODE}/versions/1/restore`, payload: { baseVersion: 1 }, headers: admin });
    expect(stale.statusCode).toBe(409);

    const res = await h.call({ method: 'POST', url: `/api/v1/admin/catalogue/${CODE}/versions/1/restore`, payload: { baseVersion: current.version }, headers: { ...admin, 'idempotency-key': key() } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 5, edited: true, item: seed });
    expect((await publicItem()).item.guide.tips[0]).toBe(seed.guide.tips[0]);
    expect(await search(NEW_KEYWORD)).not.toContain(CODE);

    const [latest] = await versions();
    expect(latest).toMatchObject({ version: 5, restoredFrom: 1, current: true, changedBy: { name: ADMIN } });
    expect(latest.changes).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'guide.tips[0]', before: NEW_TIP, after: seed.guide.tips[0] })]));

    // Restoring what is already current makes no version.
    const same = await h.call({ method: 'POST', url: `/api/v1/admin/catalogue/${CODE}/versions/1/restore`, payload: { baseVersion: 5 }, headers: admin });
    expect(same.json()).toMatchObject({ version: 5 });
  });

  it('keeps an edit when the app starts again on the same database, and logs a seed change it did not apply', async () => {
    // A second API process on the same database has read (and may cache) the item before the edit.
    const second = await buildApp({ config: h.config, logger: false });
    try {
      const read = async () => (await second.inject({ method: 'GET', url: `/api/v1/services/${CODE}` })).json().guide.tips[0];
      expect(await read()).not.toBe(NEW_TIP);
      const base = await editable();
      const item = clone(base.item);
      item.guide.tips[0] = NEW_TIP;
      expect((await put(base.version, item)).statusCode).toBe(200);
      expect(await read()).toBe(NEW_TIP);
    } finally {
      await second.close();
    }

    // A later seed change for the edited item is not applied (and is reported); others still are.
    const other = serviceItems.find((i) => i.code !== CODE)!;
    const changedSeed = serviceItems.map((i) => (i.code === CODE || i.code === other.code ? { ...i, fee: `${i.fee}（新版种子）` } : i));
    const result = await seedCatalogue(db, changedSeed);
    expect(result).toMatchObject({ updated: 1, keptEdited: [CODE] });
    const rows = await db.selectFrom('services').select(['code', 'data']).where('code', 'in', [CODE, other.code]).execute();
    expect(JSON.parse(rows.find((r) => r.code === CODE)!.data).guide.tips[0]).toBe(NEW_TIP);
    expect(JSON.parse(rows.find((r) => r.code === CODE)!.data).fee).not.toMatch(/新版种子/);
    expect(JSON.parse(rows.find((r) => r.code === other.code)!.data).fee).toMatch(/新版种子/);

    // The next start seeds again: the edit survives, and the log says which edited item's seed differs.
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    await db.updateTable('services').set({ seed_hash: 'an-older-seed' }).where('code', '=', CODE).execute();
    const third = await buildApp({ config: h.config, logger: { level: 'warn', stream } });
    try {
      expect((await third.inject({ method: 'GET', url: `/api/v1/services/${CODE}` })).json().guide.tips[0]).toBe(NEW_TIP);
    } finally {
      await third.close();
    }
    const warning = lines.map((l) => JSON.parse(l)).find((l) => /edits were kept/.test(l.msg));
    expect(warning).toMatchObject({ level: 40, codes: [CODE] });
  });

  it('lets only county admins use the editing routes', async () => {
    const routes = [
      { method: 'GET' as const, url: `/api/v1/admin/catalogue/${CODE}` },
      { method: 'PUT' as const, url: `/api/v1/admin/catalogue/${CODE}`, payload: { baseVersion: 1, item: serviceItems[0] } },
      { method: 'GET' as const, url: `/api/v1/admin/catalogue/${CODE}/versions` },
      { method: 'GET' as const, url: `/api/v1/admin/catalogue/${CODE}/versions/1` },
      { method: 'POST' as const, url: `/api/v1/admin/catalogue/${CODE}/versions/1/restore`, payload: { baseVersion: 1 } },
    ];
    const others = [
      await h.as({ name: '编辑村民', villageCode: HOME }),
      await h.as({ name: '编辑村干部', role: 'cadre', villageCode: HOME }),
      await h.as({ name: '编辑乡镇管理员', role: 'township_admin', villageCode: HOME }),
    ];
    const before = await editable();
    for (const route of routes) {
      for (const headers of others) {
        const res = await h.call({ ...route, headers });
        expect({ url: route.url, status: res.statusCode, code: res.json().error.code }).toEqual({ url: route.url, status: 403, code: 'FORBIDDEN' });
      }
      expect((await h.call(route)).statusCode).toBe(401);
    }
    expect(await editable()).toEqual(before);
  });
});
