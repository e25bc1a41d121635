import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app';
import type { DatabaseConfig } from '../../server/src/config';
import { createDatabase, type Db } from '../../server/src/db/database';
import { DEMO_TOWNSHIPS, DEMO_VILLAGES, seedDemoRegions } from '../../server/src/db/seed/demo-regions';
import { parseCsv } from '../../server/src/modules/regions/csv';
import { CSV_COLUMNS, importRegions, RegionImportError } from '../../server/src/modules/regions/import';
import { createRegionsRepository } from '../../server/src/modules/regions/repository';
import { createRegionsService, isVillageInTownship, isWithinRegion } from '../../server/src/modules/regions/service';
import { root } from '../support/server-process';
import { databaseUrl, testConfig, testDatabases } from '../support/test-db';

jest.setTimeout(60_000);

const CHINESE = /[\u4e00-\u9fa5]/;
const HEADER = CSV_COLUMNS.join(',');

// A county of 20 townships and 463 villages, the size of Yuechi: 3 townships of 24, 17 of 23.
function countyCsv(county: string, rename: Record<string, string> = {}): string {
  const lines = [HEADER];
  for (let t = 0; t < 20; t += 1) {
    const township = `${county}${100 + t}`;
    for (let v = 0; v < (t < 3 ? 24 : 23); v += 1) {
      const village = `${township}${201 + v}`;
      lines.push([county, '示例县', township, `示例${t + 1}镇`, village, rename[village] ?? `示例${t + 1}镇${v + 1}村`].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

async function importError(db: Db, csv: string | Buffer): Promise<RegionImportError> {
  const err = await importRegions(db, csv).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegionImportError);
  return err as RegionImportError;
}

describe('region code helpers', () => {
  it('tells whether a village lies in a township', () => {
    expect(isVillageInTownship('511621102201', '511621102')).toBe(true);
    expect(isVillageInTownship('511621110201', '511621102')).toBe(false);
    expect(isVillageInTownship('511621102', '511621102')).toBe(false);
    expect(isVillageInTownship('511621102201', '511621')).toBe(false);
  });

  it('checks an admin scope at any level', () => {
    expect(isWithinRegion('511621102201', '511621')).toBe(true);
    expect(isWithinRegion('511621102201', '511621102201')).toBe(true);
    expect(isWithinRegion('511621102', '511621102201')).toBe(false);
    expect(isWithinRegion('511622102201', '511621')).toBe(false);
    expect(isWithinRegion('5116211022', '511621')).toBe(false);
  });

  it('reads quoted fields, doubled quotes, CRLF and line breaks inside quotes, keeping line numbers', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"two\nlines",x\r\nlast,\n')).toEqual([
      { line: 1, fields: ['a', 'b,c', 'say "hi"'] },
      { line: 2, fields: ['two\nlines', 'x'] },
      { line: 4, fields: ['last', ''] },
    ]);
  });
});

