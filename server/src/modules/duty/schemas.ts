// TypeBox schemas of the duty rota (坐班) and slots API.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';
import { HALVES } from './slots';

const VillageCode = Type.String({ pattern: '^\\d{12}$', description: '12-digit village code', examples: ['511621102201'] });
const DateString = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: ['2026-11-30'] });
const HalfSchema = StringEnum(HALVES, { description: 'am 09:00–12:00, pm 14:00–17:30 (China Standard Time)' });

export const RangeQuerySchema = Type.Object(
  {
    villageCode: VillageCode,
    from: Type.Optional(DateString('First day; default today (CST)')),
    to: Type.Optional(DateString('Last day, at most 31 days in all; default a week from `from`')),
  },
  { additionalProperties: false },
);
export type RangeQuery = Static<typeof RangeQuerySchema>;

export const TodayQuerySchema = Type.Object({ villageCode: VillageCode }, { additionalProperties: false });

export const DutyCadreSchema = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'The duty phone: public on the duty board on purpose' })),
});
export type DutyCadre = Static<typeof DutyCadreSchema>;

export const DutyHalfDaySchema = Type.Object({ date: Type.String(), half: HalfSchema, cadres: Type.Array(DutyCadreSchema) });
export type DutyHalfDay = Static<typeof DutyHalfDaySchema>;

export const DutyListSchema = Type.Object({ items: Type.Array(DutyHalfDaySchema, { description: 'Every working half-day in the range' }) });

export const DutyTodaySchema = Type.Object({
  date: Type.String(),
  workingDay: Type.Boolean(),
  am: Type.Array(DutyCadreSchema),
  pm: Type.Array(DutyCadreSchema),
});
export type DutyToday = Static<typeof DutyTodaySchema>;

export const ShiftParamsSchema = Type.Object({ villageCode: VillageCode, date: DateString('CST date'), half: HalfSchema });

export const AssignBodySchema = Type.Object(
  { cadreId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A cadre of the same village; default oneself' })) },
  { additionalProperties: false },
);

export const UnassignQuerySchema = Type.Object(
  { cadreId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Default oneself' })) },
  { additionalProperties: false },
);

export const SlotSchema = Type.Object({
  date: Type.String(),
  half: HalfSchema,
  capacity: Type.Integer(),
  booked: Type.Integer(),
  available: Type.Integer(),
  onDuty: Type.Boolean({ description: 'A cadre is on duty' }),
  bookable: Type.Boolean({ description: 'On duty, not yet ended and a place left' }),
});
export type Slot = Static<typeof SlotSchema>;

export const SlotListSchema = Type.Object({ items: Type.Array(SlotSchema, { description: 'Every working half-day in the range' }) });

export const CapacityParamsSchema = Type.Object({ villageCode: VillageCode });
export const CapacityBodySchema = Type.Object({ capacity: Type.Integer({ minimum: 1, maximum: 50 }) }, { additionalProperties: false });

export const CapacityResultSchema = Type.Object({
  villageCode: Type.String(),
  slotCapacity: Type.Integer(),
  slotsUpdated: Type.Integer({ description: 'Slots from today on that now have the new capacity' }),
  slotsKept: Type.Array(
    Type.Object({ date: Type.String(), half: HalfSchema, capacity: Type.Integer(), booked: Type.Integer() }),
    { description: 'Slots already booked beyond the new capacity: they keep their bookings and capacity' },
  ),
});
export type CapacityResult = Static<typeof CapacityResultSchema>;
