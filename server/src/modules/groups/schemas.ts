// TypeBox schemas of the 微家 API: kinds, groups, members and join requests.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';

export const JOIN_POLICIES = ['open', 'approval'] as const;
export const REVIEW_STATUSES = ['approved', 'pending', 'rejected'] as const;
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Code = Type.String({ pattern: '^\\d{9}(\\d{3})?$', description: 'village (12 digits) or township (9 digits)' });

export const GroupKindSchema = Type.Object({ code: Type.String(), name: Type.String(), icon: Type.String(), description: Type.String(), sort: Type.Integer() });
export const GroupKindListSchema = Type.Object({ items: Type.Array(GroupKindSchema) });

const Person = Type.Object({ id: Type.String(), name: Nullable(Type.String()) });

export const GroupSummarySchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  kindName: Type.String(),
  name: Type.String(),
  scopeCode: Type.String(),
  scopeName: Type.String(),
  nearness: StringEnum(['mine', 'nearby', 'other'] as const, { description: 'my village, my township, elsewhere' }),
  leader: Person,
  joinPolicy: StringEnum(JOIN_POLICIES),
  memberCap: Nullable(Type.Integer()),
  memberCount: Type.Integer(),
  description: Type.String(),
  meetingRoom: Nullable(Type.Object({ villageCode: Type.String(), roomId: Type.String(), name: Type.String() })),
  reviewStatus: StringEnum(REVIEW_STATUSES),
  myStanding: Nullable(StringEnum(['leader', 'deputy', 'member', 'pending'] as const)),
  actions: Type.Array(Type.String()),
});
export type GroupSummary = Static<typeof GroupSummarySchema>;

export const GroupDetailSchema = Type.Composite([
  GroupSummarySchema,
  Type.Object({
    deputies: Type.Array(Person),
    members: Type.Array(Type.Object({ id: Type.String(), name: Nullable(Type.String()), role: Type.String(), phone: Type.Optional(Nullable(Type.String())) })),
  }),
]);
export type GroupDetail = Static<typeof GroupDetailSchema>;

export const GroupListSchema = Type.Object({ items: Type.Array(GroupSummarySchema), nextCursor: Nullable(Type.String()) });
export type GroupList = Static<typeof GroupListSchema>;

export const GroupQuerySchema = Type.Object(
  {
    kind: Type.Optional(Type.String({ maxLength: 32 })),
    villageCode: Type.Optional(Type.String({ pattern: '^\\d{12}$', description: 'whose village comes first; default: mine' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type GroupQuery = Static<typeof GroupQuerySchema>;

const MeetingRoom = Type.Object({ villageCode: Type.String({ pattern: '^\\d{12}$' }), roomId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const CreateGroupSchema = Type.Object(
  {
    kind: Type.String({ minLength: 1, maxLength: 32 }),
    name: Type.String({ maxLength: 200, description: 'Up to 30 characters' }),
    scopeCode: Code,
    leaderId: Id,
    joinPolicy: StringEnum(JOIN_POLICIES),
    memberCap: Type.Optional(Nullable(Type.Integer({ minimum: 2, maximum: 10000 }))),
    description: Type.String({ maxLength: 5000, description: 'Up to 500 characters' }),
    meetingRoom: Type.Optional(Nullable(MeetingRoom)),
  },
  { additionalProperties: false },
);
export type CreateGroupInput = Static<typeof CreateGroupSchema>;

export const PatchGroupSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    joinPolicy: Type.Optional(StringEnum(JOIN_POLICIES)),
    memberCap: Type.Optional(Nullable(Type.Integer({ minimum: 2, maximum: 10000 }))),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    meetingRoom: Type.Optional(Nullable(MeetingRoom)),
  },
  { additionalProperties: false },
);
export type PatchGroupInput = Static<typeof PatchGroupSchema>;

export const GroupParamsSchema = Type.Object({ id: Id });
export const MemberParamsSchema = Type.Object({ id: Id, userId: Id });
export const DeputySchema = Type.Object({ userId: Id }, { additionalProperties: false });
export const DecisionSchema = Type.Object({ approve: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export type DecisionInput = Static<typeof DecisionSchema>;
export const ReasonSchema = Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });
export const ReviewSchema = Type.Object({ approve: Type.Boolean() }, { additionalProperties: false });

export const JoinResultSchema = Type.Object({ status: StringEnum(['active', 'pending'] as const), group: GroupDetailSchema });
export const RequestListSchema = Type.Object({
  items: Type.Array(Type.Object({ userId: Type.String(), name: Nullable(Type.String()), phone: Nullable(Type.String()), villageCode: Nullable(Type.String()), requestedAt: Type.String() })),
});
