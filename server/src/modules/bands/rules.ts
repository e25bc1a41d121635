// The county's band rules as data (issue 6): what each component weighs, where 好 and 差 begin,
// how few cases are too few to judge the service figures, what a component without data counts
// as, and how many 差 months flag a village. Stored as numbered versions in `band_rules`.
import { AppError } from '../../http/app-error';

export const COMPONENTS = ['onTime', 'satisfied', 'noOverdue', 'observation'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export const COMPONENT_LABELS: Record<ComponentName, string> = {
  onTime: '按时办结率',
  satisfied: '群众满意率',
  noOverdue: '未逾期率',
  observation: '月观摩得分',
};

// The three figures from cases; the observation score stands on its own.
export const SERVICE_COMPONENTS: readonly ComponentName[] = ['onTime', 'satisfied', 'noOverdue'];

export type MissingTreatment = 'reweight' | 'zero';

export interface BandRules {
  // Whole points, each at least 0, together exactly 100.
  weights: Record<ComponentName, number>;
  // 好 from `good` points up; 差 below `poor`; 中 in between.
  thresholds: { good: number; poor: number };
  // Fewer cases than this in a period: the service components are not scored.
  minCases: number;
  // A component without data: 'reweight' spreads its weight over the scored ones; 'zero' gives 0.
  missing: MissingTreatment;
  // 差 in this many months of the period or more: the village is flagged.
  flagAfterPoor: number;
}

export const DEFAULT_BAND_RULES: BandRules = {
  weights: { onTime: 30, satisfied: 30, noOverdue: 10, observation: 30 },
  thresholds: { good: 85, poor: 60 },
  minCases: 3,
  missing: 'reweight',
  flagAfterPoor: 2,
};

export const MISSING_LABELS: Record<MissingTreatment, string> = {
  reweight: '没有数据的项目不计分，它的权重按比例分给其他项目',
  zero: '没有数据的项目记 0 分',
};

// Refuses a rule set that cannot be applied, with a sentence the county's staff understand.
export function validateRules(rules: BandRules): BandRules {
  const total = COMPONENTS.reduce((sum, c) => sum + rules.weights[c], 0);
  for (const c of COMPONENTS) {
    const w = rules.weights[c];
    if (!Number.isInteger(w) || w < 0) throw new AppError(400, 'WEIGHT_INVALID', `${COMPONENT_LABELS[c]}的权重要是 0 或正整数`);
  }
  if (total !== 100) throw new AppError(400, 'WEIGHTS_NOT_100', `各项权重加起来要等于 100，现在是 ${total}`);
  const { good, poor } = rules.thresholds;
  if (!(good > poor)) throw new AppError(400, 'THRESHOLDS_INVALID', `“好”的分数线（${good}）要高于“差”的分数线（${poor}）`);
  return {
    weights: Object.fromEntries(COMPONENTS.map((c) => [c, rules.weights[c]])) as Record<ComponentName, number>,
    thresholds: { good, poor },
    minCases: rules.minCases,
    missing: rules.missing,
    flagAfterPoor: rules.flagAfterPoor,
  };
}

// Rules as stored; older versions written before a field existed still read with its default.
export function parseStoredRules(json: string): BandRules {
  const raw = JSON.parse(json) as Partial<BandRules>;
  return {
    weights: { ...DEFAULT_BAND_RULES.weights, ...raw.weights },
    thresholds: { ...DEFAULT_BAND_RULES.thresholds, ...raw.thresholds },
    minCases: raw.minCases ?? DEFAULT_BAND_RULES.minCases,
    missing: raw.missing ?? DEFAULT_BAND_RULES.missing,
    flagAfterPoor: raw.flagAfterPoor ?? DEFAULT_BAND_RULES.flagAfterPoor,
  };
}

export function sameRules(a: BandRules, b: BandRules): boolean {
  return JSON.stringify(validateRules(a)) === JSON.stringify(validateRules(b));
}
