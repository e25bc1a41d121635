// `npm run migrate:sqlite-to-postgres -- --from data/mulin.db --to postgres://user@host/db[?schema=x]`
// Stop the server first. The target must be empty; on any error it is left unchanged.
import { parseArgs } from 'node:util';
import { migrateSqliteToPostgres } from '../src/ops/migrate-sqlite-to-postgres';
import { runCli, UsageError } from './cli';

const USAGE = '用法 usage: npm run migrate:sqlite-to-postgres -- --from data/mulin.db --to postgres://user@host:5432/db';

runCli(async () => {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !values.to) throw new UsageError();
  const report = await migrateSqliteToPostgres({ from: values.from, to: values.to, log: (line) => console.log(line) });
  const width = Math.max(...report.tables.map((t) => t.table.length));
  console.log(`  ${'table'.padEnd(width)}   sqlite → postgres   checksum`);
  for (const t of report.tables) {
    const sum = t.checksum ? `${t.checksum.source === t.checksum.target ? '=' : '≠'} ${t.checksum.target}` : '';
    console.log(`  ${t.table.padEnd(width)} ${String(t.source).padStart(8)} → ${String(t.target).padEnd(8)} ${sum}${t.derived ? ' (由触发器生成 trigger-filled)' : ''}`);
  }
  if (report.sequences.length) console.log(`序列已校正 sequences set: ${report.sequences.join(', ')}`);
  console.log(`迁移完成 done: ${report.tables.length} 张表 tables, ${report.rows} 行 rows, ${report.seconds.toFixed(2)} 秒 s → schema "${report.schema}"`);
  return 0;
}, USAGE);
