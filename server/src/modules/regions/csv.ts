// A small CSV reader (RFC 4180): commas, LF or CRLF, fields in double quotes with "" for a quote
// and line breaks allowed inside. Each record keeps the line it starts on, for error messages.
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  // The current field was quoted and its closing quote has been read.
  let closed = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: start, fields });
    fields = [];
    field = '';
    closed = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === ',') {
      fields.push(field);
      field = '';
      closed = false;
      i += 1;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      start = line;
    } else if (closed) {
      throw new CsvSyntaxError(line, '引号用得不对：带引号的内容要整个放在一对英文双引号里，内容里的引号要写成两个 ""');
    } else if (ch === '"' && field === '') {
      const opened = line;
      i += 1;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(opened, '英文双引号没有配对：从这一行开始的引号一直没有结束');
        const c = text[i];
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (c === '"') {
          i += 1;
          break;
        } else {
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
          field += c;
          i += 1;
        }
      }
      closed = true;
    } else {
      // A quote inside an unquoted field is kept as it is, as spreadsheet programs read it.
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || closed || fields.length > 0) endRecord();
  return records;
}
