// One village's band for one period under one rule set, with every step spelled out in Chinese so
// the page can show why: each component's value × its weight, the treatments applied, the line.
import type { VillageFigures } from '../figures/types';
import { COMPONENT_LABELS, COMPONENTS, MISSING_LABELS, SERVICE_COMPONENTS, type BandRules, type ComponentName } from './rules';

export type Band = 'good' | 'fair' | 'poor';
export const BAND_LABELS: Record<Band, string> = { good: '好', fair: '中', poor: '差' };

export interface ObservationFigure {
  visits: number;
  // Mean of total / max total over the visits, 0..1; null without a visit.
  share: number | null;
  // Mean of the totals in points (a visit is out of 100).
  averageTotal: number | null;
}

export type ScoreFigures = Pick<VillageFigures, 'cases' | 'onTimeShare' | 'satisfiedShare' | 'ratings' | 'overdueNow'>;

export interface ScoredComponent {
  name: ComponentName;
  label: string;
  // Normalised 0..1 (1 is best); null when there is no data to judge it.
  value: number | null;
  weight: number;
  // The weight actually applied, after a 'reweight' treatment.
  appliedWeight: number;
  points: number;
  explanation: string;
}

export interface BandResult {
  band: Band;
  label: string;
  // Null only when nothing at all could be scored.
  score: number | null;
  components: ScoredComponent[];
  notes: string[];
  explanation: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const fmt = (x: number) => String(round1(x));
const pct = (x: number) => `${fmt(x * 100)}%`;

interface Raw {
  value: number | null;
  // What the value is, in words, before "× weight".
  shown: string;
  // Why there is no value.
  missing?: string;
}

function rawComponents(f: ScoreFigures, obs: ObservationFigure, rules: BandRules): Record<ComponentName, Raw> {
  const tooFew = f.cases < rules.minCases ? `本期办件 ${f.cases} 件，少于 ${rules.minCases} 件` : undefined;
  const overdueShare = f.cases > 0 ? Math.min(1, f.overdueNow / f.cases) : f.overdueNow > 0 ? 1 : 0;
  return {
    onTime: tooFew
      ? { value: null, shown: '', missing: tooFew }
      : f.onTimeShare === null
        ? { value: null, shown: '', missing: '本期没有办结的件' }
        : { value: f.onTimeShare, shown: `按时办结率 ${pct(f.onTimeShare)}` },
    satisfied: tooFew
      ? { value: null, shown: '', missing: tooFew }
      : f.satisfiedShare === null
        ? { value: null, shown: '', missing: '本期没有群众评价' }
        : { value: f.satisfiedShare, shown: `群众满意率 ${pct(f.satisfiedShare)}（${f.ratings} 条评价）` },
    noOverdue: tooFew
      ? { value: null, shown: '', missing: tooFew }
      : { value: 1 - overdueShare, shown: `逾期未办结 ${f.overdueNow} 件、本期办件 ${f.cases} 件，未逾期率 ${pct(1 - overdueShare)}` },
    observation:
      obs.share === null || obs.averageTotal === null
        ? { value: null, shown: '', missing: '本期没有月观摩评分' }
        : { value: obs.share, shown: `月观摩 ${obs.visits} 次平均 ${fmt(obs.averageTotal)} 分，得分率 ${pct(obs.share)}` },
  };
}

export function scoreVillage(figures: ScoreFigures, observation: ObservationFigure, rules: BandRules): BandResult {
  const raw = rawComponents(figures, observation, rules);
  const scored = COMPONENTS.filter((c) => raw[c].value !== null && rules.weights[c] > 0);
  const scoredWeight = scored.reduce((sum, c) => sum + rules.weights[c], 0);
  const reweight = rules.missing === 'reweight' && scoredWeight > 0 && scoredWeight < 100;
  const notes: string[] = [];
  if (figures.cases < rules.minCases) {
    notes.push(`本期办件 ${figures.cases} 件，少于规则要求的 ${rules.minCases} 件，${SERVICE_COMPONENTS.map((c) => COMPONENT_LABELS[c]).join('、')}不评`);
  }

  const components = COMPONENTS.map((name): ScoredComponent => {
    const r = raw[name];
    const weight = rules.weights[name];
    const label = COMPONENT_LABELS[name];
    if (weight === 0) return { name, label, value: r.value, weight, appliedWeight: 0, points: 0, explanation: `${label}权重为 0，不计分` };
    if (r.value === null) {
      const treatment = rules.missing === 'reweight' ? '不计分，权重分给其他项目' : '按规则记 0 分';
      return { name, label, value: null, weight, appliedWeight: rules.missing === 'reweight' ? 0 : weight, points: 0, explanation: `${r.missing}：${label}${treatment}` };
    }
    const applied = reweight ? (weight * 100) / scoredWeight : weight;
    const points = round1(r.value * applied);
    const note = reweight ? `（权重 ${weight} 折算为 ${fmt(applied)}）` : '';
    return { name, label, value: r.value, weight, appliedWeight: round1(applied), points, explanation: `${r.shown} × ${fmt(applied)} = ${fmt(points)} 分${note}` };
  });

  if (rules.missing === 'reweight' && scoredWeight === 0) {
    notes.push('本期没有任何可以评分的数据，按规则评为中');
    return { band: 'fair', label: BAND_LABELS.fair, score: null, components, notes, explanation: '本期没有可评分的数据，评为中' };
  }
  if (reweight) notes.push(MISSING_LABELS.reweight);
  else if (rules.missing === 'zero' && scored.length < COMPONENTS.filter((c) => rules.weights[c] > 0).length) notes.push(MISSING_LABELS.zero);

  const score = round1(components.reduce((sum, c) => sum + c.points, 0));
  const { good, poor } = rules.thresholds;
  const band: Band = score >= good ? 'good' : score < poor ? 'poor' : 'fair';
  const explanation =
    band === 'good'
      ? `总分 ${fmt(score)} 分，达到“好”的分数线 ${good} 分，评为好`
      : band === 'poor'
        ? `总分 ${fmt(score)} 分，低于“差”的分数线 ${poor} 分，评为差`
        : `总分 ${fmt(score)} 分，在 ${poor} 分到 ${good} 分之间，评为中`;
  return { band, label: BAND_LABELS[band], score, components, notes, explanation };
}
