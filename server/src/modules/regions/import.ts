// Loads a county's list of townships and villages from CSV (`npm run regions:import`). Every line
// is checked first and any problem is reported by line number; then one transaction writes it
// all. Villages missing from the file are kept: users and cases still point at them.
import type { Db } from '../../db/database';
import { fillMonthRows } from '../figures/month-counts';
import { CODE_LENGTHS, REGION_LEVELS, type RegionLevel } from './codes';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv';
import { createRegionsRepository, type NewLivingRoom, type RegionRow } from './repository';

export const CSV_COLUMNS = ['county_code', 'county_name', 'township_code', 'township_name', 'village_code', 'village_name'] as const;
type Column = (typeof CSV_COLUMNS)[number];

const LEVEL_COLUMNS: Record<RegionLevel, { code: Column; name: Column }> = {
  county: { code: 'county_code', name: 'county_name' },
  township: { code: 'township_code', name: 'township_name' },
  village: { code: 'village_code', name: 'village_name' },
};

const LEVEL_LABELS: Record<RegionLevel, string> = { county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）' };

// Longer than any real place name: a longer one is a column mix-up.
const MAX_NAME_LENGTH = 30;
// Enough to see what is wrong; the rest are usually the same mistake.
const SHOWN_ISSUES = 20;

export interface ImportIssue {
  // Absent for a problem with the whole file, such as its encoding.
  line?: number;
  message: string;
}

export interface ImportResult {
  counties: number;
  townships: number;
  villages: number;
  // Region rows of every level.
  created: number;
  updated: number;
  unchanged: number;
  livingRoomsCreated: number;
}

export class RegionImportError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    const shown = issues.slice(0, SHOWN_ISSUES).map(formatIssue);
    if (issues.length > SHOWN_ISSUES) shown.push(`……还有 ${issues.length - SHOWN_ISSUES} 处`);
    super([`文件里有 ${issues.length} 处错误，没有导入任何数据。请改正后重新导入：`, ...shown].join('\n'));
    this.name = 'RegionImportError';
  }
}

export function formatIssue({ line, message }: ImportIssue): string {
  return line === undefined ? message : `第 ${line} 行：${message}`;
}

export function livingRoomName(villageName: string): string {
  return `${villageName}睦邻客厅`;
}

export async function importRegions(db: Db, input: Buffer | string): Promise<ImportResult> {
  const plan = planImport(decode(input));
  return db.transaction().execute(async (trx) => {
    const repo = createRegionsRepository(trx);
    const villageCodes = plan.village.map((v) => v.code);
    const before = await repo.regionsByCode(villageCodes);
    const rooms = await repo.livingRoomsByCode(villageCodes);
    const counts = await repo.upsertRegions([...plan.county, ...plan.township, ...plan.village]);

    const now = new Date().toISOString();
    const missing = plan.village.filter((v) => !rooms.has(v.code));
    await repo.insertMissingLivingRooms(missing.map((v) => defaultLivingRoom(v, now)));
    // A room still called after the village's old name follows the rename; a chosen name stays.
    for (const village of plan.village) {
      const oldName = before.get(village.code)?.name;
      if (oldName !== undefined && oldName !== village.name && rooms.get(village.code)?.name === livingRoomName(oldName)) {
        await repo.renameLivingRoom(village.code, livingRoomName(village.name), now);
      }
    }
    // New villages get their per-month count rows now, not at the next start-up.
    await fillMonthRows(trx, new Date());
    return {
      counties: plan.county.length,
      townships: plan.township.length,
      villages: plan.village.length,
      ...counts,
      livingRoomsCreated: missing.length,
    };
  });
}

function defaultLivingRoom(village: RegionRow, now: string): NewLivingRoom {
  return {
    village_code: village.code,
    name: livingRoomName(village.name),
    address: '',
    lat: null,
    lng: null,
    hours: '',
    phone: '',
    proxy_point: 0,
    rooms: '[]',
    updated_at: now,
  };
}

