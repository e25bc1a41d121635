// TypeBox schemas of activities: posting, sign-up with a waiting list, check-in, volunteer hours.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';
import { REVIEW_STATUSES } from '../groups/schemas';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Instant = Type.String({ format: 'date-time', description: 'ISO instant' });

export const CreateActivitySchema = Type.Object(
  {
    title: Type.String({ maxLength: 500, description: 'Up to 40 characters' }),
    startsAt: Instant,
    endsAt: Instant,
    place: Type.String({ maxLength: 500, description: 'Up to 60 characters' }),
    capacity: Type.Integer({ minimum: 1, maximum: 2000 }),
    bring: Type.Optional(Type.String({ maxLength: 2000, description: 'Up to 200 characters' })),
    openToAll: Type.Boolean({ description: 'villagers outside the group may sign up' }),
    volunteerHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24, description: '公益 only; default the duration' })),
  },
  { additionalProperties: false },
);
export type CreateActivityInput = Static<typeof CreateActivitySchema>;

export const MySignupSchema = Type.Object({
  status: StringEnum(['signed_up', 'waitlisted', 'cancelled'] as const),
  position: Nullable(Type.Integer({ description: 'place on the waiting list, 1 = next in' })),
  checkinCode: Nullable(Type.String({ description: '6 digits shown at the door' })),
  checkedInAt: Nullable(Type.String()),
  hours: Nullable(Type.Number()),
});

export const ActivitySchema = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  groupName: Type.String(),
  groupKind: Type.String(),
  scopeCode: Type.String(),
  title: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  place: Type.String(),
  capacity: Type.Integer(),
  signedUp: Type.Integer(),
  waitlisted: Type.Integer(),
  bring: Nullable(Type.String()),
  openToAll: Type.Boolean(),
  volunteerHours: Nullable(Type.Number()),
  reviewStatus: StringEnum(REVIEW_STATUSES),
  mySignup: Nullable(MySignupSchema),
  actions: Type.Array(Type.String()),
  // Leaders only: the door list.
  signups: Type.Optional(
    Type.Array(Type.Object({ userId: Type.String(), name: Nullable(Type.String()), status: Type.String(), position: Nullable(Type.Integer()), checkedInAt: Nullable(Type.String()), hours: Nullable(Type.Number()) })),
  ),
});
export type Activity = Static<typeof ActivitySchema>;

export const ActivityListSchema = Type.Object({ items: Type.Array(ActivitySchema), nextCursor: Nullable(Type.String()) });
export const ActivityQuerySchema = Type.Object(
  {
    villageCode: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
    groupId: Type.Optional(Id),
    from: Type.Optional(Instant),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export type ActivityQuery = Static<typeof ActivityQuerySchema>;

export const ActivityParamsSchema = Type.Object({ id: Id });
export const CheckinSchema = Type.Object(
  {
    userId: Type.Optional(Id),
    code: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
    hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 })),
  },
  { additionalProperties: false },
);
export type CheckinInput = Static<typeof CheckinSchema>;

export const VolunteerHoursSchema = Type.Object({
  totalHours: Type.Number(),
  items: Type.Array(Type.Object({ activityId: Type.String(), title: Type.String(), groupName: Type.String(), startsAt: Type.String(), hours: Type.Number() })),
});
