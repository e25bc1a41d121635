// TypeBox schemas of the 月观摩 API: the standards, the monthly seeded draws and the scored visits.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A CST month, e.g. 2026-11' });
const VillageCode = Type.String({ pattern: '^\\d{12}$' });
const TownshipCode = Type.String({ pattern: '^\\d{9}$' });
const Seed = Type.String({ pattern: '^[\\x21-\\x7e]{1,64}$', description: '1–64 visible ASCII characters' });
const Count = Type.Integer({ minimum: 3, maximum: 5, description: 'Rooms to draw: 3 to 5' });
const Person = Type.Object({ id: Type.String(), name: Nullable(Type.String()) });

export const StandardSchema = Type.Object({
  code: Type.String(),
  title: Type.String(),
  checks: Type.String({ description: 'What the evaluation group checks on site' }),
  maxScore: Type.Integer(),
});
export const StandardListSchema = Type.Object({
  maxTotal: Type.Integer(),
  categories: Type.Array(Type.Object({ category: Type.String(), maxScore: Type.Integer(), standards: Type.Array(StandardSchema) })),
});
export type StandardList = Static<typeof StandardListSchema>;

export const CreateDrawSchema = Type.Object(
  {
    month: Month,
    count: Count,
    seed: Type.Optional(Seed),
    townshipCode: Type.Optional(TownshipCode),
  },
  { additionalProperties: false },
);
export type CreateDrawInput = Static<typeof CreateDrawSchema>;

export const VerifyDrawSchema = Type.Object(
  {
    seed: Seed,
    count: Count,
    candidates: Type.Array(VillageCode, { minItems: 1, maxItems: 2000, description: 'Village codes in the recorded order' }),
  },
  { additionalProperties: false },
);
export type VerifyDrawInput = Static<typeof VerifyDrawSchema>;
export const VerifyResultSchema = Type.Object({ algorithm: Type.String(), result: Type.Array(Type.String()) });

const Village = Type.Object({ villageCode: Type.String(), villageName: Type.String(), townshipName: Type.String() });

export const DrawSchema = Type.Object({
  id: Type.String(),
  month: Type.String(),
  scopeCode: Type.String({ description: 'The county or township the candidates came from' }),
  scopeName: Type.String(),
  seed: Type.String(),
  algorithm: Type.String(),
  count: Type.Integer(),
  candidates: Type.Array(Village, { description: 'Every living room in scope, by village code: the list the draw ran over' }),
  result: Type.Array(
    Type.Object({ ...Village.properties, visitId: Nullable(Type.String()), visitTotal: Nullable(Type.Integer()) }),
    { description: 'The rooms drawn, in draw order, with their visit once scored' },
  ),
  drawnBy: Person,
  createdAt: Type.String({ format: 'date-time' }),
});
export type Draw = Static<typeof DrawSchema>;

export const DrawListQuerySchema = Type.Object({ month: Type.Optional(Month), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })), cursor: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export type DrawListQuery = Static<typeof DrawListQuerySchema>;
export const DrawListSchema = Type.Object({ items: Type.Array(DrawSchema), nextCursor: Nullable(Type.String()) });
export type DrawList = Static<typeof DrawListSchema>;

export const CreateVisitSchema = Type.Object(
  {
    villageCode: VillageCode,
    month: Month,
    drawId: Type.Optional(Id),
    scores: Type.Array(
      Type.Object(
        {
          standard: Type.String({ minLength: 1, maxLength: 64 }),
          score: Type.Integer({ minimum: 0, maximum: 100 }),
          note: Type.Optional(Type.String({ maxLength: 2000, description: 'Up to 200 characters' })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    photos: Type.Array(Id, { maxItems: 9, description: 'Uploaded attachment ids: 1 to 9 site photos' }),
    summary: Type.String({ maxLength: 5000, description: 'Up to 500 characters' }),
  },
  { additionalProperties: false },
);
export type CreateVisitInput = Static<typeof CreateVisitSchema>;

const ScoredStandard = Type.Object({ ...StandardSchema.properties, score: Type.Integer(), note: Nullable(Type.String()) });

export const VisitSummarySchema = Type.Object({
  id: Type.String(),
  villageCode: Type.String(),
  villageName: Type.String(),
  townshipCode: Type.String(),
  townshipName: Type.String(),
  month: Type.String(),
  drawId: Nullable(Type.String()),
  total: Type.Integer({ description: 'Computed by the server: the sum of the scores' }),
  maxTotal: Type.Integer(),
  visitedBy: Person,
  createdAt: Type.String({ format: 'date-time' }),
});
export type VisitSummary = Static<typeof VisitSummarySchema>;

export const VisitSchema = Type.Object({
  ...VisitSummarySchema.properties,
  summary: Type.String(),
  categories: Type.Array(Type.Object({ category: Type.String(), score: Type.Integer(), maxScore: Type.Integer(), standards: Type.Array(ScoredStandard) })),
  photos: Type.Array(Type.String(), { description: 'Attachment ids; only admins over the village can open them' }),
});
export type Visit = Static<typeof VisitSchema>;

export const VisitListQuerySchema = Type.Object(
  { month: Type.Optional(Month), village: Type.Optional(VillageCode), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), cursor: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type VisitListQuery = Static<typeof VisitListQuerySchema>;
export const VisitListSchema = Type.Object({ items: Type.Array(VisitSummarySchema), nextCursor: Nullable(Type.String()) });
export type VisitList = Static<typeof VisitListSchema>;

export const IdParamsSchema = Type.Object({ id: Id });
