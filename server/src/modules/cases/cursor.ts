// Opaque keyset cursors for lists of cases and rectifications: the sort value and id of the last
// row shown, so a page never repeats or skips a row when new ones arrive.
import { AppError } from '../../http/app-error';

export interface CursorPosition {
  value: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ v: position.value, i: position.id })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const { v, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v: unknown; i: unknown };
    if (typeof v === 'string' && typeof i === 'string') return { value: v, id: i };
  } catch {
    // Falls through to the same answer as a well-formed but impossible cursor.
  }
  throw new AppError(400, 'BAD_CURSOR', '翻页位置不对，请从第一页重新查看');
}

// Rows were fetched one past the limit: the extra one only says another page exists.
export function pageOf<T extends { id: string }>(rows: T[], limit: number, sortValue: (row: T) => string | null): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { rows: shown, nextCursor: encodeCursor({ value: sortValue(last) ?? '', id: last.id }) };
}
