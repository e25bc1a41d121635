// TypeBox schemas of 微家 room bookings by half-day.
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas';
import { HALVES } from '../duty/slots';

const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'CST date YYYY-MM-DD' });

export const BookingParamsSchema = Type.Object({ villageCode: Type.String({ pattern: '^\\d{12}$' }), roomId: Type.String({ minLength: 1, maxLength: 64 }) });
export const VillageParamsSchema = Type.Object({ villageCode: Type.String({ pattern: '^\\d{12}$' }) });
export const BookingIdParamsSchema = Type.Object({ villageCode: Type.String({ pattern: '^\\d{12}$' }), id: Type.String({ minLength: 1, maxLength: 64 }) });

export const CreateBookingSchema = Type.Object(
  {
    date: DateText,
    half: StringEnum(HALVES, { description: 'am 上午, pm 下午' }),
    groupId: Type.String({ minLength: 1, maxLength: 64 }),
    purpose: Type.String({ maxLength: 1000, description: 'Up to 60 characters' }),
  },
  { additionalProperties: false },
);
export type CreateBookingInput = Static<typeof CreateBookingSchema>;

export const BookingQuerySchema = Type.Object({ from: Type.Optional(DateText), to: Type.Optional(DateText) }, { additionalProperties: false });
export type BookingQuery = Static<typeof BookingQuerySchema>;

export const BookingSchema = Type.Object({
  id: Type.String(),
  villageCode: Type.String(),
  roomId: Type.String(),
  roomName: Type.String(),
  date: Type.String(),
  half: StringEnum(HALVES),
  groupId: Type.String(),
  groupName: Type.String(),
  purpose: Type.String(),
  actions: Type.Array(Type.String()),
});
export type Booking = Static<typeof BookingSchema>;
export const BookingListSchema = Type.Object({ items: Type.Array(BookingSchema) });
