// Catalogue answers are cached per catalogue version (issue #7): a change made anywhere — another
// process's admin edit, the seed, a hand-made SQL fix — must be in the very next answer of every
// process, with a new ETag, and a phone holding the old ETag must get the new body, not a 304.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app';
import { createDatabase, type Db } from '../../server/src/db/database';
import type { ServiceItem } from '../../server/src/modules/catalogue/content';
import { createVersionedCache } from '../../server/src/modules/catalogue/versioned-cache';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { HOME } from './cases-fixtures';

// A second app start in the suite; the machine is shared and slow.
jest.setTimeout(60_000);

const CODE = 'shjz-01';
const ITEM = `/api/v1/services/${CODE}`;
const SEARCH = `/api/v1/services?q=${encodeURIComponent('低保')}`;

describe.each(testDatabases())('catalogue cache on $dialect', (testDb) => {
  let h: Harness;
  // Another API process on the same database, with its own cache.
  let other: FastifyInstance;
  let db: Db;

  beforeAll(async () => {
    h = await startHarness(testDb);
    other = await buildApp({ config: h.config, logger: false });
    db = createDatabase(h.config.database);
  }, 60_000);
  afterAll(async () => {
    await db?.destroy();
    await other?.close();
    await h?.close();
  });

  const get = (app: 'one' | 'other', url: string, headers: Record<string, string> = {}) =>
    app === 'one' ? h.call({ method: 'GET', url, headers }) : other.inject({ method: 'GET', url, headers });

  it('serves a change written straight into the database on the next read, with a new ETag', async () => {
    const before = await get('one', ITEM);
    const search = await get('one', SEARCH);
    expect(before.statusCode).toBe(200);
    // A second read is the cached answer: same bytes, and the ETag still answers 304.
    expect((await get('one', ITEM)).body).toBe(before.body);
    expect((await get('one', ITEM, { 'if-none-match': before.headers.etag as string })).statusCode).toBe(304);

    const row = await db.selectFrom('services').select('data').where('code', '=', CODE).executeTakeFirstOrThrow();
    const item = JSON.parse(row.data) as ServiceItem;
    const renamed = `${item.name}（手工修正）`;
    await db.updateTable('services').set({ name: renamed, data: JSON.stringify({ ...item, name: renamed }) }).where('code', '=', CODE).execute();

    const after = await get('one', ITEM);
    expect(after.json().name).toBe(renamed);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const revalidated = await get('one', ITEM, { 'if-none-match': before.headers.etag as string });
    expect(revalidated.statusCode).toBe(200);
    expect(revalidated.json().name).toBe(renamed);
    const searched = await get('one', SEARCH);
    expect(searched.headers.etag).not.toBe(search.headers.etag);
    expect(searched.json().items.map((i: { name: string }) => i.name)).toContain(renamed);
  });

  it("shows one process's admin edit in the other process's very next answer", async () => {
    // Both processes have the item cached.
    const seenByOne = await get('one', ITEM);
    expect((await get('other', ITEM)).body).toBe(seenByOne.body);

    const admin = await h.as({ name: '缓存县管', role: 'county_admin', villageCode: HOME });
    const editable = (await other.inject({ method: 'GET', url: `/api/v1/admin/catalogue/${CODE}`, headers: admin })).json();
    const tip = '缓存测试：办理前请先打电话问一问。';
    const item = { ...editable.item, guide: { ...editable.item.guide, tips: [...editable.item.guide.tips, tip] } };
    const saved = await other.inject({
      method: 'PUT',
      url: `/api/v1/admin/catalogue/${CODE}`,
      headers: { ...admin, 'idempotency-key': `cache-test-${Date.now()}` },
      payload: { baseVersion: editable.version, item },
    });
    expect(saved.statusCode).toBe(200);

    const now = await get('one', ITEM);
    expect(now.json().guide.tips).toContain(tip);
    expect(now.headers.etag).not.toBe(seenByOne.headers.etag);
    expect((await get('one', ITEM, { 'if-none-match': seenByOne.headers.etag as string })).statusCode).toBe(200);
  });

  it('shows a renamed category in the next list of categories and of services', async () => {
    const before = await get('other', '/api/v1/categories');
    const first = before.json().items[0] as { code: string; name: string };
    const list = await get('other', `/api/v1/services?category=${first.code}`);
    await db.updateTable('categories').set({ name: `${first.name}（新）` }).where('code', '=', first.code).execute();

    const after = await get('other', '/api/v1/categories');
    expect(after.json().items[0]).toMatchObject({ code: first.code, name: `${first.name}（新）` });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const relisted = await get('other', `/api/v1/services?category=${first.code}`);
    expect(relisted.json().items.every((i: { categoryName: string }) => i.categoryName === `${first.name}（新）`)).toBe(true);
    expect(relisted.headers.etag).not.toBe(list.headers.etag);
  });

  it('answers many reads at once with the same bytes, and errors are not cached', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => get('one', ITEM)));
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect((await get('one', '/api/v1/services/no-such-item')).statusCode).toBe(404);
    expect((await get('one', '/api/v1/services?category=no-such-category')).json().error.code).toBe('UNKNOWN_CATEGORY');
  });
});

describe('versioned cache', () => {
  it('never answers a caller with a version read that started before the call', async () => {
    let version = 1;
    let reads = 0;
    const pending: (() => void)[] = [];
    // Each read sees the version as it is when the read starts, and finishes when released.
    const cache = createVersionedCache(() => {
      reads += 1;
      const seen = String(version);
      return new Promise<string>((resolve) => pending.push(() => resolve(seen)));
    });
    const release = async () => {
      await new Promise((r) => setImmediate(r));
      pending.shift()?.();
      await new Promise((r) => setImmediate(r));
    };

    const early = cache.fresh();
    while (reads === 0) await new Promise((r) => setImmediate(r));
    // The first read is under way; the version changes, then more callers arrive together.
    version = 2;
    const late = Array.from({ length: 10 }, () => cache.fresh());
    await release();
    expect((await early).version).toBe('1');
    await release();
    expect((await Promise.all(late)).map((g) => g.version)).toEqual(Array(10).fill('2'));
    // Ten late callers shared one read.
    expect(reads).toBe(2);
  });

  it('answers every caller of one turn of the event loop with one read, however many awaits each took to get there', async () => {
    let reads = 0;
    const cache = createVersionedCache(async () => {
      reads += 1;
      return '1';
    });
    // Like requests delivered together, each going through a different number of async hooks.
    const after = async (awaits: number) => {
      for (let i = 0; i < awaits; i += 1) await Promise.resolve();
      return cache.fresh();
    };
    const generations = await Promise.all(Array.from({ length: 10 }, (_, i) => after(i * 3)));
    expect(new Set(generations).size).toBe(1);
    expect(reads).toBe(1);
    // The next turn reads again: an edit made since is seen.
    await new Promise((r) => setImmediate(r));
    await cache.fresh();
    expect(reads).toBe(2);
  });
});
