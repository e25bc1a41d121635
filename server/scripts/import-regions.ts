// `npm run regions:import -- --file villages.csv`: loads a county's townships and villages into
// the database DATABASE_URL names, read as the server reads it. Exit 0 imported, 1 the file has
// errors (nothing written), 2 the command was used wrongly.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { createDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { CSV_COLUMNS, importRegions, RegionImportError } from '../src/modules/regions/import';

const USAGE = `用法：npm run regions:import -- --file villages.csv\nCSV 文件（UTF-8）的表头：${CSV_COLUMNS.join(',')}`;

async function main(): Promise<number> {
  let file: string | undefined;
  try {
    ({ file } = parseArgs({ options: { file: { type: 'string' } } }).values);
  } catch {
    file = undefined;
  }
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  // npm runs scripts from the package root; a relative path means the caller's directory.
  const fullPath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (!fs.existsSync(fullPath)) {
    console.error(`找不到文件 ${fullPath}`);
    return 2;
  }

  const config = loadConfig();
  const db = createDatabase(config.database);
  try {
    await migrateToLatest(db, config.database);
    const r = await importRegions(db, fs.readFileSync(fullPath));
    const target = config.database.dialect === 'sqlite' ? config.database.file : `PostgreSQL（schema ${config.database.schema}）`;
    console.log(`导入完成（${target}）：县 ${r.counties} 个，乡镇（街道）${r.townships} 个，村（社区）${r.villages} 个。`);
    console.log(`地区新增 ${r.created} 个、更新 ${r.updated} 个、未变 ${r.unchanged} 个；新建睦邻客厅 ${r.livingRoomsCreated} 个。`);
    return 0;
  } catch (err) {
    if (!(err instanceof RegionImportError)) throw err;
    console.error(err.message);
    return 1;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