function decode(input: Buffer | string): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    // Strips a BOM; fatal, so a GBK file (Excel's default "CSV" in China) is refused, not garbled.
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new RegionImportError([
      { message: '文件不是 UTF-8 编码。请在 Excel 中“另存为”，文件类型选“CSV UTF-8（逗号分隔）”，再重新导入' },
    ]);
  }
}

type Plan = Record<RegionLevel, RegionRow[]>;

function planImport(text: string): Plan {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new RegionImportError([{ line: err.line, message: err.message }]);
    throw err;
  }
  const [header, ...lines] = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (!header) throw new RegionImportError([{ message: '文件是空的：第一行应为表头 ' + CSV_COLUMNS.join(',') }]);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new RegionImportError([{ line: header.line, message: `表头缺少 ${missing.join('、')} 列。表头应为：${CSV_COLUMNS.join(',')}` }]);
  }
  if (!lines.length) throw new RegionImportError([{ message: '文件里只有表头，没有村（社区）' }]);
  const column = Object.fromEntries(CSV_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;

  const issues: ImportIssue[] = [];
  const seen: Record<RegionLevel, Map<string, { row: RegionRow; line: number }>> = { county: new Map(), township: new Map(), village: new Map() };
  const siblings = new Map<string | null, number>();
  for (const { line, fields } of lines) {
    if (fields.length !== header.fields.length) {
      issues.push({ line, message: `这一行有 ${fields.length} 列，表头有 ${header.fields.length} 列（名称里有逗号时，要用英文双引号把名称括起来）` });
      continue;
    }
    const problems: string[] = [];
    const rows: RegionRow[] = [];
    let parent: string | null = null;
    for (const level of REGION_LEVELS) {
      const code = fields[column[LEVEL_COLUMNS[level].code]].trim();
      const name = fields[column[LEVEL_COLUMNS[level].name]].trim();
      const codeProblem = checkCode(code, level, parent);
      if (codeProblem) problems.push(codeProblem);
      if (!name) problems.push(`${LEVEL_LABELS[level]}名称（${LEVEL_COLUMNS[level].name}）是空的`);
      else if (name.length > MAX_NAME_LENGTH) problems.push(`${LEVEL_LABELS[level]}名称“${name}”太长（最多 ${MAX_NAME_LENGTH} 个字），可能是列错位了`);
      rows.push({ code, name, level, parent_code: parent, sort: 0 });
      // A bad parent code would fail every child's prefix check too: report it once.
      if (codeProblem) break;
      parent = code;
    }
    if (problems.length) {
      issues.push({ line, message: problems.join('；') });
      continue;
    }
    for (const row of rows) {
      const first = seen[row.level].get(row.code);
      if (!first) {
        const sort = (siblings.get(row.parent_code) ?? 0) + 1;
        siblings.set(row.parent_code, sort);
        seen[row.level].set(row.code, { row: { ...row, sort }, line });
      } else if (first.row.name !== row.name) {
        issues.push({
          line,
          message: `${LEVEL_LABELS[row.level]}代码 ${row.code} 在第 ${first.line} 行叫“${first.row.name}”，这里叫“${row.name}”；同一个代码只能对应一个名称`,
        });
      }
    }
  }
  if (issues.length) throw new RegionImportError(issues);
  return {
    county: [...seen.county.values()].map((e) => e.row),
    township: [...seen.township.values()].map((e) => e.row),
    village: [...seen.village.values()].map((e) => e.row),
  };
}

function checkCode(code: string, level: RegionLevel, parent: string | null): string | undefined {
  const label = `${LEVEL_LABELS[level]}代码（${LEVEL_COLUMNS[level].code}）`;
  const length = CODE_LENGTHS[level];
  if (!code) return `${label}是空的`;
  if (/e\+/i.test(code)) return `${label}“${code}”被 Excel 显示成了科学计数法，请把代码列设为“文本”格式后重新导出`;
  if (!/^\d+$/.test(code) || code.length !== length) return `${label}“${code}”应为 ${length} 位数字`;
  if (parent !== null && !code.startsWith(parent)) return `${label} ${code} 应以所属上级的代码 ${parent} 开头`;
  return undefined;
}
