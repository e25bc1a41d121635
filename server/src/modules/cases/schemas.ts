// TypeBox schemas of the cases API: creating a case, its transitions, messages, materials
// receipt and rating, the resident's list and the cadre workbench. Lengths a villager types are
// checked by the service, which names the field in Chinese; the schemas keep only hard caps.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';
import { MATERIAL_FORMS } from '../catalogue/content';
import { CHANNELS } from '../catalogue/schemas';
import { HALVES } from '../duty/slots';
import { CASE_ACTIONS, CASE_STATES } from './states';

export const HANDOVERS = ['slot', 'home_visit'] as const;
export const WORKBENCH_TABS = ['pending', 'mine', 'awaiting', 'done'] as const;
export type WorkbenchTab = (typeof WORKBENCH_TABS)[number];

const Text = (maxLength: number, description?: string) => Type.String({ maxLength, description });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const SlotInputSchema = Type.Object(
  {
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'CST date YYYY-MM-DD' }),
    half: StringEnum(HALVES, { description: 'am 9:00–12:00, pm 14:00–17:30' }),
  },
  { additionalProperties: false },
);

export const CreateCaseSchema = Type.Object(
  {
    serviceCode: Type.String({ minLength: 1, maxLength: 32 }),
    channel: StringEnum(CHANNELS),
    handover: Type.Optional(StringEnum(HANDOVERS, { description: 'proxy only: hand over at a slot, or a home visit' })),
    slot: Type.Optional(SlotInputSchema),
    homeVisitReason: Type.Optional(Text(1000, 'Up to 100 characters, e.g. age or disability')),
    description: Type.Optional(Text(5000, 'Up to 500 characters; required for online')),
    materialsHave: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50, description: 'Names from the item’s checklist' }),
  },
  { additionalProperties: false },
);
export type CreateCaseInput = Static<typeof CreateCaseSchema>;

export const TransitionSchema = Type.Object(
  {
    action: StringEnum(CASE_ACTIONS),
    note: Type.Optional(Text(5000, 'ask_resident: what is needed (required); others: optional')),
    reason: Type.Optional(Text(2000, 'reject: why (required)')),
    referral: Type.Optional(Text(2000, 'reject: where else to go (required)')),
    resultNote: Type.Optional(Text(5000, 'complete: the result (required)')),
    toCadreId: Type.Optional(Id),
    slot: Type.Optional(SlotInputSchema),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'rate: 5 非常满意 … 1 非常不满意' })),
    comment: Type.Optional(Text(2000, 'rate: up to 200 characters')),
  },
  { additionalProperties: false },
);
export type TransitionInput = Static<typeof TransitionSchema>;

export const MessageInputSchema = Type.Object(
  {
    body: Text(5000, 'Up to 500 characters'),
    attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 9 })),
  },
  { additionalProperties: false },
);
export type MessageInput = Static<typeof MessageInputSchema>;

export const MaterialInputSchema = Type.Object(
  {
    name: Text(1000, 'Up to 100 characters'),
    form: StringEnum(MATERIAL_FORMS),
    copies: Type.Integer({ minimum: 1, maximum: 99 }),
    note: Type.Optional(Text(2000, 'Up to 200 characters')),
  },
  { additionalProperties: false },
);
export type MaterialInput = Static<typeof MaterialInputSchema>;

export const RatingInputSchema = Type.Object(
  {
    level: Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意 … 1 非常不满意' }),
    comment: Type.Optional(Text(2000, 'Up to 200 characters')),
  },
  { additionalProperties: false },
);
export type RatingInput = Static<typeof RatingInputSchema>;

export const CaseParamsSchema = Type.Object({ id: Id });
export const MaterialParamsSchema = Type.Object({ id: Id, materialId: Id });

