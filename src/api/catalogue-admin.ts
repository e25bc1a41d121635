// Catalogue editing for county admins: the editable item, save, history and restore.
import { ApiError } from './client';
import { authed } from './session';
import type { ServiceItem } from './types';

export interface EditableItem {
  code: string;
  version: number;
  edited: boolean;
  updatedAt: string;
  item: ServiceItem;
}

// A rule the item breaks, on the field `path` names (e.g. `materials[0].name`, `guide.tips[2]`).
export interface ItemProblem {
  path: string;
  message: string;
}

export interface ItemChange {
  path: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface VersionSummary {
  version: number;
  changedAt: string;
  changedBy: { id: string; name: string } | null;
  changes: ItemChange[];
  restoredFrom: number | null;
  current: boolean;
}

const base = (code: string) => `/api/v1/admin/catalogue/${encodeURIComponent(code)}`;

export function fetchEditable(code: string) {
  return authed<EditableItem>(base(code));
}

export function saveItem(code: string, baseVersion: number, item: ServiceItem, idempotencyKey: string) {
  return authed<EditableItem>(base(code), { method: 'PUT', data: { baseVersion, item }, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function fetchVersions(code: string, before?: number) {
  return authed<{ items: VersionSummary[]; nextBefore: number | null }>(`${base(code)}/versions${before ? `?before=${before}` : ''}`);
}

export function restoreVersion(code: string, version: number, baseVersion: number, idempotencyKey: string) {
  return authed<EditableItem>(`${base(code)}/versions/${version}/restore`, {
    method: 'POST',
    data: { baseVersion },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function problemsOf(e: unknown): ItemProblem[] {
  if (!(e instanceof ApiError) || e.code !== 'ITEM_INVALID') return [];
  const problems = e.details?.problems;
  return Array.isArray(problems) ? (problems as ItemProblem[]) : [];
}

export const isConflict = (e: unknown) => e instanceof ApiError && e.code === 'VERSION_CONFLICT';
