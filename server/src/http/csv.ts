// Tables for a county officer's spreadsheet: UTF-8 with a BOM and CRLF lines (Excel on Windows),
// fields quoted when they hold a comma, quote or line break.
import type { FastifyReply } from 'fastify';

const BOM = '\uFEFF';

export type CsvCell = string | number | null;

// A text cell starting with = + - @ would run as a formula in Excel.
function cell(value: CsvCell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(rows: CsvCell[][]): string {
  return BOM + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export interface CsvFile {
  // Shown to the officer (Chinese); asciiName is for clients that ignore filename*.
  fileName: string;
  asciiName: string;
  body: string;
}

export function sendCsv(reply: FastifyReply, file: CsvFile): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'no-store')
    .send(file.body);
}