describe.each(testDatabases())('regions on $dialect', (testDb) => {
  let config: DatabaseConfig;
  let app: FastifyInstance;
  let db: Db;

  beforeAll(async () => {
    config = await testDb.create();
    app = await buildApp({ config: testConfig(config, { demo: true }), logger: false });
    db = createDatabase(config);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await testDb.drop();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const total = async (query: { executeTakeFirstOrThrow(): Promise<{ n: string | number }> }) => Number((await query.executeTakeFirstOrThrow()).n);
  const countRegions = (prefix: string) =>
    total(db.selectFrom('regions').select((eb) => eb.fn.countAll<string | number>().as('n')).where('code', 'like', `${prefix}%`));
  const countRooms = (prefix: string) =>
    total(db.selectFrom('living_rooms').select((eb) => eb.fn.countAll<string | number>().as('n')).where('village_code', 'like', `${prefix}%`));

  describe('schema and demo data', () => {
    it('creates the regions and living_rooms tables', async () => {
      const tables = (await db.introspection.getTables()).filter((t) => config.dialect === 'sqlite' || t.schema === config.schema);
      const columns = (name: string) => tables.find((t) => t.name === name)?.columns.map((c) => c.name).sort();
      expect(columns('regions')).toEqual(['code', 'level', 'name', 'parent_code', 'sort']);
      expect(columns('living_rooms')).toEqual(
        ['address', 'hours', 'lat', 'lng', 'name', 'phone', 'proxy_point', 'rooms', 'slot_capacity', 'updated_at', 'village_code'].sort(),
      );
    });

    it('refuses a living room for a village that does not exist', async () => {
      await expect(
        db
          .insertInto('living_rooms')
          .values({ village_code: '511621999201', name: 'x', address: '', lat: null, lng: null, hours: '', phone: '', proxy_point: 0, rooms: '[]', updated_at: new Date().toISOString() })
          .execute(),
      ).rejects.toMatchObject({ code: expect.stringMatching(/^(SQLITE_CONSTRAINT_FOREIGNKEY|23503)$/) });
    });

    it('seeds the demo county idempotently, moving updated_at only when a room changed', async () => {
      const stamps = () => db.selectFrom('living_rooms').select(['village_code', 'updated_at']).orderBy('village_code').execute();
      const before = await stamps();
      const expected = { counties: 1, townships: 4, villages: 12, livingRooms: 12 };
      expect(await seedDemoRegions(db)).toEqual(expected);
      expect(await seedDemoRegions(db)).toEqual(expected);
      expect(await countRegions('511621')).toBe(1 + 4 + 12);
      expect(await countRooms('511621')).toBe(12);
      expect(await stamps()).toEqual(before);
      expect(before.map((r) => r.village_code)).toEqual([...DEMO_VILLAGES].sort());

      await db.updateTable('living_rooms').set({ hours: '周一闭馆' }).where('village_code', '=', DEMO_VILLAGES[1]).execute();
      await seedDemoRegions(db);
      const room = await db.selectFrom('living_rooms').selectAll().where('village_code', '=', DEMO_VILLAGES[1]).executeTakeFirstOrThrow();
      expect(room.hours).toBe('工作日 9:00—12:00，14:00—17:30');
      expect(room.updated_at > before[1].updated_at).toBe(true);
    });

    it('names the default demo village by a stable code', () => {
      expect(DEMO_VILLAGES[0]).toBe('511621102201');
      expect(DEMO_VILLAGES.every((v) => DEMO_TOWNSHIPS.some((t) => isVillageInTownship(v, t)))).toBe(true);
    });
  });

  describe('API', () => {
    it('lists the counties when no parent is given', async () => {
      const res = await get('/api/v1/regions');
      expect(res.statusCode).toBe(200);
      expect(res.json().items[0]).toEqual({ code: '511621', name: '岳池县', level: 'county', parentCode: null });
    });

    it('lists the townships of a county and the villages of a township, in order', async () => {
      const townships = await get('/api/v1/regions?parent=511621');
      expect(townships.statusCode).toBe(200);
      expect(townships.json().items).toEqual(
        ['坪滩镇', '顾县镇', '苟角镇', '罗渡镇'].map((name, i) => ({ code: DEMO_TOWNSHIPS[i], name, level: 'township', parentCode: '511621' })),
      );

      const villages = (await get('/api/v1/regions?parent=511621102')).json().items;
      expect(villages.map((v: { code: string }) => v.code)).toEqual(DEMO_VILLAGES.slice(0, 3));
      expect(villages[0]).toEqual({ code: '511621102201', name: '桂花村', level: 'village', parentCode: '511621102' });
    });

    it('answers a village, which has no children, with an empty list', async () => {
      const res = await get('/api/v1/regions?parent=511621102201');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [] });
    });

    it('shows a region with its path from the county down', async () => {
      const village = await get('/api/v1/regions/511621102201');
      expect(village.statusCode).toBe(200);
      expect(village.json()).toEqual({
        code: '511621102201',
        name: '桂花村',
        level: 'village',
        parentCode: '511621102',
        path: [
          { code: '511621', name: '岳池县', level: 'county' },
          { code: '511621102', name: '坪滩镇', level: 'township' },
          { code: '511621102201', name: '桂花村', level: 'village' },
        ],
      });
      const county = (await get('/api/v1/regions/511621')).json();
      expect(county.path).toEqual([{ code: '511621', name: '岳池县', level: 'county' }]);
    });

    it("shows a village's living room with its rooms and the names around it", async () => {
      const res = await get('/api/v1/living-rooms/511621102201');
      expect(res.statusCode).toBe(200);
      const room = res.json();
      expect(room).toEqual({
        villageCode: '511621102201',
        villageName: '桂花村',
        townshipName: '坪滩镇',
        name: '桂花村睦邻客厅',
        address: '岳池县坪滩镇桂花村村委会',
        lat: null,
        lng: null,
        hours: '工作日 9:00—12:00，14:00—17:30',
        phone: '',
        proxyPoint: true,
        rooms: [
          { id: 'service', name: '便民服务室', kind: 'service' },
          { id: 'studio', name: '微家工作室', kind: 'studio' },
          { id: 'activity', name: '微家活动室', kind: 'activity' },
        ],
        slotCapacity: 6,
        updatedAt: expect.any(String),
      });
      expect(new Date(room.updatedAt).toISOString()).toBe(room.updatedAt);
    });

    it('marks about half of the demo living rooms as proxy points', async () => {
      const flags = [];
      for (const code of DEMO_VILLAGES) flags.push((await get(`/api/v1/living-rooms/${code}`)).json().proxyPoint);
      const points = flags.filter(Boolean).length;
      expect(points).toBeGreaterThanOrEqual(4);
      expect(points).toBeLessThanOrEqual(8);
    });

    it.each([
      ['/api/v1/regions?parent=511621999', 'REGION_NOT_FOUND'],
      ['/api/v1/regions/511621102299', 'REGION_NOT_FOUND'],
      ['/api/v1/regions/519999', 'REGION_NOT_FOUND'],
      ['/api/v1/living-rooms/511621102299', 'LIVING_ROOM_NOT_FOUND'],
    ])('answers %s with 404 %s in Chinese', async (url, code) => {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(CHINESE);
    });

    it.each([
      '/api/v1/regions?parent=',
      '/api/v1/regions?parent=51162',
      '/api/v1/regions?parent=5116211',
      '/api/v1/regions/abc',
      '/api/v1/regions/5116211022011',
      '/api/v1/regions/51162110220%20',
      '/api/v1/living-rooms/511621102',
      '/api/v1/living-rooms/51162110220x',
    ])('refuses the malformed code in %s with 400 BAD_REGION_CODE', async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REGION_CODE');
      expect(res.json().error.message).toMatch(/位.*数字/);
    });

    it('sends ETags so an unchanged list costs a 304', async () => {
      const first = await get('/api/v1/regions?parent=511621');
      const again = await get('/api/v1/regions?parent=511621', { 'if-none-match': first.headers.etag as string });
      expect(again.statusCode).toBe(304);
    });

    it('publishes the routes in the OpenAPI document', async () => {
      const doc = (await get('/api/docs/json')).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/regions', '/api/v1/regions/{code}', '/api/v1/living-rooms/{villageCode}']),
      );
    });

    it('looks up a village with its township and county for other modules', async () => {
      const regions = createRegionsService(createRegionsRepository(db));
      expect(await regions.villageOf('511621102201')).toEqual({
        code: '511621102201',
        name: '桂花村',
        townshipCode: '511621102',
        townshipName: '坪滩镇',
        countyCode: '511621',
        countyName: '岳池县',
      });
      expect(await regions.villageOf('511621102299')).toBeUndefined();
      expect(await regions.villageOf('511621102')).toBeUndefined();
    });
  });

  describe('CSV import', () => {
    it('imports a county of 463 villages in 20 townships, each with a living room', async () => {
      expect(await importRegions(db, countyCsv('511699'))).toEqual({
        counties: 1,
        townships: 20,
        villages: 463,
        created: 484,
        updated: 0,
        unchanged: 0,
        livingRoomsCreated: 463,
      });
      expect(await countRegions('511699')).toBe(484);
      expect(await countRooms('511699')).toBe(463);

      const villages = (await get('/api/v1/regions?parent=511699100')).json().items;
      expect(villages).toHaveLength(24);
      expect(villages[0]).toEqual({ code: '511699100201', name: '示例1镇1村', level: 'village', parentCode: '511699100' });
      expect((await get('/api/v1/regions?parent=511699119')).json().items).toHaveLength(23);

      const room = (await get('/api/v1/living-rooms/511699100201')).json();
      expect(room).toMatchObject({ name: '示例1镇1村睦邻客厅', address: '', proxyPoint: false, rooms: [], slotCapacity: 6, townshipName: '示例1镇' });
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await db.selectFrom('living_rooms').select(['village_code', 'updated_at']).where('village_code', 'like', '511699%').orderBy('village_code').execute();
      expect(await importRegions(db, countyCsv('511699'))).toMatchObject({ created: 0, updated: 0, unchanged: 484, livingRoomsCreated: 0 });
      expect(await countRegions('511699')).toBe(484);
      expect(
        await db.selectFrom('living_rooms').select(['village_code', 'updated_at']).where('village_code', 'like', '511699%').orderBy('village_code').execute(),
      ).toEqual(before);
    });

    it('renames a village, its default-named living room with it, and keeps a name someone chose', async () => {
      await db.updateTable('living_rooms').set({ name: '双桥睦邻之家' }).where('village_code', '=', '511699105202').execute();
      const csv = countyCsv('511699', { '511699105201': '新民村', '511699105202': '双桥村' });
      expect(await importRegions(db, csv)).toMatchObject({ created: 0, updated: 2, unchanged: 482, livingRoomsCreated: 0 });

      expect((await get('/api/v1/regions/511699105201')).json().name).toBe('新民村');
      const renamed = (await get('/api/v1/living-rooms/511699105201')).json();
      expect(renamed).toMatchObject({ villageName: '新民村', name: '新民村睦邻客厅' });
      expect((await get('/api/v1/living-rooms/511699105202')).json()).toMatchObject({ villageName: '双桥村', name: '双桥睦邻之家' });
      expect(await countRegions('511699')).toBe(484);
    });

    it('keeps a living room that was already there', async () => {
      const before = (await get(`/api/v1/living-rooms/${DEMO_VILLAGES[0]}`)).json();
      const csv = `${HEADER}\n511621,岳池县,511621102,坪滩镇,511621102201,桂花村\n511621,岳池县,511621102,坪滩镇,511621102204,新建村\n`;
      expect(await importRegions(db, csv)).toMatchObject({ created: 1, updated: 0, unchanged: 3, livingRoomsCreated: 1 });
      expect((await get(`/api/v1/living-rooms/${DEMO_VILLAGES[0]}`)).json()).toEqual(before);
    });

    const good = (n: number) => `511698,坏例县,511698100,坏例镇,511698100${200 + n},坏例${n}村`;
    const withLine = (bad: string) => [HEADER, good(1), good(2), bad, good(4)].join('\n');
    it.each([
      ['a village code one digit short', withLine('511698,坏例县,511698100,坏例镇,51169810020,坏例村'), 4, '应为 12 位数字'],
      ['a village outside its township', withLine('511698,坏例县,511698100,坏例镇,511698101201,坏例村'), 4, '应以所属上级的代码 511698100 开头'],
      ['a township outside its county', withLine('511698,坏例县,511697100,坏例镇,511697100201,坏例村'), 4, '应以所属上级的代码 511698 开头'],
      ['an empty village name', withLine('511698,坏例县,511698100,坏例镇,511698100209, '), 4, '名称（village_name）是空的'],
      ['one code with two names', withLine('511698,坏例县,511698100,坏例镇,511698100201,别名村'), 4, '在第 2 行叫“坏例1村”'],
      ['a township with two names', withLine('511698,坏例县,511698100,别的镇,511698100209,坏例9村'), 4, '乡镇（街道）代码 511698100'],
      ['a missing column', withLine('511698,坏例县,511698100,坏例镇,511698100209'), 4, '这一行有 5 列，表头有 6 列'],
      ['a code Excel turned into a number', withLine('511698,坏例县,511698100,坏例镇,5.11698E+11,坏例村'), 4, '科学计数法'],
      ['an unclosed quote', withLine('511698,坏例县,511698100,坏例镇,511698100209,"坏例村'), 4, '引号'],
      ['a wrong header', `county,county_name,township_code,township_name,village_code,village_name\n${good(1)}`, 1, '表头缺少 county_code'],
    ])('writes nothing when a file has %s, and names the line', async (_what, csv, line, mention) => {
      const err = await importError(db, csv);
      expect(err.issues).toHaveLength(1);
      expect(err.issues[0]).toEqual({ line, message: expect.stringContaining(mention) });
      expect(err.message).toContain(`第 ${line} 行`);
      expect(err.message).toContain('没有导入任何数据');
      expect(await countRegions('511698')).toBe(0);
      expect(await countRegions('511697')).toBe(0);
    });

    it('reports every bad line at once', async () => {
      const csv = [HEADER, good(1), '511698,坏例县,511698100,坏例镇,5116981002,坏例村', good(3), '511698,坏例县,511698100,,511698100205,坏例5村', good(6)].join('\n');
      const err = await importError(db, csv);
      expect(err.issues.map((i) => i.line)).toEqual([3, 5]);
    });

    it('refuses a file that is not UTF-8 (Excel\'s default CSV in China is GBK)', async () => {
      // "岳池县" in GBK.
      const gbk = Buffer.concat([Buffer.from(`${HEADER}\n511698,`), Buffer.from([0xd4, 0xc0, 0xb3, 0xd8, 0xcf, 0xd8]), Buffer.from(',511698100,x,511698100201,y\n')]);
      const err = await importError(db, gbk);
      expect(err.message).toMatch(/UTF-8/);
      expect(await countRegions('511698')).toBe(0);
    });

    it('reads a BOM, CRLF, quoted fields and columns in any order', async () => {
      const csv = [
        'village_name,village_code,township_name,township_code,county_name,county_code,note',
        '"桂花村,一组",511696100201,"""新""镇",511696100,示例三县,511696,',
        '  石桥村  ,511696100202,"""新""镇",511696100,示例三县,511696,"备注, 带逗号"',
      ].join('\r\n');
      const result = await importRegions(db, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
      expect(result).toMatchObject({ counties: 1, townships: 1, villages: 2, created: 4 });
      expect((await get('/api/v1/regions/511696100201')).json().path.map((p: { name: string }) => p.name)).toEqual([
        '示例三县',
        '"新"镇',
        '桂花村,一组',
      ]);
      expect((await get('/api/v1/regions/511696100202')).json().name).toBe('石桥村');
      expect((await get('/api/v1/regions')).json().items.map((c: { code: string }) => c.code)).toContain('511696');
    });

    describe('the regions:import command', () => {
      let dir: string;
      beforeAll(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-import-'));
      });
      afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

      const run = (args: string[]) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          execFile(
            path.join(root, 'node_modules/.bin/tsx'),
            ['server/scripts/import-regions.ts', ...args],
            { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl(config), LOG_LEVEL: 'silent' } },
            (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
          );
        });

      it('imports a file into DATABASE_URL and prints the counts', async () => {
        const file = path.join(dir, 'villages.csv');
        fs.writeFileSync(file, `\uFEFF${HEADER}\r\n511695,示例四县,511695100,示例镇,511695100201,甲村\r\n511695,示例四县,511695100,示例镇,511695100202,乙村\r\n`);
        const { code, stdout } = await run(['--file', file]);
        expect(code).toBe(0);
        expect(stdout).toContain('乡镇（街道）1 个，村（社区）2 个');
        expect(stdout).toContain('新建睦邻客厅 2 个');
        expect((await get('/api/v1/regions?parent=511695100')).json().items).toHaveLength(2);
      });

      it('exits 1 with the line of the error and writes nothing', async () => {
        const file = path.join(dir, 'bad.csv');
        fs.writeFileSync(file, `${HEADER}\n511694,示例五县,511694100,示例镇,511694100201,甲村\n511694,示例五县,511694100,示例镇,51169410020,乙村\n`);
        const { code, stderr } = await run([`--file=${file}`]);
        expect(code).toBe(1);
        expect(stderr).toContain('第 3 行');
        expect(await countRegions('511694')).toBe(0);
      });

      it('exits 2 with the usage when no file is named', async () => {
        const { code, stderr } = await run([]);
        expect(code).toBe(2);
        expect(stderr).toContain('npm run regions:import -- --file');
      });
    });
  });
});
