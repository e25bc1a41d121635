// WeChat subscribe-message templates: which template id each kind of message uses (from the
// environment) and how a message's fields become WeChat's `data`, within WeChat's value limits.
export const TEMPLATE_NAMES = ['case_status', 'case_message', 'rectification', 'activity_reminder'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface TemplateIds {
  caseStatus: string;
  caseMessage: string;
  rectification: string;
  // Optional: without it, reminders the day before are in-app only.
  activityReminder?: string;
}

export type WechatData = Record<string, { value: string }>;

// The fields a caller passes to notify() for each template, and the template keyword each one
// fills (configure the templates in the mini-program console with these keywords in this order).
// time: an ISO instant (now when left out); the others: plain text, trimmed here to fit.
export const TEMPLATE_FIELDS = {
  // 办件进度提醒: 办件编号 / 办理事项 / 办理状态 / 更新时间 / 备注
  case_status: { number: 'character_string1', service: 'thing2', status: 'phrase3', time: 'time4', note: 'thing5' },
  // 留言回复提醒: 办件编号 / 办理事项 / 留言人 / 留言内容 / 留言时间
  case_message: { number: 'character_string1', service: 'thing2', sender: 'name3', content: 'thing4', time: 'time5' },
  // 整改回访提醒: 办件编号 / 办理事项 / 整改状态 / 处理说明 / 更新时间
  rectification: { number: 'character_string1', service: 'thing2', status: 'phrase3', note: 'thing4', time: 'time5' },
  // 活动提醒: 活动名称 / 活动时间 / 活动地点 / 温馨提示 (activities and talks, the day before)
  activity_reminder: { title: 'thing1', time: 'time2', place: 'thing3', note: 'thing4' },
} as const satisfies Record<TemplateName, Record<string, string>>;

// WeChat's caps in characters; a longer value makes WeChat refuse the whole message (47003).
const LIMITS: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32 };
const CST_OFFSET_MS = 8 * 3600_000;

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

// Undefined when the template is not configured.
export function templateId(ids: TemplateIds, name: TemplateName): string | undefined {
  return { case_status: ids.caseStatus, case_message: ids.caseMessage, rectification: ids.rectification, activity_reminder: ids.activityReminder }[name];
}

// Unknown fields are a programming error: thrown, so the caller's transaction and its test fail.
export function toWechatData(name: TemplateName, fields: Record<string, string>, now: Date = new Date()): WechatData {
  const keys: Record<string, string> = TEMPLATE_FIELDS[name];
  const unknown = Object.keys(fields).filter((f) => !(f in keys));
  if (unknown.length) {
    throw new Error(`template ${name} has no field ${unknown.join(', ')}; its fields are ${Object.keys(keys).join(', ')}`);
  }
  const data: WechatData = {};
  for (const [field, key] of Object.entries(keys)) data[key] = { value: formatValue(key, fields[field], now) };
  return data;
}

function formatValue(key: string, raw: string | undefined, now: Date): string {
  const kind = key.replace(/\d+$/, '');
  if (kind === 'time') return formatCstMinute(raw === undefined ? now : new Date(raw), raw);
  // WeChat refuses an empty value, so a field left out still says something.
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (kind === 'character_string') return (text.replace(/[^\x21-\x7e]/g, '') || '-').slice(0, LIMITS[kind]);
  const chars = [...(text || '无')];
  const limit = LIMITS[kind];
  if (limit === undefined || chars.length <= limit) return chars.join('');
  // A cut sentence shows it was cut; a name or a phrase is simply shortened.
  return kind === 'thing' ? `${chars.slice(0, limit - 1).join('')}…` : chars.slice(0, limit).join('');
}

// 'YYYY-MM-DD HH:mm' in China Standard Time, as WeChat's time keyword wants it.
function formatCstMinute(at: Date, raw: string | undefined): string {
  if (Number.isNaN(at.getTime())) throw new Error(`template time must be an ISO instant, got "${raw}"`);
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
