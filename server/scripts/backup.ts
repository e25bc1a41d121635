// `npm run backup [-- --out DIR]`: a verified backup of the configured database (DATABASE_URL)
// and its uploads (UPLOAD_DIR), into DIR (default ./backups). Exit 1 when verification fails.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { backup } from '../src/ops/backup';
import { formatReport } from '../src/ops/report';
import { runCli } from './cli';

runCli(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'backups' } } });
  const report = await backup(loadConfig(), { outDir: values.out! });
  console.log(formatReport(report));
  return report.problems.length ? 1 : 0;
}, '用法 usage: npm run backup [-- --out 目录DIR]');
