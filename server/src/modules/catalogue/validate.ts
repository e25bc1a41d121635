// One validator for the catalogue: the seed test runs it over all 56 items, and catalogue
// editing (later) runs the same rules on every edit.
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

export function sentences(text: string): string[] {
  return text
    .split(/[。！？；!?;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function charCount(s: string): number {
  return Array.from(s).length;
}

export function guideTexts(guide: Guide): string[] {
  return [
    ...guide.what,
    ...guide.who,
    ...guide.bring,
    ...guide.steps,
    ...guide.time,
    ...guide.cost,
    ...guide.tips,
    ...guide.faq.flatMap((f) => [f.q, f.a]),
  ];
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const nonEmptyList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(nonEmpty);

export function validateItem(item: ServiceItem, categories: readonly Pick<Category, 'code'>[]): string[] {
  const errors: string[] = [];
  const err = (msg: string) => errors.push(`${item.code ?? '?'}: ${msg}`);

  if (!CODE_PATTERN.test(item.code ?? '')) err(`code must match ${CODE_PATTERN}`);
  for (const key of ['name', 'department', 'fee', 'place', 'hours', 'consultPhone', 'complaintPhone', 'result'] as const) {
    if (!nonEmpty(item[key])) err(`${key} is empty`);
  }
  if (!categories.some((c) => c.code === item.category)) err(`unknown category ${item.category}`);
  if (!SERVICE_TYPES.includes(item.type)) err(`unknown type ${item.type}`);
  if (!nonEmptyList(item.basis)) err('basis is empty');
  if (!nonEmptyList(item.conditions)) err('conditions is empty');
  if (!nonEmptyList(item.keywords)) err('keywords is empty');

  if (!Array.isArray(item.materials) || item.materials.length === 0) err('materials is empty');
  for (const m of item.materials ?? []) {
    if (!nonEmpty(m.name)) err('a material has no name');
    if (!MATERIAL_FORMS.includes(m.form)) err(`material ${m.name}: unknown form ${m.form}`);
    if (!Number.isInteger(m.copies) || m.copies < 1) err(`material ${m.name}: copies must be ≥ 1`);
    if (typeof m.required !== 'boolean') err(`material ${m.name}: required must be true or false`);
  }

  if (item.legalDays !== null && (!Number.isInteger(item.legalDays) || item.legalDays < 0)) err('legalDays must be null or ≥ 0');
  if (!Number.isInteger(item.promisedDays) || item.promisedDays < 0) err('promisedDays must be ≥ 0');
  if (item.legalDays !== null && item.promisedDays > item.legalDays) err('promisedDays exceeds legalDays');
  if (item.trips !== 0 && item.trips !== 1) err('trips must be 0 or 1');
  if (item.trips === 1 && !nonEmpty(item.tripsNote)) err('trips = 1 needs tripsNote (why the resident must come)');
  const ch = item.channels;
  if (!ch || ![ch.proxy, ch.online, ch.appointment].some((v) => v === true)) err('no channel is open');
  if (typeof item.delegated !== 'boolean') err('delegated must be true or false');

  errors.push(...validateFlow(item).map((e) => `${item.code}: ${e}`));
  errors.push(...validateGuide(item.guide).map((e) => `${item.code}: ${e}`));

  const card = item.card;
  if (!card || !nonEmpty(card.summary)) err('card.summary is empty');
  if (!card || !Array.isArray(card.figures) || card.figures.length < 3) err('card needs ≥ 3 figures');
  for (const f of card?.figures ?? []) if (!nonEmpty(f.label) || !nonEmpty(f.value)) err('card figure incomplete');
  if (!card || !nonEmptyList(card.rules)) err('card.rules is empty');
  return errors;
}

export function validateFlow(item: Pick<ServiceItem, 'flow'>): string[] {
  const errors: string[] = [];
  const steps = item.flow?.steps ?? [];
  if (steps.length < 3) return ['flow needs ≥ 3 steps'];
  const ids = new Set<string>();
  for (const s of steps) {
    if (!nonEmpty(s.id)) errors.push('a flow step has no id');
    if (ids.has(s.id)) errors.push(`flow step id ${s.id} repeats`);
    ids.add(s.id);
    if (!nonEmpty(s.title)) errors.push(`flow step ${s.id} has no title`);
    if (!nonEmpty(s.detail)) errors.push(`flow step ${s.id} has no detail`);
    if (!ACTORS.includes(s.actor)) errors.push(`flow step ${s.id}: unknown actor ${s.actor}`);
    if (s.days !== undefined && (!Number.isInteger(s.days) || s.days < 0)) errors.push(`flow step ${s.id}: bad days`);
    if (!Array.isArray(s.next)) errors.push(`flow step ${s.id}: next must be a list`);
    if ((s.next ?? []).length > 1 && s.next.some((n) => !nonEmpty(n.label))) {
      errors.push(`flow step ${s.id}: every branch needs a label`);
    }
  }
  for (const s of steps) {
    for (const n of s.next ?? []) if (!ids.has(n.to)) errors.push(`flow step ${s.id} points to unknown step ${n.to}`);
  }
  if (errors.length) return errors;

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
  for (const s of steps) if (!fromFirst.has(s.id)) errors.push(`flow step ${s.id} cannot be reached from the first step`);
  const terminals = steps.filter((s) => s.next.length === 0).map((s) => s.id);
  if (terminals.length === 0) errors.push('flow has no end step');
  for (const s of steps) {
    const r = reach(s.id);
    if (!terminals.some((t) => r.has(t))) errors.push(`flow step ${s.id} never reaches an end step`);
  }
  if (new Set(steps.map((s) => s.actor)).size < 2) errors.push('flow names only one actor');
  return errors;
}

export function validateGuide(guide: Guide | undefined): string[] {
  if (!guide) return ['guide is missing'];
  const errors: string[] = [];
  for (const key of ['what', 'who', 'bring', 'steps', 'time', 'cost', 'tips'] as const) {
    if (!nonEmptyList(guide[key])) errors.push(`guide.${key} is empty`);
  }
  if (!Array.isArray(guide.faq) || guide.faq.length < 2) errors.push('guide needs ≥ 2 FAQs');
  for (const f of guide.faq ?? []) if (!nonEmpty(f.q) || !nonEmpty(f.a)) errors.push('a FAQ is incomplete');
  if (errors.length) return errors;

  const texts = guideTexts(guide);
  for (const s of texts.flatMap(sentences)) {
    if (charCount(s) > MAX_SENTENCE_CHARS) errors.push(`明白纸 sentence over ${MAX_SENTENCE_CHARS} chars: "${s}"`);
  }
  const all = texts.join('\n');
  for (const word of JARGON) {
    if (all.includes(word) && !all.includes(`${word}（`)) {
      errors.push(`明白纸 uses "${word}" without explaining it once as "${word}（…）"`);
    }
  }
  return errors;
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
