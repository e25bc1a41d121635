// What an edit changed, field by field, with short before/after texts for the history list.
// List entries compare by position: a changed 明白纸 line shows as that line, old and new.
import { ACTOR_LABELS, type FlowStep, type Material, type ServiceItem } from './content';
import type { Change } from './editing-schemas';
import { GUIDE_LABELS, GUIDE_SECTIONS } from './validate';

const SUMMARY_CHARS = 80;

const LABELS: Record<string, string> = {
  code: '事项编码',
  name: '事项名称',
  category: '分类',
  department: '实施部门',
  type: '事项类型',
  basis: '设定依据',
  conditions: '受理条件',
  materials: '材料',
  legalDays: '法定时限',
  promisedDays: '承诺时限',
  fee: '收费标准',
  trips: '跑动次数',
  tripsNote: '跑动说明',
  'channels.proxy': '预约代办',
  'channels.online': '网上办',
  'channels.appointment': '预约到厅',
  delegated: '下放到村',
  place: '办理地点',
  hours: '办公时间',
  consultPhone: '咨询电话',
  complaintPhone: '监督投诉电话',
  result: '办理结果',
  'flow.steps': '流程图',
  'card.summary': '一卡通说明',
  'card.figures': '一卡通关键数字',
  'card.rules': '一卡通办事规矩',
  keywords: '搜索关键词',
  ...Object.fromEntries([...GUIDE_SECTIONS, 'faq' as const].map((k) => [`guide.${k}`, `明白纸·${GUIDE_LABELS[k]}`])),
};

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length > SUMMARY_CHARS ? `${chars.slice(0, SUMMARY_CHARS - 1).join('')}…` : text;
}

function show(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return clip(String(value));
  return clip(JSON.stringify(value));
}

const showMaterial = (m: Material) =>
  clip(`${m.name}（${m.form}，${m.copies} 份，${m.required ? '必交' : '选交'}${m.note ? `，${m.note}` : ''}）`);
const showStep = (s: FlowStep) =>
  clip(`${s.title}（${ACTOR_LABELS[s.actor] ?? s.actor}${s.days !== undefined ? `，${s.days} 天` : ''}）：${s.detail}${s.next.length ? ` → ${s.next.map((n) => n.label ? `${n.label}:${n.to}` : n.to).join('、')}` : ''}`);

// Key order must not make an unchanged value look changed (the editor may rebuild objects).
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

export function diffItems(before: ServiceItem, after: ServiceItem): Change[] {
  const changes: Change[] = [];
  const field = (path: string, a: unknown, b: unknown, label = LABELS[path] ?? path, text: (v: never) => string | null = show) => {
    if (!same(a, b)) changes.push({ path, label, before: a === undefined ? null : text(a as never), after: b === undefined ? null : text(b as never) });
  };
  // Lists: one change per position, so an added or removed entry has a null side.
  const list = <T>(path: string, a: readonly T[], b: readonly T[], text: (v: T) => string | null = show) => {
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      field(`${path}[${i}]`, a[i], b[i], `${LABELS[path] ?? path} 第 ${i + 1} 条`, text as (v: never) => string | null);
    }
  };

  for (const key of ['code', 'name', 'category', 'department', 'type', 'legalDays', 'promisedDays', 'fee', 'trips', 'tripsNote', 'delegated', 'place', 'hours', 'consultPhone', 'complaintPhone', 'result'] as const) {
    field(key, before[key], after[key]);
  }
  for (const key of ['proxy', 'online', 'appointment'] as const) field(`channels.${key}`, before.channels[key], after.channels[key]);
  list('basis', before.basis, after.basis);
  list('conditions', before.conditions, after.conditions);
  list('materials', before.materials, after.materials, showMaterial);
  list('flow.steps', before.flow.steps, after.flow.steps, showStep);
  for (const key of GUIDE_SECTIONS) list(`guide.${key}`, before.guide[key], after.guide[key]);
  list('guide.faq', before.guide.faq, after.guide.faq, (f) => clip(`问：${f.q} 答：${f.a}`));
  field('card.summary', before.card.summary, after.card.summary);
  list('card.figures', before.card.figures, after.card.figures, (f) => clip(`${f.label}：${f.value}`));
  list('card.rules', before.card.rules, after.card.rules);
  list('keywords', before.keywords, after.keywords);
  return changes;
}
