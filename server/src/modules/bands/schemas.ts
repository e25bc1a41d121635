// TypeBox schemas of the band API: the rule versions and each village's 好/中/差 with its reasons.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';

const Weight = Type.Integer({ minimum: 0, maximum: 100 });
const Line = Type.Number({ minimum: 0, maximum: 100 });

export const RulesSchema = Type.Object(
  {
    weights: Type.Object(
      { onTime: Weight, satisfied: Weight, noOverdue: Weight, observation: Weight },
      { additionalProperties: false, description: '按时办结率、群众满意率、未逾期率、月观摩得分的权重；整数，合计 100' },
    ),
    thresholds: Type.Object({ good: Line, poor: Line }, { additionalProperties: false, description: '好：总分 ≥ good；差：总分 < poor；其余为中' }),
    minCases: Type.Integer({ minimum: 0, maximum: 1000, description: 'Fewer cases in the period: the three service components are not scored' }),
    missing: StringEnum(['reweight', 'zero'] as const, { description: 'A component without data: reweight spreads its weight over the others; zero scores it 0' }),
    flagAfterPoor: Type.Integer({ minimum: 1, maximum: 12, description: '差 in this many months of the period flags the village' }),
  },
  { additionalProperties: false },
);

export const PutRulesSchema = Type.Object({ ...RulesSchema.properties, note: Type.Optional(Type.String({ maxLength: 1000, description: 'Why the rules change; up to 100 characters' })) }, { additionalProperties: false });
export type PutRulesInput = Static<typeof PutRulesSchema>;

export const RuleVersionSchema = Type.Object({
  version: Type.Integer(),
  rules: RulesSchema,
  note: Nullable(Type.String()),
  createdBy: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
  createdAt: Type.String({ format: 'date-time' }),
});
export type RuleVersion = Static<typeof RuleVersionSchema>;

export const RulesResponseSchema = Type.Object({
  current: RuleVersionSchema,
  history: Type.Array(RuleVersionSchema, { description: 'Newest first, at most 20' }),
  components: Type.Array(Type.Object({ name: Type.String(), label: Type.String() })),
});
export type RulesResponse = Static<typeof RulesResponseSchema>;

export const BandQuerySchema = Type.Object(
  {
    period: Type.String({ maxLength: 10, description: '2026-11, 2026-Q4 or 2026' }),
    township: Type.Optional(Type.String({ pattern: '^\\d{9}$' })),
    ruleVersion: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'Recompute under an older version; default the current one' })),
  },
  { additionalProperties: false },
);
export type BandQuery = Static<typeof BandQuerySchema>;

const BandEnum = StringEnum(['good', 'fair', 'poor'] as const);

export const VillageBandSchema = Type.Object({
  villageCode: Type.String(),
  villageName: Type.String(),
  townshipCode: Type.String(),
  townshipName: Type.String(),
  band: BandEnum,
  label: Type.String({ description: '好 / 中 / 差' }),
  score: Nullable(Type.Number({ description: 'Out of 100; null when nothing could be scored' })),
  explanation: Type.String(),
  components: Type.Array(
    Type.Object({
      name: Type.String(),
      label: Type.String(),
      value: Nullable(Type.Number({ description: '0..1, 1 is best; null without data' })),
      weight: Type.Number(),
      appliedWeight: Type.Number(),
      points: Type.Number(),
      explanation: Type.String(),
    }),
  ),
  notes: Type.Array(Type.String(), { description: 'The treatments of the rules that applied' }),
  monthly: Type.Array(Type.Object({ month: Type.String(), band: BandEnum, label: Type.String(), score: Nullable(Type.Number()) })),
  flagged: Type.Boolean(),
  flagNote: Nullable(Type.String()),
  ruleVersion: Type.Integer(),
});
export type VillageBand = Static<typeof VillageBandSchema>;

export const BandListSchema = Type.Object({
  period: Type.String(),
  months: Type.Array(Type.String(), { description: 'The months of the period that have begun' }),
  ruleVersion: Type.Integer(),
  rules: RulesSchema,
  items: Type.Array(VillageBandSchema, { description: 'Flagged villages first, then 差, 中, 好' }),
});
export type BandList = Static<typeof BandListSchema>;
