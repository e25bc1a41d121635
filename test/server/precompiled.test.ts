import { createDatabase, type Db } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { insertRows, precompiled } from '../../server/src/db/precompiled';
import { readAlone, writeTogether } from '../../server/src/db/write-together';
import { testDatabases } from '../support/test-db';

describe.each(testDatabases())('precompiled queries on $dialect', (testDb) => {
  let db: Db;

  beforeAll(async () => {
    const config = await testDb.create();
    db = createDatabase(config);
    await migrateToLatest(db, config);
  });
  afterAll(async () => {
    await db?.destroy();
    await testDb.drop();
  });

  const user = (id: string, name: string | null) => ({ id, openid: `o-${id}`, unionid: null, name, phone: null, village_code: null, role: 'resident', scope_code: null, privacy_version: null, privacy_agreed_at: null, created_at: '2026-12-08T00:00:00.000Z', updated_at: '2026-12-08T00:00:00.000Z', deleted_at: null });

  it('sends the SQL Kysely builds, with each call its own values', async () => {
    const byRole = precompiled((d, { role, after }: { role: string; after: string }) =>
      d.selectFrom('users').select(['id', 'name']).where('role', '=', role).where('id', '>', after).where('deleted_at', 'is', null).orderBy('id').limit(10),
    );
    const compiled = byRole(db, { role: 'resident', after: 'a' }).compile();
    const kysely = db.selectFrom('users').select(['id', 'name']).where('role', '=', 'resident').where('id', '>', 'a').where('deleted_at', 'is', null).orderBy('id').limit(10).compile();
    expect(compiled.sql).toBe(kysely.sql);
    expect(compiled.parameters).toEqual(kysely.parameters);

    await writeTogether(db, [insertRows(db, 'users', [user('p1', '甲'), user('p2', null)]), insertRows(db, 'users', [user('p3', '丙')], ['openid'])]);
    // The same (openid) again is skipped, not an error.
    expect(await writeTogether(db, [insertRows(db, 'users', [user('p4', '丁')]), insertRows(db, 'users', [user('p3', '丙丙')], ['openid'])])).toEqual([1, 0]);
    expect(await readAlone(db)(byRole(db, { role: 'resident', after: 'p1' }))).toEqual([
      { id: 'p2', name: null },
      { id: 'p3', name: '丙' },
      { id: 'p4', name: '丁' },
    ]);
    expect(await readAlone(db)(byRole(db, { role: 'cadre', after: '' }))).toEqual([]);
  });

  it('refuses a query that makes a parameter from a value, or whose SQL depends on one', () => {
    const derived = precompiled((d, { name }: { name: string }) => d.selectFrom('users').select('id').where('name', '=', name.toUpperCase()));
    expect(() => derived(db, { name: 'abc' }).compile()).toThrow(/parameter 1 is made from a value/);
    const shaped = precompiled((d, { id }: { id: string }) => d.selectFrom('users').select('id').where('id', '=', id).limit(id.length));
    expect(() => shaped(db, { id: 'p1' }).compile()).toThrow(/made from a value|depends on its values/);
  });

  it('refuses values that are not one parameter, and rows with other columns', () => {
    const byId = precompiled((d, { id }: { id: string }) => d.selectFrom('users').select('id').where('id', '=', id));
    expect(() => byId(db, { id: ['p1', 'p2'] as unknown as string }).compile()).toThrow(/not a single value/);
    expect(() => byId(db, { id: undefined as unknown as string }).compile()).toThrow(/not a single value/);
    const { phone: _phone, ...noPhone } = user('p5', '戊');
    expect(() => insertRows(db, 'users', [noPhone, user('p6', '己')]).compile()).toThrow(/rows with other columns/);
  });
});
