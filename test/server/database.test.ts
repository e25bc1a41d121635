import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { createDatabase, type Db } from '../../server/src/db/database';
import { migrations } from '../../server/src/db/migrations';
import { migrateToLatest } from '../../server/src/db/migrate';
import { seedCatalogue } from '../../server/src/db/seed';
import { categories } from '../../server/src/db/seed/categories';
import { serviceItems } from '../../server/src/db/seed/services';
import { inTransaction } from '../../server/src/db/shared-commit';
import { runUnflushed } from '../../server/src/db/sqlite-dialect';
import { writeAndRead, writeTogether } from '../../server/src/db/write-together';
import { parseDatabaseUrl, type DatabaseConfig } from '../../server/src/config';
import { testDatabases } from '../support/test-db';

describe.each(testDatabases())('database on $dialect', (testDb) => {
  let config: DatabaseConfig;
  let db: Db;

  beforeAll(async () => {
    config = await testDb.create();
    db = createDatabase(config);
  });
  afterAll(async () => {
    await db?.destroy();
    await testDb.drop();
  });

  it('migrates an empty database to the latest schema, once', async () => {
    expect(await migrateToLatest(db, config)).toEqual(Object.keys(migrations));
    const tables = (await db.introspection.getTables())
      .filter((t) => config.dialect === 'sqlite' || t.schema === config.schema)
      .map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(['categories', 'services', 'regions', 'living_rooms', 'users', 'refresh_tokens', 'binding_codes']),
    );
    expect(await migrateToLatest(db, config)).toEqual([]);
  });

  it('seeds the whole catalogue and a second run changes nothing', async () => {
    const first = await seedCatalogue(db);
    expect(first).toEqual({ categories: 11, inserted: 56, updated: 0, unchanged: 0 });
    const second = await seedCatalogue(db);
    expect(second).toEqual({ categories: 11, inserted: 0, updated: 0, unchanged: 56 });

    const count = async (table: 'services' | 'categories') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('services')).toBe(56);
    expect(await count('categories')).toBe(11);
    const delegated = await db.selectFrom('services').select('code').where('delegated', '=', 1).execute();
    expect(delegated).toHaveLength(11);
  });

  it('rewrites only the rows whose seed content changed', async () => {
    const before = await db.selectFrom('services').select(['code', 'updated_at']).orderBy('code').execute();
    const [first, ...rest] = serviceItems;
    const edited = { ...first, fee: `${first.fee}（已更新）` };
    expect(await seedCatalogue(db, [edited, ...rest], categories)).toMatchObject({ inserted: 0, updated: 1, unchanged: 55 });

    const row = await db.selectFrom('services').selectAll().where('code', '=', first.code).executeTakeFirstOrThrow();
    expect(JSON.parse(row.data).fee).toBe(edited.fee);
    expect(row.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(row.updated_at > before.find((b) => b.code === first.code)!.updated_at).toBe(true);

    // The files win again at the next start.
    expect(await seedCatalogue(db)).toMatchObject({ updated: 1, unchanged: 55 });
  });

  it('stores flags as 0/1 and the item as JSON, the same on both dialects', async () => {
    const item = serviceItems.find((i) => i.delegated)!;
    const row = await db.selectFrom('services').selectAll().where('code', '=', item.code).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      delegated: 1,
      ch_proxy: item.channels.proxy ? 1 : 0,
      ch_online: item.channels.online ? 1 : 0,
      ch_appointment: item.channels.appointment ? 1 : 0,
      promised_days: item.promisedDays,
      legal_days: item.legalDays,
    });
    expect(JSON.parse(row.data)).toEqual(item);
  });

  it('enforces foreign keys', async () => {
    // SQLite's code or PostgreSQL's foreign_key_violation (better-sqlite3 errors are not real Errors).
    await expect(
      db.updateTable('services').set({ category: 'nope' }).where('code', '=', serviceItems[0].code).execute(),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(SQLITE_CONSTRAINT_FOREIGNKEY|23503)$/) });
  });

  it('writes together or not at all: a required write that touches no row undoes the others', async () => {
    const [first, second] = serviceItems;
    const rename = (code: string, name: string) => db.updateTable('services').set({ name }).where('code', '=', code);
    const notThere = { write: rename('no-such-item', '无'), orElse: () => new Error('nothing to update') };
    const nameOf = async (code: string) => (await db.selectFrom('services').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name;
    // PostgreSQL undoes its one statement; SQLite's caller runs the writes in a transaction.
    const together = (writes: Parameters<typeof writeTogether>[1]) =>
      testDb.dialect === 'postgres' ? writeTogether(db, writes) : db.transaction().execute((trx) => writeTogether(trx, writes));

    await expect(together([rename(first.code, '改名一'), rename(second.code, '改名二'), notThere])).rejects.toThrow('nothing to update');
    expect([await nameOf(first.code), await nameOf(second.code)]).toEqual([first.name, second.name]);

    // Touched, the same writes all land and answer their counts.
    await expect(together([rename(first.code, '改名一'), { ...notThere, write: rename(second.code, '改名二') }])).resolves.toEqual([1, 1]);
    expect([await nameOf(first.code), await nameOf(second.code)]).toEqual(['改名一', '改名二']);
    await together([rename(first.code, first.name), rename(second.code, second.name)]);
  });

  it('sends a write with a read beside it: what the write returned, and the read rows in their order', async () => {
    const bump = (day: string) =>
      db
        .insertInto('case_counters')
        .values({ day, last: 1 })
        .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql<number>`case_counters.last + 1` }))
        .returning('last');
    const codes = db.selectFrom('services').select(['code', 'name']).where('category', '=', serviceItems[0].category).orderBy('code', 'desc');
    const expected = await codes.execute();
    expect(expected.length).toBeGreaterThan(1);

    const first = await writeAndRead(db, bump('20990101'), codes);
    expect(first).toEqual({ written: [{ last: 1 }], rows: expected });
    // A read of no rows still answers the write; the counter moved once per call.
    const none = await writeAndRead(db, bump('20990101'), codes.where('code', '=', 'no-such-item'));
    expect(none).toEqual({ written: [{ last: 2 }], rows: [] });
    const stored = await db.selectFrom('case_counters').select('last').where('day', '=', '20990101').executeTakeFirstOrThrow();
    expect(Number(stored.last)).toBe(2);
  });

  if (testDb.dialect === 'sqlite') {
    it('opens SQLite in WAL mode with full sync, keeping savepoints\' undo pages in memory', async () => {
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
      // Not a temporary file per shared commit (two writes of each page a job touched).
      expect(await pragma('temp_store')).toBe(2);
    });

    it('copies the write-ahead log into the database file off the request path', async () => {
      if (config.dialect !== 'sqlite') throw new Error('SQLite only');
      const file = config.file;
      // No commit of this connection copies the log back (SQLite's own checkpoint is off) ...
      expect(Object.values((await sql.raw('pragma wal_autocheckpoint').execute(db)).rows[0] as object)[0]).toBe(0);
      await sql`create table wal_probe (id integer primary key, body text)`.execute(db);
      const before = fs.statSync(file).size;
      // ... so many commits, as a day of cases would make, reach the file only through the
      // checkpoint thread, once a second. (Whether a tick falls inside this loop depends on the
      // machine's speed, so the file is not compared right after it.)
      for (let i = 0; i < 300; i++) await sql`insert into wal_probe (body) values (${'案'.repeat(2000)})`.execute(db);
      const written = before + 300 * 2000;
      const deadline = Date.now() + 5000;
      while (fs.statSync(file).size <= written && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(fs.statSync(file).size).toBeGreaterThan(written);
      await sql`drop table wal_probe`.execute(db);
    });

    it('leaves the file to nobody once closed: the checkpoint thread is gone and the log folded back', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-close-'));
      try {
        const file = path.join(dir, 'closing.sqlite');
        const own = createDatabase({ dialect: 'sqlite', file });
        await sql`create table close_probe (id integer primary key, body text)`.execute(own);
        for (let i = 0; i < 50; i++) await sql`insert into close_probe (body) values (${'案'.repeat(500)})`.execute(own);
        expect(fs.existsSync(`${file}-wal`)).toBe(true);
        await own.destroy();
        // Only the last connection to close removes the log: had the checkpoint thread's still
        // been open, the log would be here and a restore straight after would find the file busy.
        expect(fs.existsSync(`${file}-wal`)).toBe(false);
        const reopened = new SQLite(file, { readonly: true });
        expect(reopened.prepare('select count(*) as n from close_probe').get()).toEqual({ n: 50 });
        reopened.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('answers a read while a write transaction is open, without waiting for it or seeing what it has not committed', async () => {
      await sql`create table split_probe (id integer primary key, body text)`.execute(db);
      const probe = () => db.selectFrom('split_probe' as never).selectAll().execute();
      let during: unknown[] | undefined;
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('split_probe' as never).values({ id: 1, body: '待提交' } as never).execute();
        // On one connection this read would wait for the transaction, which waits for it.
        during = await probe();
      });
      expect(during).toEqual([]);
      expect(await probe()).toEqual([{ id: 1, body: '待提交' }]);
      await sql`drop table split_probe`.execute(db);
    });

    it('undoes a transaction whose commit fails, while the next one, sent as it committed, goes through alone', async () => {
      await sql`create table fk_parent (id integer primary key)`.execute(db);
      await sql`create table fk_child (id integer primary key, parent integer references fk_parent (id) deferrable initially deferred)`.execute(db);
      // The missing parent is found at commit: SQLite keeps the transaction open after that failure.
      const failing = db.transaction().execute((trx) => trx.insertInto('fk_child' as never).values({ id: 1, parent: 99 } as never).execute());
      const next = db.transaction().execute((trx) => trx.insertInto('fk_parent' as never).values({ id: 5 } as never).execute());
      await expect(failing).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
      await next;
      expect(await db.selectFrom('fk_child' as never).selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('fk_parent' as never).selectAll().execute()).toEqual([{ id: 5 }]);
      await sql`drop table fk_child`.execute(db);
      await sql`drop table fk_parent`.execute(db);
    });

    // A bad savepoint statement waits to go with the commit, or is dropped with the rollback.
    it.each([
      { end: 'commit', error: /no such savepoint/, after: async (): Promise<void> => undefined },
      { end: 'rollback', error: '办理中断', after: async (): Promise<void> => Promise.reject(new Error('办理中断')) },
    ])('undoes a transaction ending in a $end whatever was still waiting to go to the writer, and frees the writer', async ({ error, after }) => {
      await sql`create table pending_probe (id integer primary key)`.execute(db);
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('pending_probe' as never).values({ id: 1 } as never).execute();
          await sql`release no_such_savepoint`.execute(trx);
          await after();
        }),
      ).rejects.toThrow(error);
      expect(await db.selectFrom('pending_probe' as never).selectAll().execute()).toEqual([]);
      // A transaction left open would take this insert in and fail the next begin.
      await db.transaction().execute((trx) => trx.insertInto('pending_probe' as never).values({ id: 2 } as never).execute());
      expect(await db.selectFrom('pending_probe' as never).selectAll().execute()).toEqual([{ id: 2 }]);
      await sql`drop table pending_probe`.execute(db);
    });

    it('runs a write that needs no flush of its own where nothing undoes it: not in a transaction that rolls back, nor in a job of a shared commit that fails, and again alone if the whole shared commit fails', async () => {
      await sql`create table rider_probe (id integer primary key)`.execute(db);
      const insert = (id: number) => db.insertInto('rider_probe' as never).values({ id } as never);
      // Long enough for the thread to have run it, had it run it inside what is then undone.
      const settle = () => new Promise((r) => setTimeout(r, 30));
      const riders: Promise<unknown>[] = [];
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('rider_probe' as never).values({ id: 1 } as never).execute();
          riders.push(runUnflushed(db, [{ query: insert(2).compile() }]));
          await settle();
          throw new Error('办理中断');
        }),
      ).rejects.toThrow('办理中断');
      const jobs = await Promise.allSettled([
        inTransaction(db, async (trx) => {
          await trx.insertInto('rider_probe' as never).values({ id: 3 } as never).execute();
          riders.push(runUnflushed(db, [{ query: insert(4).compile() }]));
          await settle();
          throw new Error('名额已满');
        }),
        inTransaction(db, (trx) => trx.insertInto('rider_probe' as never).values({ id: 5 } as never).execute()),
      ]);
      expect(jobs.map((j) => j.status)).toEqual(['rejected', 'fulfilled']);
      await Promise.all(riders);
      expect(await db.selectFrom('rider_probe' as never).selectAll().orderBy('id' as never).execute()).toEqual([{ id: 2 }, { id: 4 }, { id: 5 }]);
      // One that ran inside a shared commit whose commit then fails (a missing parent, checked at
      // commit) runs again alone.
      await sql`create table rider_parent (id integer primary key)`.execute(db);
      await sql`create table rider_child (id integer primary key, parent integer references rider_parent (id) deferrable initially deferred)`.execute(db);
      const failed = await Promise.allSettled([
        inTransaction(db, async (trx) => {
          await trx.insertInto('rider_child' as never).values({ id: 1, parent: 99 } as never).execute();
          riders.push(runUnflushed(db, [{ query: insert(7).compile() }]));
          await settle();
        }),
      ]);
      expect(failed[0]).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } });
      await Promise.all(riders);
      expect(await db.selectFrom('rider_probe' as never).selectAll().orderBy('id' as never).execute()).toEqual([{ id: 2 }, { id: 4 }, { id: 5 }, { id: 7 }]);
      expect(await db.selectFrom('rider_child' as never).selectAll().execute()).toEqual([]);
      // Alone it commits without a flush; every other commit still waits for one.
      await runUnflushed(db, [{ query: insert(6).compile() }]);
      expect(Object.values((await sql.raw('pragma synchronous').execute(db)).rows[0] as object)[0]).toBe(2);
      await sql`drop table rider_child`.execute(db);
      await sql`drop table rider_parent`.execute(db);
      await sql`drop table rider_probe`.execute(db);
    });

    it('sends a read this thread cannot prepare to the writer: a temporary table is the writer connection\'s own', async () => {
      await sql`create temp table temp_probe (id integer)`.execute(db);
      await sql`insert into temp_probe values (1)`.execute(db);
      expect((await sql`select id from temp_probe`.execute(db)).rows).toEqual([{ id: 1 }]);
      await sql`drop table temp_probe`.execute(db);
    });

    it('keeps an in-memory database whole in the writer thread', async () => {
      const memory = createDatabase({ dialect: 'sqlite', file: ':memory:' });
      try {
        await sql`create table memory_probe (id integer primary key, name text)`.execute(memory);
        await memory.insertInto('memory_probe' as never).values({ id: 1, name: '李四' } as never).execute();
        expect(await memory.selectFrom('memory_probe' as never).selectAll().execute()).toEqual([{ id: 1, name: '李四' }]);
      } finally {
        await memory.destroy();
      }
    });

    it('lets a script go on after closing the database, with nothing else left for it to wait on', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-close-'));
      try {
        // What a command-line tool does: open, close, then carry on (restore copies files after).
        const script = `
          const { createDatabase } = require(${JSON.stringify(path.resolve(__dirname, '../../server/src/db/database'))});
          const db = createDatabase({ dialect: 'sqlite', file: ${JSON.stringify(path.join(dir, 'script.sqlite'))} });
          db.destroy().then(() => process.stdout.write('carried on'));`;
        const out = execFileSync(path.resolve(__dirname, '../../node_modules/.bin/tsx'), ['-e', script], { encoding: 'utf8' });
        expect(out).toBe('carried on');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  if (testDb.dialect === 'postgres') {
    it('keeps write rate counts out of the write-ahead log and everything else in it', async () => {
      const { rows } = await sql<{ relname: string; relpersistence: string }>`
        select c.relname, c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r'`.execute(db);
      const unlogged = rows.filter((r) => r.relpersistence === 'u').map((r) => r.relname);
      expect(unlogged).toEqual(['rate_limits']);
      expect(rows.length).toBeGreaterThan(20);
    });

    it('reaches PostgreSQL on the same machine through its Unix socket, named by ?host= in DATABASE_URL', async () => {
      const { rows } = await sql<{ dirs: string }>`select current_setting('unix_socket_directories') as dirs`.execute(db);
      const { url: tcpUrl, schema } = config as Extract<DatabaseConfig, { dialect: 'postgres' }>;
      const url = new URL(tcpUrl);
      url.hostname = 'localhost';
      url.port = '';
      url.searchParams.set('host', rows[0].dirs.split(',')[0].trim());
      url.searchParams.set('schema', schema);
      const socketDb = createDatabase(parseDatabaseUrl(url.toString()));
      try {
        const { rows: seen } = await sql<{ address: string | null; schema: string }>`select inet_server_addr() as address, current_schema() as schema`.execute(socketDb);
        // No server address: the connection is not TCP.
        expect(seen).toEqual([{ address: null, schema }]);
      } finally {
        await socketDb.destroy();
      }
    });

    it('prepares each parameterised statement once per connection and still answers after a column is added', async () => {
      await sql`create table prepared_probe (id integer primary key, name text)`.execute(db);
      await db.insertInto('prepared_probe' as never).values({ id: 1, name: '张三' } as never).execute();
      await db.connection().execute(async (conn) => {
        const read = () => conn.selectFrom('prepared_probe' as never).selectAll().where('id' as never, '=', 1 as never).executeTakeFirst();
        expect(await read()).toEqual({ id: 1, name: '张三' });
        expect(await read()).toEqual({ id: 1, name: '张三' });
        const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements where statement like '%prepared_probe%'`.execute(conn);
        // The insert ran on some pooled connection; this one holds the read, once.
        expect(prepared.rows.filter((r) => r.statement.startsWith('select'))).toHaveLength(1);
        // Another process's migration changes the table under the prepared `select *`.
        await sql`alter table prepared_probe add column phone text`.execute(conn);
        expect(await read()).toEqual({ id: 1, name: '张三', phone: null });
      });
      await sql`drop table prepared_probe`.execute(db);
    });
  }
});
