// Pure helpers of the editor: where a problem belongs, and tidying the draft before it is sent.
import type { ItemProblem } from '../../api/catalogue-admin';
import type { FlowStep, ServiceItem } from '../../api/types';

export type Problems = ItemProblem[];

// Problems on exactly this field.
export const at = (problems: Problems, path: string) => problems.filter((p) => p.path === path);

// Problems on this field or anything inside it (`materials[0]` → `materials[0].name`…).
export const within = (problems: Problems, path: string) =>
  problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));

// "guide.tips[2]" under "guide.tips" → line 3; the list itself → null.
export function lineOf(path: string, list: string): number | null {
  const m = new RegExp(`^${list.replace(/[.[\]]/g, '\\$&')}\\[(\\d+)\\]`).exec(path);
  return m ? Number(m[1]) + 1 : null;
}

const trimLines = (lines: string[]) => lines.map((l) => l.trim()).filter(Boolean);

// What the form holds → what the server checks: no blank lines, no empty optional texts.
export function tidy(item: ServiceItem): ServiceItem {
  const { tripsNote, ...rest } = item;
  return {
    ...rest,
    ...(tripsNote?.trim() ? { tripsNote: tripsNote.trim() } : {}),
    basis: trimLines(item.basis),
    conditions: trimLines(item.conditions),
    keywords: trimLines(item.keywords),
    materials: item.materials.map(({ note, ...m }) => ({ ...m, name: m.name.trim(), ...(note?.trim() ? { note: note.trim() } : {}) })),
    flow: {
      steps: item.flow.steps.map((s) => ({
        ...s,
        next: s.next.map(({ label, ...n }) => ({ ...n, ...(label?.trim() ? { label: label.trim() } : {}) })),
      })),
    },
    guide: {
      what: trimLines(item.guide.what),
      who: trimLines(item.guide.who),
      bring: trimLines(item.guide.bring),
      steps: trimLines(item.guide.steps),
      time: trimLines(item.guide.time),
      cost: trimLines(item.guide.cost),
      tips: trimLines(item.guide.tips),
      faq: item.guide.faq.map((f) => ({ q: f.q.trim(), a: f.a.trim() })),
    },
    card: { ...item.card, rules: trimLines(item.card.rules) },
  };
}

export function newStepId(steps: FlowStep[]): string {
  const ids = new Set(steps.map((s) => s.id));
  let n = steps.length + 1;
  while (ids.has(`s${n}`)) n += 1;
  return `s${n}`;
}

// Removing a step also removes the arrows that pointed at it.
export function removeStep(steps: FlowStep[], index: number): FlowStep[] {
  const gone = steps[index].id;
  return steps.filter((_, i) => i !== index).map((s) => ({ ...s, next: s.next.filter((n) => n.to !== gone) }));
}

export function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to], copy[index]];
  return copy;
}

export const replaceAt = <T>(list: T[], index: number, value: T): T[] => list.map((v, i) => (i === index ? value : v));
