// A small JSON beside each backup: what it holds, so a restore can check it got all of it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Counts } from './sqlite-inspect';

export interface Manifest {
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  schema?: string;
  file: string;
  sha256: string;
  bytes: number;
  migrations: string[];
  tables: Counts;
  uploads: { dir: string; files: number; bytes: number };
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export function manifestPath(backupFile: string): string {
  return backupFile.replace(/\.(sqlite|dump)$/, '.json');
}

export function uploadsPath(backupFile: string): string {
  return backupFile.replace(/\.(sqlite|dump)$/, '.uploads');
}

export function readManifest(backupFile: string): Manifest | null {
  const file = manifestPath(backupFile);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : null;
}
