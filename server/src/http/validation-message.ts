// Turns a schema validation failure into one Chinese sentence that names the bad field.

export interface SchemaIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

// The Chinese name a reader would recognise; the raw name follows it for the developer.
const FIELD_LABELS: Record<string, string> = {
  q: '搜索词',
  category: '分类',
  channel: '办理方式',
  limit: '每页条数',
  cursor: '翻页位置',
  code: '事项编号',
};

export function issueField(issue: SchemaIssue): string {
  const missing = issue.params.missingProperty;
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (typeof missing === 'string') return path ? `${path}.${missing}` : missing;
  return path;
}

export function validationMessage(issue: SchemaIssue): string {
  const field = issueField(issue);
  const last = field.split('.').pop() ?? field;
  const label = FIELD_LABELS[last] ? `${FIELD_LABELS[last]}（${field}）` : field ? `参数 ${field} ` : '请求内容';
  return `${label}${reason(issue)}，请检查后重试`;
}

function reason({ keyword, params }: SchemaIssue): string {
  switch (keyword) {
    case 'required':
      return '没有填写';
    case 'type':
      return params.type === 'integer' || params.type === 'number' ? '应该是数字' : '格式不对';
    case 'minimum':
      return `不能小于 ${params.limit}`;
    case 'maximum':
      return `不能大于 ${params.limit}`;
    case 'minLength':
      return params.limit === 1 ? '不能为空' : `至少要 ${params.limit} 个字`;
    case 'maxLength':
      return `不能超过 ${params.limit} 个字`;
    case 'enum':
      return `只能是 ${(params.allowedValues as unknown[]).join('、')} 中的一个`;
    default:
      return '格式不对';
  }
}
