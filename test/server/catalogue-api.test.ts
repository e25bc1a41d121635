import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app';
import { categories } from '../../server/src/db/seed/categories';
import { serviceItems } from '../../server/src/db/seed/services';
import type { ServiceItem } from '../../server/src/modules/catalogue/content';
import { validateCatalogue } from '../../server/src/modules/catalogue/validate';
import { testConfig, testDatabases } from '../support/test-db';

interface Summary {
  code: string;
  category: string;
  categoryName: string;
  channels: { proxy: boolean; online: boolean; appointment: boolean };
  delegated: boolean;
}

const CHINESE = /[\u4e00-\u9fa5]/;

describe.each(testDatabases())('catalogue API on $dialect', (testDb) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(await testDb.create()), logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await testDb.drop();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const list = async (query: string): Promise<Summary[]> => {
    const res = await get(`/api/v1/services?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };

  it('lists the 11 categories in order with their item counts', async () => {
    const res = await get('/api/v1/categories');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((c: { code: string }) => c.code)).toEqual(categories.map((c) => c.code));
    expect(items[0]).toEqual({
      code: 'shjz',
      name: '社会救助',
      icon: '救',
      description: categories[0].description,
      count: serviceItems.filter((i) => i.category === 'shjz').length,
    });
    expect(items.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(56);
  });

  it('lists all 56 items in catalogue order, each with its category name and channels', async () => {
    const items = await list('');
    expect(items).toHaveLength(56);
    const order = [...serviceItems]
      .sort((a, b) => categories.findIndex((c) => c.code === a.category) - categories.findIndex((c) => c.code === b.category) || a.code.localeCompare(b.code))
      .map((i) => i.code);
    expect(items.map((i) => i.code)).toEqual(order);
    const low = items.find((i) => i.code === 'shjz-01')!;
    const seed = serviceItems.find((i) => i.code === 'shjz-01')!;
    expect(low).toEqual({
      code: seed.code,
      name: seed.name,
      category: 'shjz',
      categoryName: '社会救助',
      department: seed.department,
      channels: seed.channels,
      trips: seed.trips,
      promisedDays: seed.promisedDays,
      delegated: seed.delegated,
    });
    expect(items.filter((i) => i.delegated)).toHaveLength(11);
  });

  it('returns every item in full, and the whole catalogue read back passes the content rules', async () => {
    const items = await list('');
    const fetched: ServiceItem[] = [];
    for (const { code } of items) {
      const res = await get(`/api/v1/services/${code}`);
      expect(res.statusCode).toBe(200);
      const { categoryName, updatedAt, ...item } = res.json();
      expect(categoryName).toBe(categories.find((c) => c.code === item.category)!.name);
      expect(new Date(updatedAt).toISOString()).toBe(updatedAt);
      // Nothing lost or added on the way through the database and the serializer.
      expect(item).toEqual(serviceItems.find((s) => s.code === code));
      fetched.push(item);
    }
    expect(validateCatalogue(fetched, categories)).toEqual([]);
  });

  it('shows the full guide of one item: card, flow, plain-language sheet, materials', async () => {
    const res = await get('/api/v1/services/shjz-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const item = res.json();
    expect(item.name).toBe('城乡居民最低生活保障（低保）申请');
    expect(item.categoryName).toBe('社会救助');
    expect(item.flow.steps.length).toBeGreaterThanOrEqual(3);
    expect(item.guide.faq.length).toBeGreaterThanOrEqual(2);
    expect(item.card.figures.length).toBeGreaterThanOrEqual(3);
    expect(item.materials.length).toBeGreaterThan(0);
  });

  it('answers an unknown item with 404 and a Chinese message', async () => {
    const res = await get('/api/v1/services/shjz-99');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'SERVICE_NOT_FOUND', message: '没有找到这个办事事项，请返回目录重新查找' } });
  });

  it.each(['低保', 'dibao', 'db', 'DiBao ', ' di bao'])('finds the 低保 application first for %p', async (q) => {
    const items = await list(`q=${encodeURIComponent(q)}`);
    expect(items[0].code).toBe('shjz-01');
  });

  it('returns an empty list, not an error, when nothing matches', async () => {
    const res = await get(`/api/v1/services?q=${encodeURIComponent('qqqzzzxxx')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null });
  });

  it('finds every item of a category by the category name', async () => {
    const items = await list(`q=${encodeURIComponent('退役军人')}`);
    const expected = serviceItems.filter((i) => i.category === 'tyjr').map((i) => i.code);
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(expected));
  });

  it('filters by category and by channel, alone and together', async () => {
    const cjr = await list('category=cjr');
    expect(cjr.map((i) => i.code)).toEqual(serviceItems.filter((i) => i.category === 'cjr').map((i) => i.code).sort());

    for (const channel of ['proxy', 'online', 'appointment'] as const) {
      const items = await list(`channel=${channel}`);
      expect(items.length).toBe(serviceItems.filter((i) => i.channels[channel]).length);
      expect(items.every((i) => i.channels[channel])).toBe(true);
    }

    const both = await list('category=ylbz&channel=online');
    expect(both.map((i) => i.code).sort()).toEqual(
      serviceItems.filter((i) => i.category === 'ylbz' && i.channels.online).map((i) => i.code).sort(),
    );
    const searched = await list(`category=shjz&q=${encodeURIComponent('低保')}`);
    expect(searched[0].code).toBe('shjz-01');
    expect(searched.every((i) => i.category === 'shjz')).toBe(true);
  });

  it('pages with limit and cursor through the whole list without gaps or repeats', async () => {
    const all = (await list('')).map((i) => i.code);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await get(`/api/v1/services?${query}`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(20);
      seen.push(...page.items.map((i: Summary) => i.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it.each([
    ['limit=abc', 'BAD_REQUEST', 'limit'],
    ['limit=0', 'BAD_REQUEST', 'limit'],
    ['limit=101', 'BAD_REQUEST', 'limit'],
    ['limit=2.5', 'BAD_REQUEST', 'limit'],
    ['channel=fax', 'BAD_REQUEST', 'channel'],
    ['category=', 'BAD_REQUEST', 'category'],
    [`q=${'低'.repeat(51)}`, 'BAD_REQUEST', 'q'],
    ['category=nope', 'UNKNOWN_CATEGORY', '分类'],
    ['cursor=not-a-cursor', 'BAD_CURSOR', '翻页'],
  ])('refuses %s with 400 %s and a Chinese message', async (query, code, mention) => {
    const res = await get(`/api/v1/services?${query}`);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(CHINESE);
    expect(error.message).toContain(mention);
  });

  it('ignores query parameters it does not know', async () => {
    const plain = await get('/api/v1/services?category=cjr');
    const extra = await get('/api/v1/services?category=cjr&utm_source=wechat&_t=123');
    expect(extra.statusCode).toBe(200);
    expect(extra.body).toBe(plain.body);
  });

  it.each(['/api/v1/categories', '/api/v1/services?category=shjz', '/api/v1/services/shjz-01'])(
    'sends a strong ETag on %s and 304 with no body when it still matches',
    async (url) => {
      const first = await get(url);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(first.headers['cache-control']).toBe('no-cache');

      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);

      const stale = await get(url, { 'if-none-match': '"something-else"' });
      expect(stale.statusCode).toBe(200);
      expect(stale.body).toBe(first.body);
    },
  );

  it('gives different bodies different ETags', async () => {
    const a = await get('/api/v1/services/shjz-01');
    const b = await get('/api/v1/services/shjz-02');
    expect(a.headers.etag).not.toBe(b.headers.etag);
  });
});
