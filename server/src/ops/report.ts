// What backup and restore print: one line per table, then the totals an operator keeps.
import type { TableCheck } from './count-checks';

export interface OpsReport {
  action: 'backup' | 'restore';
  dialect: 'sqlite' | 'postgres';
  file: string;
  bytes: number;
  seconds: number;
  tables: TableCheck[];
  rows: number;
  migrations: { copy: string | null; latest: string };
  uploads: { dir: string; files: number; bytes: number };
  problems: string[];
}

export function formatReport(report: OpsReport): string {
  const width = Math.max(...report.tables.map((t) => t.table.length), 5);
  const lines = report.tables.map(
    (t) =>
      `  ${t.ok ? ' ' : '✗'} ${t.table.padEnd(width)} ${String(t.source).padStart(9)} → ${String(t.copy).padEnd(9)}${t.note ? ` ${t.note}` : ''}`,
  );
  const ok = report.problems.length === 0;
  const verb = report.action === 'backup' ? '备份 backup' : '恢复 restore';
  return [
    `${verb} (${report.dialect}): ${report.file}`,
    `  ${'table'.padEnd(width + 2)} ${'source'.padStart(9)} → copy`,
    ...lines,
    `表 tables: ${report.tables.length}  行 rows: ${report.rows}  字节 bytes: ${report.bytes}  用时 seconds: ${report.seconds.toFixed(2)}`,
    `迁移 migration: ${report.migrations.copy ?? '无 none'}（代码最新 latest in code: ${report.migrations.latest}）`,
    `附件 uploads: ${report.uploads.files} 个文件 files, ${report.uploads.bytes} 字节 bytes → ${report.uploads.dir}`,
    ok ? '校验通过 verified OK' : ['校验失败 verification FAILED:', ...report.problems.map((p) => `  - ${p}`)].join('\n'),
  ].join('\n');
}
