// One validator for the catalogue: the seed test runs it over all 56 items, and catalogue
// editing runs the same rules on every edit. Each problem names the field it is about (a path
// such as `materials[0].name`) with a plain Chinese sentence, so the editor can show it there.
import {
  ACTORS,
  MATERIAL_FORMS,
  SERVICE_TYPES,
  type Category,
  type Guide,
  type ServiceItem,
} from './content';

export const MAX_SENTENCE_CHARS = 30;
export const CODE_PATTERN = /^[a-z]{2,4}-\d{2}$/;

// Office words a villager may not know; allowed only where the sheet explains them once "词（…）".
export const JARGON = ['受理', '核准', '备案', '核定', '审批', '辖区', '承诺件', '即办件', '复核'];

export interface Problem {
  path: string;
  message: string;
}

export function sentences(text: string): string[] {
  return text
    .split(/[。！？；!?;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function charCount(s: string): number {
  return Array.from(s).length;
}

export const GUIDE_SECTIONS = ['what', 'who', 'bring', 'steps', 'time', 'cost', 'tips'] as const;

export function guideTexts(guide: Guide): string[] {
  return [...GUIDE_SECTIONS.flatMap((k) => guide[k]), ...guide.faq.flatMap((f) => [f.q, f.a])];
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const nonEmptyList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(nonEmpty);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

// The labels the editor uses, so a message reads like the form the admin is looking at.
const TEXT_FIELDS = {
  name: '事项名称',
  department: '实施部门',
  fee: '收费标准',
  place: '办理地点',
  hours: '办公时间',
  consultPhone: '咨询电话',
  complaintPhone: '监督投诉电话',
  result: '办理结果',
} as const;
const LIST_FIELDS = { basis: '设定依据', conditions: '受理条件', keywords: '搜索关键词' } as const;
export const GUIDE_LABELS: Record<(typeof GUIDE_SECTIONS)[number] | 'faq', string> = {
  what: '这是什么',
  who: '谁能办',
  bring: '要带什么',
  steps: '怎么办',
  time: '要多久',
  cost: '花多少钱',
  tips: '温馨提示',
  faq: '常见问题',
};

export function itemProblems(item: ServiceItem, categories: readonly Pick<Category, 'code'>[]): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (!CODE_PATTERN.test(item.code ?? '')) add('code', '事项编码格式不对，应像 shjz-01');
  for (const [key, label] of Object.entries(TEXT_FIELDS) as [keyof typeof TEXT_FIELDS, string][]) {
    if (!nonEmpty(item[key])) add(key, `${label}不能为空`);
  }
  if (!categories.some((c) => c.code === item.category)) add('category', `没有“${item.category}”这个分类`);
  if (!SERVICE_TYPES.includes(item.type)) add('type', `事项类型只能是：${SERVICE_TYPES.join('、')}`);
  for (const [key, label] of Object.entries(LIST_FIELDS) as [keyof typeof LIST_FIELDS, string][]) {
    if (!nonEmptyList(item[key])) add(key, `${label}至少写一条，不能有空行`);
  }

  if (!Array.isArray(item.materials) || item.materials.length === 0) add('materials', '材料清单至少要有一项');
  (item.materials ?? []).forEach((m, i) => {
    const at = `materials[${i}]`;
    if (!nonEmpty(m.name)) add(`${at}.name`, '材料名称不能为空');
    if (!MATERIAL_FORMS.includes(m.form)) add(`${at}.form`, `材料形式只能是：${MATERIAL_FORMS.join('、')}`);
    if (!Number.isInteger(m.copies) || m.copies < 1) add(`${at}.copies`, '份数至少是 1');
    if (typeof m.required !== 'boolean') add(`${at}.required`, '请选择是否必须提交');
  });

  if (item.legalDays !== null && !isCount(item.legalDays)) add('legalDays', '法定时限应不填或是不小于 0 的整数');
  if (!isCount(item.promisedDays)) add('promisedDays', '承诺时限应是不小于 0 的整数');
  if (item.legalDays !== null && item.promisedDays > item.legalDays) add('promisedDays', '承诺时限不能超过法定时限');
  if (item.trips !== 0 && item.trips !== 1) add('trips', '跑动次数只能是 0 或 1');
  if (item.trips === 1 && !nonEmpty(item.tripsNote)) add('tripsNote', '需要跑一次时，请写明为什么要到现场');
  const ch = item.channels;
  if (!ch || ![ch.proxy, ch.online, ch.appointment].some((v) => v === true)) add('channels', '至少要开通一种办理方式');
  if (typeof item.delegated !== 'boolean') add('delegated', '请选择是否下放到村');

  problems.push(...flowProblems(item));
  problems.push(...guideProblems(item.guide));

  const card = item.card;
  if (!card || !nonEmpty(card.summary)) add('card.summary', '一卡通的一句话说明不能为空');
  if (!card || !Array.isArray(card.figures) || card.figures.length < 3) add('card.figures', '一卡通至少要有 3 个关键数字');
  (card?.figures ?? []).forEach((f, i) => {
    if (!nonEmpty(f.label) || !nonEmpty(f.value)) add(`card.figures[${i}]`, '关键数字的名称和内容都要写');
  });
  if (!card || !nonEmptyList(card.rules)) add('card.rules', '一卡通的办事规矩至少写一条，不能有空行');
  return problems;
}

export function flowProblems(item: Pick<ServiceItem, 'flow'>): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const steps = item.flow?.steps ?? [];
  if (steps.length < 3) return [{ path: 'flow.steps', message: '流程图至少要有 3 步' }];
  const ids = new Set<string>();
  steps.forEach((s, i) => {
    const at = `flow.steps[${i}]`;
    if (!nonEmpty(s.id)) add(`${at}.id`, '这一步没有编号');
    if (ids.has(s.id)) add(`${at}.id`, `步骤编号“${s.id}”重复了`);
    ids.add(s.id);
    if (!nonEmpty(s.title)) add(`${at}.title`, '步骤名称不能为空');
    if (!nonEmpty(s.detail)) add(`${at}.detail`, '步骤说明不能为空');
    if (!ACTORS.includes(s.actor)) add(`${at}.actor`, '请选择这一步由谁来办');
    if (s.days !== undefined && !isCount(s.days)) add(`${at}.days`, '天数应是不小于 0 的整数');
    if (!Array.isArray(s.next)) add(`${at}.next`, '下一步的格式不对');
    else if (s.next.length > 1 && s.next.some((n) => !nonEmpty(n.label))) add(`${at}.next`, '有几条去向时，每条都要写明什么情况走这条');
  });
  steps.forEach((s, i) => {
    (Array.isArray(s.next) ? s.next : []).forEach((n, j) => {
      if (!ids.has(n.to)) add(`flow.steps[${i}].next[${j}].to`, `指向的步骤“${n.to}”不存在`);
    });
  });
  if (problems.length) return problems;

  const byId = new Map(steps.map((s) => [s.id, s]));
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>([from]);
    const queue = [from];
    while (queue.length) {
      for (const n of byId.get(queue.shift()!)!.next) {
        if (!seen.has(n.to)) {
          seen.add(n.to);
          queue.push(n.to);
        }
      }
    }
    return seen;
  };
  const fromFirst = reach(steps[0].id);
  steps.forEach((s, i) => {
    if (!fromFirst.has(s.id)) add(`flow.steps[${i}]`, '从第一步走不到这一步');
  });
  const terminals = steps.filter((s) => s.next.length === 0).map((s) => s.id);
  if (terminals.length === 0) add('flow.steps', '流程图没有结束的一步（没有下一步的那一步）');
  steps.forEach((s, i) => {
    if (terminals.length && !terminals.some((t) => reach(s.id).has(t))) add(`flow.steps[${i}]`, '从这一步走不到结束');
  });
  if (new Set(steps.map((s) => s.actor)).size < 2) add('flow.steps', '流程图至少要有两方参与（例如群众和村里）');
  return problems;
}

export function guideProblems(guide: Guide | undefined): Problem[] {
  if (!guide) return [{ path: 'guide', message: '明白纸不能为空' }];
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  for (const key of GUIDE_SECTIONS) {
    if (!nonEmptyList(guide[key])) add(`guide.${key}`, `明白纸“${GUIDE_LABELS[key]}”至少写一句，不能有空行`);
  }
  if (!Array.isArray(guide.faq) || guide.faq.length < 2) add('guide.faq', '常见问题至少要有 2 条');
  (guide.faq ?? []).forEach((f, i) => {
    if (!nonEmpty(f.q) || !nonEmpty(f.a)) add(`guide.faq[${i}]`, '问题和回答都要写');
  });
  if (problems.length) return problems;

  const entries: [string, string][] = [
    ...GUIDE_SECTIONS.flatMap((k) => guide[k].map((t, i): [string, string] => [`guide.${k}[${i}]`, t])),
    ...guide.faq.flatMap((f, i): [string, string][] => [
      [`guide.faq[${i}].q`, f.q],
      [`guide.faq[${i}].a`, f.a],
    ]),
  ];
  for (const [path, text] of entries) {
    for (const s of sentences(text)) {
      const n = charCount(s);
      if (n > MAX_SENTENCE_CHARS) add(path, `这句有 ${n} 个字，超过 ${MAX_SENTENCE_CHARS} 个字，请拆成短句：“${s}”`);
    }
  }
  // The app and the printed page number the steps; a number typed in would show twice ("1. 1.").
  guide.steps.forEach((t, i) => {
    if (/^\s*[0-9０-９]+\s*[.、．)）]/.test(t)) add(`guide.steps[${i}]`, '怎么办的每一步不用写序号，页面会自动编上 1、2、3');
  });
  const all = entries.map(([, t]) => t).join('\n');
  for (const word of JARGON) {
    if (all.includes(word) && !all.includes(`${word}（`)) {
      add('guide', `明白纸用了“${word}”却没有解释，请在一处写成“${word}（……）”`);
    }
  }
  return problems;
}

