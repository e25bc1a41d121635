// Print pages as HTML from the real app on both databases: what a printed notice says, that it
// reads the current database, that people's names are escaped and their phones never printed,
// and that mini-program codes come from WeChat once per item and page, then from the cache.
import fc from 'fast-check';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createDatabase, type Db } from '../../server/src/db/database';
import { serviceItems } from '../../server/src/db/seed/services';
import { mondayOf, posterMonday } from '../../server/src/modules/print/service';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { createGroup, idOf, type Headers } from './groups-fixtures';
import { HOME } from './cases-fixtures';
import { PRIVACY_VERSION } from '../../server/src/modules/users/service';

// The booklet renders 56 sheets: seconds on a busy machine.
jest.setTimeout(120_000);

const WXACODE = '/wxa/getwxacodeunlimit';
const dibao = serviceItems.find((i) => i.code === 'shjz-01')!;

// The text of the first embedded PNG QR code on a page.
function decodeEmbeddedPng(page: string): string | undefined {
  const b64 = /src="data:image\/png;base64,([^"]+)"/.exec(page)?.[1];
  if (!b64) return undefined;
  const png = PNG.sync.read(Buffer.from(b64, 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe.each(testDatabases())('print pages on $dialect', (testDb) => {
  let h: Harness;
  let db: Db;
  const get = (url: string) => h.call({ method: 'GET', url });
  const wxCalls = () => h.wechat.state.calls[WXACODE] ?? 0;

  beforeAll(async () => {
    // The harness points the adapter at its fake WeChat: WeChat counts as configured.
    h = await startHarness(testDb);
    db = createDatabase(h.config.database);
  });
  afterAll(async () => {
    await db?.destroy();
    await h?.close();
  });

  it('prints an item with its name, category, 一卡通, every flowchart step, the whole 明白纸 and phones', async () => {
    const res = await get('/print/items/shjz-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const page = res.body;
    expect(page).toContain(`<h1>${dibao.name}</h1>`);
    expect(page).toContain('社会救助');
    expect(page).toContain(dibao.card.summary);
    for (const f of dibao.card.figures) expect(page).toContain(f.value);
    for (const step of dibao.flow.steps) expect(page).toContain(`<b class="step__title">${step.title}</b>`);
    for (const label of dibao.flow.steps.flatMap((s) => s.next.map((n) => n.label)).filter(Boolean)) expect(page).toContain(`<b>${label}</b>`);
    for (const title of ['这是什么', '谁能办', '要带什么', '怎么办', '要多久', '花多少钱', '温馨提示', '常见问题']) expect(page).toContain(`■ ${title}`);
    // Steps are numbered once, by the page.
    expect(page).toContain(`1. ${dibao.guide.steps[0]}`);
    expect(page).not.toContain('1. 1.');
    for (const line of [...dibao.guide.what, ...dibao.guide.tips]) expect(page).toContain(line);
    for (const f of dibao.guide.faq) expect(page).toContain(f.q);
    expect(page).toContain(dibao.consultPhone);
    expect(page).toContain('@page { size: A4 portrait;');
    expect(page).toContain('微信扫一扫，手机上看');
  });

  it('uses a mini-program code for the item from WeChat once, then the cached one', async () => {
    const before = wxCalls();
    const first = (await get('/print/items/shjz-02')).body;
    expect(decodeEmbeddedPng(first)).toBe('guide/detail/index?scene=shjz-02');
    expect(wxCalls()).toBe(before + 1);
    const again = (await get('/print/items/shjz-02')).body;
    expect(decodeEmbeddedPng(again)).toBe('guide/detail/index?scene=shjz-02');
    expect(wxCalls()).toBe(before + 1);
  });

  it('falls back to a QR of the H5 page while WeChat is down, and asks again next time', async () => {
    h.wechat.state.failNext(3, 'http500');
    const down = (await h.call({ method: 'GET', url: '/print/items/shjz-03', headers: { host: 'print.example.cn' } })).body;
    expect(down).not.toContain('data:image/png');
    expect(down).toMatch(/<figure class="qr qr--h5"><svg /);
    const up = (await get('/print/items/shjz-03')).body;
    expect(decodeEmbeddedPng(up)).toBe('guide/detail/index?scene=shjz-03');
  });

  it('prints what the database says now: an edited item reprints as edited', async () => {
    const row = await db.selectFrom('services').select('data').where('code', '=', 'wsjs-01').executeTakeFirstOrThrow();
    const data = JSON.parse(row.data);
    const oldName = data.name;
    data.name = '改过的名字 <b>生育登记</b>';
    await db.updateTable('services').set({ data: JSON.stringify(data) }).where('code', '=', 'wsjs-01').execute();
    try {
      const page = (await get('/print/items/wsjs-01')).body;
      expect(page).toContain('<h1>改过的名字 &lt;b&gt;生育登记&lt;/b&gt;</h1>');
      expect(page).not.toContain('<b>生育登记</b>');
      expect(page).not.toContain(`<h1>${oldName}</h1>`);
    } finally {
      await db.updateTable('services').set({ data: row.data }).where('code', '=', 'wsjs-01').execute();
    }
  });

  it('answers a plain error for an unknown item, a bad village, a bad week, and never a 5xx for junk', async () => {
    const error = async (url: string) => {
      const res = await get(url);
      return `${res.statusCode} ${res.json().error.code}`;
    };
    expect(await error('/print/items/no-such-item')).toBe('404 SERVICE_NOT_FOUND');
    expect(await error('/print/rooms/abc')).toBe('400 BAD_REGION_CODE');
    expect(await error('/print/rooms/511621999999')).toBe('404 LIVING_ROOM_NOT_FOUND');
    expect(await error(`/print/rooms/${HOME}?week=2026-02-30`)).toBe('400 BAD_DATE');
    expect(await error(`/print/rooms/${HOME}?week=monday`)).toBe('400 BAD_REQUEST');
    for (const url of ['/print/items/%E0%A4%A', `/print/items/${'x'.repeat(40)}`, '/print/items/%3Cscript%3E', '/print/rooms/%00', `/print/rooms/${HOME}?week[]=1`, '/print/rooms/%E0%A4%A']) {
      const res = await get(url);
      expect({ url, status: res.statusCode < 500 }).toEqual({ url, status: true });
    }
  });

  it('answers random junk in every print path and query with a 4xx in the error format, never a 5xx', async () => {
    const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('shjz-01', HOME, '%', '%E0%A4%A', '..', '%00', '<script>'));
    const url = fc.oneof(
      segment.map((s) => `/print/items/${encodeURIComponent(s)}`),
      fc.tuple(segment, fc.option(fc.string({ maxLength: 20 }))).map(([v, w]) => `/print/rooms/${encodeURIComponent(v)}${w === null ? '' : `?week=${encodeURIComponent(w)}`}`),
      fc.constantFrom('/print/items/%', '/print/rooms/%zz', '/print/items/', `/print/rooms/${HOME}?week=2026-13-01`),
    );
    await fc.assert(
      fc.asyncProperty(url, async (u) => {
        const res = await get(u);
        if (res.statusCode >= 500) return false;
        if (res.statusCode < 400) return res.headers['content-type'] === 'text/html; charset=utf-8';
        const body = res.json() as { error?: { code?: unknown; message?: unknown } };
        return typeof body.error?.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(body.error.code) && /[\u4e00-\u9fff]/.test(String(body.error.message));
      }),
      { numRuns: 150 },
    );
  });

  describe('the living-room poster', () => {
    let cadre: Headers;
    let dutyDay: string;

    beforeAll(async () => {
      cadre = await h.as({ name: '坐班<王>', role: 'cadre', villageCode: HOME });
      await h.call({ method: 'POST', url: '/api/v1/me/privacy', headers: cadre, payload: { version: PRIVACY_VERSION } });
      expect((await h.call({ method: 'PATCH', url: '/api/v1/me', headers: cadre, payload: { phone: '13912345678' } })).statusCode).toBe(200);
      // A working half-day a week or two ahead: always in the future, whatever day the test runs.
      const from = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
      const slots = (await get(`/api/v1/duty?villageCode=${HOME}&from=${from}`)).json().items as { date: string; half: string }[];
      dutyDay = slots[0].date;
      expect((await h.call({ method: 'PUT', url: `/api/v1/duty/${HOME}/${dutyDay}/am`, headers: cadre })).statusCode).toBe(200);
      await db.updateTable('living_rooms').set({ phone: '0826-5201234' }).where('village_code', '=', HOME).execute();
      const leader = await h.as({ name: '牵头人<i>李</i>', villageCode: HOME });
      expect((await createGroup(h, cadre, { name: '夕阳红<script>合唱</script>队', scopeCode: HOME, leaderId: await idOf(h, leader) })).statusCode).toBe(201);
    });

    it("shows the room, every item with channels, the week's duty by name, the groups and their leaders", async () => {
      const res = await get(`/print/rooms/${HOME}?week=${dutyDay}`);
      expect(res.statusCode).toBe(200);
      const page = res.body;
      expect(page).toContain('@page { size: A3 portrait;');
      expect(page).toContain('桂花村睦邻客厅');
      expect(page).toContain('坪滩镇');
      expect(page).toContain('0826-5201234');
      for (const item of serviceItems) expect(page).toContain(`<td>${item.name}</td>`);
      expect(page).toMatch(/<th>代办<\/th><th>网上办<\/th><th>预约办<\/th>/);
      expect(page).toMatch(new RegExp(`<tr class="rota__day"><th>[^<]+</th><td>坐班&lt;王&gt;</td><td>—</td></tr>`));
      expect(page).toContain('桂花村同乐微家');
      expect(page).toContain('负责人：赵桂兰');
      expect(page).toContain('夕阳红&lt;script&gt;合唱&lt;/script&gt;队');
      expect(page).toContain('负责人：牵头人&lt;i&gt;李&lt;/i&gt;');
      expect(page).not.toContain('<script>');
      expect(page).not.toContain('13912345678');
      expect(page).not.toMatch(/1[3-9]\d{9}/);
    });

    it("puts the living room's mini-program code on it", async () => {
      const page = (await get(`/print/rooms/${HOME}`)).body;
      expect(decodeEmbeddedPng(page)).toBe(`pages/home/index?scene=${HOME}`);
      expect(page).toContain('微信扫一扫，进睦邻客厅');
    });
  });

  it('prints the booklet: cover, contents with page numbers, one sheet per item, codes asked for once', async () => {
    const callsBefore = wxCalls();
    const res = await get('/print/booklet');
    expect(res.statusCode).toBe(200);
    const page = res.body;
    expect(page.match(/<article class="sheet item /g)).toHaveLength(serviceItems.length);
    expect(page).toContain('共 11 类 56 项');
    // Contents: item k (catalogue order) is on page k + 2, after the cover and the contents.
    const sheets = [...page.matchAll(/<article class="sheet item [^"]*" data-code="([^"]+)"/g)].map((m) => m[1]);
    const first = serviceItems.find((i) => i.code === sheets[0])!;
    expect(page).toContain(`<li><span>${first.name}</span><span>3</span></li>`);
    expect(new Set(sheets)).toEqual(new Set(serviceItems.map((i) => i.code)));
    // Four items were printed (and their codes kept) by the tests above.
    expect(wxCalls() - callsBefore).toBe(serviceItems.length - ['shjz-01', 'shjz-02', 'shjz-03', 'wsjs-01'].length);
    const calls = wxCalls();
    await get('/print/booklet');
    expect(wxCalls()).toBe(calls);
  });
});

describe('the week a poster shows', () => {
  it('is this week on weekdays and the next one from Saturday on', () => {
    expect(posterMonday('2026-11-25')).toBe('2026-11-23'); // Wednesday
    expect(posterMonday('2026-11-27')).toBe('2026-11-23'); // Friday
    expect(posterMonday('2026-11-28')).toBe('2026-11-30'); // Saturday
    expect(posterMonday('2026-11-29')).toBe('2026-11-30'); // Sunday
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  });
});
