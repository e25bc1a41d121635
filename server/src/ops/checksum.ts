// A checksum of a table's contents that two dialects agree on: each row written out the same
// way (columns by name, booleans as 1/0, JSON re-serialised, floats to float4 precision), row
// digests sorted so row order and collation do not matter.
import { createHash } from 'node:crypto';

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function canonical(value: unknown, pgType: string | undefined): string {
  if (value === null || value === undefined) return '\u2205';
  if (pgType === 'boolean') return value === true || value === 1 || value === '1' ? '1' : '0';
  if (pgType === 'json' || pgType === 'jsonb') return stable(typeof value === 'string' ? JSON.parse(value) : value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(6);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return String(value);
}

export function tableChecksum(rows: Record<string, unknown>[], pgTypes: Record<string, string>): string {
  const digests = rows.map((row) => {
    const line = Object.keys(row)
      .sort()
      .map((c) => `${c}=${canonical(row[c], pgTypes[c])}`)
      .join('\u001f');
    return createHash('sha256').update(line).digest('hex');
  });
  digests.sort();
  return createHash('sha256').update(digests.join('\n')).digest('hex').slice(0, 16);
}