export const MineQuerySchema = Type.Object(
  {
    status: Type.Optional(StringEnum(['open', 'closed'] as const)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type MineQuery = Static<typeof MineQuerySchema>;

export const WorkbenchQuerySchema = Type.Object(
  {
    tab: Type.Optional(StringEnum(WORKBENCH_TABS, { description: '待受理 / 我的 / 待补充 / 已办结 (30 days)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type WorkbenchQuery = Static<typeof WorkbenchQuerySchema>;

const Person = Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String({ description: 'Masked (138****5678) unless you are its owner or the handling cadre' })) });
const SlotSchema = Type.Object({ date: Type.String(), half: StringEnum(HALVES) });

export const CaseSummarySchema = Type.Object({
  id: Type.String(),
  number: Type.String({ examples: ['YC-20261128-0042'] }),
  service: Type.Object({ code: Type.String(), name: Type.String() }),
  channel: StringEnum(CHANNELS),
  status: StringEnum(CASE_STATES),
  statusLabel: Type.String(),
  handover: Nullable(StringEnum(HANDOVERS)),
  slot: Nullable(SlotSchema),
  dueAt: Nullable(Type.String({ format: 'date-time' })),
  acceptBy: Type.String({ format: 'date-time', description: 'End of the duty half-day the case arrived in' }),
  overdue: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  resident: Person,
  actions: Type.Array(StringEnum(CASE_ACTIONS), { description: 'What you may do to this case now' }),
});
export type CaseSummary = Static<typeof CaseSummarySchema>;

const Actor = Nullable(Type.Object({ id: Nullable(Type.String()), name: Nullable(Type.String()), role: Type.String() }));

export const CaseDetailSchema = Type.Object({
  ...CaseSummarySchema.properties,
  villageCode: Type.String(),
  channelLabel: Type.String(),
  homeVisitReason: Nullable(Type.String()),
  description: Nullable(Type.String()),
  materialsHave: Type.Array(Type.String()),
  missingMaterials: Type.Array(Type.String(), { description: 'Required materials the resident did not tick' }),
  acceptedAt: Nullable(Type.String({ format: 'date-time' })),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  assignee: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()), phone: Nullable(Type.String()) })),
  resultNote: Nullable(Type.String()),
  rejectReason: Nullable(Type.String()),
  rejectReferral: Nullable(Type.String()),
  timeline: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      action: Type.String(),
      label: Type.String(),
      fromStatus: Nullable(Type.String()),
      toStatus: Type.String(),
      actor: Actor,
      note: Nullable(Type.String()),
      data: Nullable(Type.Record(Type.String(), Type.Unknown())),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
  messages: Type.Array(
    Type.Object({
      id: Type.String(),
      author: Actor,
      mine: Type.Boolean(),
      body: Type.String(),
      attachmentIds: Type.Array(Type.String()),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
  materials: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      form: Type.String(),
      copies: Type.Integer(),
      note: Nullable(Type.String()),
      receivedAt: Type.String({ format: 'date-time' }),
      receivedBy: Nullable(Type.String()),
      returnedAt: Nullable(Type.String({ format: 'date-time' })),
      returnedBy: Nullable(Type.String()),
    }),
    { description: 'The receipt: what the village holds and what it has handed back' },
  ),
  rating: Nullable(Type.Object({ level: Type.Integer(), label: Type.String(), comment: Nullable(Type.String()), createdAt: Type.String({ format: 'date-time' }) })),
  rectification: Nullable(
    Type.Object({
      status: StringEnum(['open', 'closed'] as const),
      deadlineAt: Type.String({ format: 'date-time' }),
      callbackAt: Nullable(Type.String({ format: 'date-time' })),
      closedAt: Nullable(Type.String({ format: 'date-time' })),
      closingNote: Nullable(Type.String()),
    }),
  ),
});
export type CaseDetail = Static<typeof CaseDetailSchema>;

export const CaseListSchema = Type.Object({ items: Type.Array(CaseSummarySchema), nextCursor: Nullable(Type.String()) });
export type CaseList = Static<typeof CaseListSchema>;

export const WorkbenchSchema = Type.Object({
  items: Type.Array(CaseSummarySchema),
  nextCursor: Nullable(Type.String()),
  counts: Type.Object({ pending: Type.Integer(), mine: Type.Integer(), awaiting: Type.Integer(), done: Type.Integer() }),
});
export type Workbench = Static<typeof WorkbenchSchema>;
