// Attachments live as files in config.uploadDir; a backup carries them in a folder beside it.
import fs from 'node:fs';
import path from 'node:path';

export interface UploadsCopy {
  dir: string;
  files: number;
  bytes: number;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
}

// Copies what is there now; a file the server adds meanwhile belongs to the next backup.
export function copyUploads(from: string, to: string): UploadsCopy {
  fs.mkdirSync(to, { recursive: true });
  let files = 0;
  let bytes = 0;
  for (const name of listFiles(from)) {
    const target = path.join(to, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.copyFileSync(path.join(from, name), target);
    } catch (err) {
      // Deleted by the server between listing and copying (a discarded draft attachment).
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    files += 1;
    bytes += fs.statSync(target).size;
  }
  return { dir: to, files, bytes };
}

export function measureUploads(dir: string): { files: number; bytes: number } {
  const names = listFiles(dir);
  return { files: names.length, bytes: names.reduce((sum, n) => sum + fs.statSync(path.join(dir, n)).size, 0) };
}

// Every attachment the backed-up database knows must be in the copied folder, same size.
export function missingUploads(dir: string, attachments: { file_name: string; size: number | string }[]): string[] {
  const problems: string[] = [];
  for (const a of attachments) {
    const file = path.join(dir, a.file_name);
    if (!fs.existsSync(file)) problems.push(`附件文件缺失 / attachment file missing: ${a.file_name}`);
    else if (fs.statSync(file).size !== Number(a.size)) problems.push(`附件大小不符 / attachment size differs: ${a.file_name}`);
  }
  return problems;
}
