import { migrations } from '../db/migrations';

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;

// A copy must have run exactly the source's migrations; a source behind this code's latest is
// still backed up (that is when a backup matters most), and the report says so.
export function migrationProblems(source: string[], copy: string[]): string[] {
  if (source.join() !== copy.join()) return [`迁移记录不一致 / migration history differs: source ${source.at(-1)}, copy ${copy.at(-1)}`];
  return [];
}