const asText = (prefix: string) => (p: Problem) => `${prefix}${p.path}: ${p.message}`;

// The same rules as one line per problem, for the seed check script and the catalogue tests.
export function validateItem(item: ServiceItem, categories: readonly Pick<Category, 'code'>[]): string[] {
  return itemProblems(item, categories).map(asText(`${item.code ?? '?'}: `));
}

export function validateFlow(item: Pick<ServiceItem, 'flow'>): string[] {
  return flowProblems(item).map(asText(''));
}

export function validateGuide(guide: Guide | undefined): string[] {
  return guideProblems(guide).map(asText(''));
}

export interface CatalogueRules {
  expectedItems: number;
  expectedDelegated: number;
}

export function validateCatalogue(
  items: readonly ServiceItem[],
  categories: readonly Category[],
  rules: CatalogueRules = { expectedItems: 56, expectedDelegated: 11 },
): string[] {
  const errors = items.flatMap((i) => validateItem(i, categories));
  if (items.length !== rules.expectedItems) errors.push(`catalogue has ${items.length} items, expected ${rules.expectedItems}`);
  const delegated = items.filter((i) => i.delegated).length;
  if (delegated !== rules.expectedDelegated) errors.push(`${delegated} items delegated, expected ${rules.expectedDelegated}`);
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const i of items) {
    if (codes.has(i.code)) errors.push(`code ${i.code} repeats`);
    if (names.has(i.name)) errors.push(`name ${i.name} repeats`);
    codes.add(i.code);
    names.add(i.name);
  }
  for (const c of categories) if (!items.some((i) => i.category === c.code)) errors.push(`category ${c.code} is empty`);
  return errors;
}
