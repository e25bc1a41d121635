// npm run backup / restore: an online backup while villagers keep writing, checked by restoring
// it; a restore that shows the same records through the API; and the refusals that keep an
// operator from restoring under a running server, over data, or from a damaged file.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../server/src/app';
import { createDatabase } from '../../server/src/db/database';
import { backup } from '../../server/src/ops/backup';
import { restore } from '../../server/src/ops/restore';
import type { OpsReport } from '../../server/src/ops/report';
import { startHarness, type Harness } from '../support/app-harness';
import { databaseUrl, testConfig, testDatabases } from '../support/test-db';
import { CaseFixtures, DIBAO } from './cases-fixtures';
import { fillVillage, readVillage, type Village } from './ops-fixtures';
import { freshTarget, runScript, tempDir, type Target } from './ops-targets';

jest.setTimeout(180_000);

describe.each(testDatabases())('backup and restore on $dialect', (testDb) => {
  let h: Harness;
  let village: Village;
  let outDir: string;
  let made: OpsReport;
  const cleanup: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    h = await startHarness(testDb);
    village = await fillVillage(h);
    outDir = tempDir('mulin-backups-');
    cleanup.push(() => fs.rmSync(outDir, { recursive: true, force: true }));
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    fs.rmSync(h.config.uploadDir, { recursive: true, force: true });
    for (const step of cleanup.reverse()) await step();
  });

  const casesIn = async (database: Harness['config']['database']) => {
    const db = createDatabase(database);
    try {
      return Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    } finally {
      await db.destroy();
    }
  };
  const target = async (): Promise<Target> => {
    const t = await freshTarget(h.config.database);
    cleanup.push(() => t.drop());
    return t;
  };

  it('backs up while residents keep opening cases, verifies the copy, and the restore shows the same records', async () => {
    const f = new CaseFixtures(h);
    const resident = await f.resident('备份时办事的村民');
    const atStart = await casesIn(h.config.database);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: `第${written + 1}件`, materialsHave: [] });
        written += 1;
      }
    })();
    while (written < 2) await new Promise((r) => setTimeout(r, 10));
    made = await backup(h.config, { outDir });
    writing = false;
    await writer;
    await f.close();

    expect(made.problems).toEqual([]);
    expect(path.basename(made.file)).toMatch(made.dialect === 'sqlite' ? /^mulin-\d{8}-\d{6}\.sqlite$/ : /^mulin-\d{8}-\d{6}\.dump$/);
    const cases = made.tables.find((t) => t.table === 'cases')!;
    expect(cases.copy).toBeGreaterThanOrEqual(atStart + 2);
    expect(cases.copy).toBeLessThanOrEqual(atStart + written);
    expect(made.uploads.files).toBe(1);
    expect(made.bytes).toBeGreaterThan(0);
    expect(made.migrations.copy).toBe(made.migrations.latest);

    const t = await target();
    const uploadDir = tempDir('mulin-restored-uploads-');
    cleanup.push(() => fs.rmSync(uploadDir, { recursive: true, force: true }));
    const restored = await restore({ database: t.config, uploadDir, host: '127.0.0.1', port: 0 }, { file: made.file, yes: false });
    expect(restored.problems).toEqual([]);
    expect(restored.tables.find((x) => x.table === 'cases')).toMatchObject({ source: cases.copy, copy: cases.copy, ok: true });
    expect(fs.readdirSync(uploadDir)).toHaveLength(1);

    const again = await startHarness(t, { uploadDir });
    try {
      expect(await readVillage(again, village)).toEqual(await readVillage(h, village));
      expect(await casesIn(t.config)).toBe(cases.copy);
    } finally {
      await again.app.close();
      await again.wechat.close();
    }
  });

  it('refuses to restore under a running server, over data without --yes, and from a damaged file', async () => {
    const t = await target();
    const uploadDir = tempDir('mulin-restored-uploads-');
    cleanup.push(() => fs.rmSync(uploadDir, { recursive: true, force: true }));
    const into = (port = 0) => ({ database: t.config, uploadDir, host: '127.0.0.1', port });
    expect((await restore(into(), { file: made.file, yes: false })).problems).toEqual([]);

    const server = await buildApp({ config: testConfig(t.config, { uploadDir }), logger: false });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as { port: number };
    try {
      await expect(restore(into(port), { file: made.file, yes: true })).rejects.toThrow(/服务器正在运行[\s\S]*server is running/);
      // Same database, port unknown: the open connections still give the server away.
      await server.inject({ method: 'GET', url: '/api/v1/ready' });
      await expect(restore(into(), { file: made.file, yes: true })).rejects.toThrow(
        t.dialect === 'sqlite' ? /正被其他进程使用[\s\S]*in use/ : /其他连接[\s\S]*other connection/,
      );
    } finally {
      await server.close();
    }

    await expect(restore(into(), { file: made.file, yes: false })).rejects.toThrow(/--yes/);

    const damaged = path.join(outDir, `damaged-${path.basename(made.file)}`);
    fs.copyFileSync(made.file, damaged);
    fs.copyFileSync(made.file.replace(/\.(sqlite|dump)$/, '.json'), damaged.replace(/\.(sqlite|dump)$/, '.json'));
    const bytes = fs.readFileSync(damaged);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    const before = await casesIn(t.config);
    await expect(restore(into(), { file: damaged, yes: true })).rejects.toThrow(/已损坏[\s\S]*damaged/);
    expect(await casesIn(t.config)).toBe(before);

    expect((await restore(into(), { file: made.file, yes: true })).problems).toEqual([]);
  });

  it('fails verification when an attachment the database names is missing from the uploads', async () => {
    const [photo] = fs.readdirSync(h.config.uploadDir);
    const aside = path.join(outDir, 'aside.png');
    fs.renameSync(path.join(h.config.uploadDir, photo), aside);
    try {
      const report = await backup(h.config, { outDir: path.join(outDir, 'missing') });
      expect(report.problems).toEqual([expect.stringContaining(`attachment file missing: ${photo}`)]);
    } finally {
      fs.renameSync(aside, path.join(h.config.uploadDir, photo));
    }
  });

  it('runs as npm run backup / restore: exit 0 with a summary, exit 1 when refusing', async () => {
    const env = { DATABASE_URL: databaseUrl(h.config.database), UPLOAD_DIR: h.config.uploadDir };
    const out = path.join(outDir, 'cli');
    const made = await runScript('backup.ts', ['--out', out], env);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/表 tables: \d+ {2}行 rows: \d+ {2}字节 bytes: \d+ {2}用时 seconds: [\d.]+/);
    expect(made.stdout).toContain('校验通过 verified OK');
    const [file] = fs.readdirSync(out).filter((n) => /\.(sqlite|dump)$/.test(n));

    const refused = await runScript('restore.ts', [path.join(out, file)], env);
    expect(refused.code).toBe(1);
    // Refused because the suite's app has the database open, or (its idle PostgreSQL connections
    // closed) because the database holds data; each refusal is tested on its own above.
    expect(refused.stderr).toMatch(/in use by another process|other connection|run again with --yes/);
    expect((await runScript('restore.ts', [], env)).code).toBe(2);
  });
});
