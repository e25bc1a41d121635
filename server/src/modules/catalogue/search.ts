// Catalogue search for villagers who type Chinese, full pinyin or pinyin initials
// (低保 / dibao / db). The forms are computed once at seed time; ranking is a pure function.
import { pinyin } from 'pinyin-pro';

export interface SearchForms {
  text: string;
  pinyin: string;
  initials: string;
}

export interface SearchCandidate {
  name: SearchForms;
  keywords: SearchForms[];
  department: string;
  categoryName: string;
}

export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, '');
}

export function searchForms(text: string): SearchForms {
  // Whole-text conversion, so polyphones read in context (银行 → yinhang, 长期 → changqi).
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true });
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', v: true });
  const letters = (parts: string[]) => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  return { text: normalizeQuery(text), pinyin: letters(syllables), initials: letters(initials) };
}

// Higher is better; 0 means no match. The order is the product decision in the brief.
export function searchScore(query: string, c: SearchCandidate): number {
  const q = normalizeQuery(query);
  if (!q) return 0;
  const keywordForms = c.keywords.flatMap((k) => [k.text, k.pinyin, k.initials]).filter(Boolean);
  if (c.name.text === q) return 10;
  if (keywordForms.includes(q)) return 9;
  if (c.name.text.startsWith(q)) return 8;
  if (c.name.text.includes(q)) return 7;
  if (keywordForms.some((f) => f.includes(q))) return 6;
  if (c.name.pinyin.includes(q)) return 5;
  if (c.name.initials.startsWith(q)) return 4;
  if (c.name.initials.includes(q)) return 3;
  if (normalizeQuery(c.department).includes(q) || normalizeQuery(c.categoryName).includes(q)) return 2;
  return 0;
}

// Keeps only matches, best first; equal scores keep the input (catalogue) order.
export function rankByQuery<T>(query: string, items: readonly T[], candidate: (item: T) => SearchCandidate): T[] {
  return items
    .map((item, index) => ({ item, index, score: searchScore(query, candidate(item)) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.item);
}
