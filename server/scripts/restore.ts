// `npm run restore -- FILE [--yes]`: restores a backup made by `npm run backup` into the
// configured database. Refuses while a server uses it, and without --yes when it holds data.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { formatReport } from '../src/ops/report';
import { restore } from '../src/ops/restore';
import { runCli, UsageError } from './cli';

const USAGE = '用法 usage: npm run restore -- backups/mulin-YYYYMMDD-HHmmss.sqlite|.dump [--yes]';

runCli(async () => {
  const { values, positionals } = parseArgs({ options: { yes: { type: 'boolean', default: false } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError();
  const report = await restore(loadConfig(), { file: positionals[0], yes: values.yes! });
  console.log(formatReport(report));
  return report.problems.length ? 1 : 0;
}, USAGE);
