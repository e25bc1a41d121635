// TypeBox schemas of the 和事佬 mediation API. Lengths a villager types are checked by the service,
// which names the field in Chinese; the schemas keep only hard caps.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';
import { MEDIATION_ACTIONS, MEDIATION_KINDS, MEDIATION_STATES } from './states';

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const CreateMediationSchema = Type.Object(
  {
    kind: StringEnum(MEDIATION_KINDS, { description: 'neighbours 邻里 / family 家庭 / land 土地 / other 其他' }),
    otherParty: Type.Optional(Type.String({ maxLength: 500, description: 'The other party’s name only; up to 50 characters' })),
    description: Type.String({ maxLength: 10000, description: 'Up to 1,000 characters' }),
  },
  { additionalProperties: false },
);
export type CreateMediationInput = Static<typeof CreateMediationSchema>;

export const MediationMessageInputSchema = Type.Object({ body: Type.String({ maxLength: 5000, description: 'Up to 500 characters' }) }, { additionalProperties: false });
export type MediationMessageInput = Static<typeof MediationMessageInputSchema>;

export const OutcomeInputSchema = Type.Object(
  {
    result: StringEnum(['success', 'not_resolved'] as const, { description: 'success 调解成功 / not_resolved 未成功' }),
    agreement: Type.Optional(Type.String({ maxLength: 20000, description: 'success: the agreement (required, up to 2,000 characters)' })),
    referral: Type.Optional(Type.String({ maxLength: 2000, description: 'not_resolved: where to go next, e.g. 乡镇人民调解委员会 (required)' })),
  },
  { additionalProperties: false },
);
export type OutcomeInput = Static<typeof OutcomeInputSchema>;

export const MediationParamsSchema = Type.Object({ id: Id });

export const MediationListQuerySchema = Type.Object(
  { status: Type.Optional(StringEnum(['open', 'closed'] as const)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
  { additionalProperties: false },
);
export type MediationListQuery = Static<typeof MediationListQuerySchema>;

const Actor = Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) }));

export const MediationSummarySchema = Type.Object({
  id: Type.String(),
  villageCode: Type.String(),
  kind: StringEnum(MEDIATION_KINDS),
  kindLabel: Type.String(),
  status: StringEnum(MEDIATION_STATES),
  statusLabel: Type.String(),
  resident: Actor,
  mediator: Actor,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  actions: Type.Array(StringEnum(MEDIATION_ACTIONS), { description: 'What you may do to it now' }),
});
export type MediationSummary = Static<typeof MediationSummarySchema>;

export const MediationDetailSchema = Type.Object({
  ...MediationSummarySchema.properties,
  otherParty: Nullable(Type.String()),
  description: Type.String(),
  agreement: Nullable(Type.String()),
  referral: Nullable(Type.String()),
  takenAt: Nullable(Type.String({ format: 'date-time' })),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  messages: Type.Array(Type.Object({ id: Type.String(), author: Actor, mine: Type.Boolean(), body: Type.String(), createdAt: Type.String({ format: 'date-time' }) })),
});
export type MediationDetail = Static<typeof MediationDetailSchema>;

export const MediationListSchema = Type.Object({ items: Type.Array(MediationSummarySchema) });
export type MediationList = Static<typeof MediationListSchema>;
