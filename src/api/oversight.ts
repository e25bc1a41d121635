import { downloadFile } from './download';
import { authed } from './session';

// 月观摩 and the 好/中/差 band, for the admin console.

export interface Standard {
  code: string;
  title: string;
  checks: string;
  maxScore: number;
}
export interface StandardList {
  maxTotal: number;
  categories: { category: string; maxScore: number; standards: Standard[] }[];
}

export interface DrawVillage {
  villageCode: string;
  villageName: string;
  townshipName: string;
}
export interface Draw {
  id: string;
  month: string;
  scopeCode: string;
  scopeName: string;
  seed: string;
  algorithm: string;
  count: number;
  candidates: DrawVillage[];
  result: (DrawVillage & { visitId: string | null; visitTotal: number | null })[];
  drawnBy: { id: string; name: string | null };
  createdAt: string;
}

export interface VisitInput {
  villageCode: string;
  month: string;
  drawId?: string;
  scores: { standard: string; score: number; note?: string }[];
  photos: string[];
  summary: string;
}
export interface Visit {
  id: string;
  villageCode: string;
  villageName: string;
  month: string;
  total: number;
  maxTotal: number;
  summary: string;
  categories: { category: string; score: number; maxScore: number; standards: (Standard & { score: number; note: string | null })[] }[];
  photos: string[];
}

export type BandKey = 'good' | 'fair' | 'poor';
export interface BandComponent {
  name: string;
  label: string;
  value: number | null;
  weight: number;
  appliedWeight: number;
  points: number;
  explanation: string;
}
export interface VillageBand {
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  band: BandKey;
  label: string;
  score: number | null;
  explanation: string;
  components: BandComponent[];
  notes: string[];
  monthly: { month: string; band: BandKey; label: string; score: number | null }[];
  flagged: boolean;
  flagNote: string | null;
  ruleVersion: number;
}
export interface BandList {
  period: string;
  months: string[];
  ruleVersion: number;
  items: VillageBand[];
}

export const observationStandards = () => authed<StandardList>('/api/v1/observations/standards');

export const drawsOf = (month: string) => authed<{ items: Draw[] }>(`/api/v1/observations/draws?month=${month}`).then((r) => r.items);

export const createDraw = (input: { month: string; count: number; seed?: string }, idempotencyKey: string) =>
  authed<Draw>('/api/v1/observations/draws', { method: 'POST', data: input, headers: { 'Idempotency-Key': idempotencyKey } });

export const createVisit = (input: VisitInput, idempotencyKey: string) =>
  authed<Visit>('/api/v1/observations/visits', { method: 'POST', data: input, headers: { 'Idempotency-Key': idempotencyKey } });

export const bandsOf = (period: string) => authed<BandList>(`/api/v1/bands?period=${encodeURIComponent(period)}`);
export const downloadBandsCsv = (period: string) => downloadFile(`/api/v1/bands/export.csv?period=${encodeURIComponent(period)}`, `好中差评定-${period}.csv`);
