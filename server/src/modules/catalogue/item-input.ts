// Checks the shape of an edited item (types, required fields, sizes) before the content rules
// run, and words each failure as a problem on the field it is about.
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { ServiceItem } from './content';
import { ItemInputSchema } from './editing-schemas';
import type { Problem } from './validate';

const MAX_PROBLEMS = 50;

// "/materials/0/name" → "materials[0].name", the path style of the content rules.
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function message(e: ValueError): string {
  const schema = e.schema as { maxLength?: number; maxItems?: number; minimum?: number; maximum?: number };
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return '缺少这一项';
    case ValueErrorType.StringMaxLength:
      return `太长了，最多 ${schema.maxLength} 个字`;
    case ValueErrorType.ArrayMaxItems:
      return `太多了，最多 ${schema.maxItems} 项`;
    case ValueErrorType.Integer:
    case ValueErrorType.Number:
      return '应该是整数';
    case ValueErrorType.IntegerMinimum:
      return `不能小于 ${schema.minimum}`;
    case ValueErrorType.IntegerMaximum:
      return `不能大于 ${schema.maximum}`;
    case ValueErrorType.Boolean:
      return '请选择是或否';
    case ValueErrorType.Union:
      return '只能从给出的选项里选';
    default:
      return '格式不对';
  }
}

// Unknown fields are dropped (as everywhere in the API), so they never reach the stored item.
export function parseItemInput(raw: unknown): { item: ServiceItem; problems: [] } | { item: undefined; problems: Problem[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { item: undefined, problems: [{ path: '', message: '事项内容格式不对' }] };
  }
  const cleaned = Value.Clean(ItemInputSchema, Value.Clone(raw));
  if (Value.Check(ItemInputSchema, cleaned)) return { item: cleaned as ServiceItem, problems: [] };
  const byPath = new Map<string, Problem>();
  for (const e of Value.Errors(ItemInputSchema, cleaned)) {
    const path = pointerToPath(e.path);
    // A union reports each branch it tried; the first word for a field is enough.
    if (!byPath.has(path)) byPath.set(path, { path, message: message(e) });
    if (byPath.size >= MAX_PROBLEMS) break;
  }
  return { item: undefined, problems: [...byPath.values()] };
}
