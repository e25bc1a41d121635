// TypeBox schemas of the regions API: county → township → village, and each village's living room.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';
import { REGION_LEVELS } from './codes';

export const ROOM_KINDS = ['studio', 'activity', 'service'] as const;

const Level = StringEnum(REGION_LEVELS);
const Code = (description: string) => Type.String({ description, examples: ['511621102201'] });

export const RegionSummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Level,
  parentCode: Nullable(Type.String({ description: 'null for a county' })),
});
export type RegionSummary = Static<typeof RegionSummarySchema>;

export const RegionListSchema = Type.Object({ items: Type.Array(RegionSummarySchema) });

export const RegionDetailSchema = Type.Object({
  ...RegionSummarySchema.properties,
  path: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Level }), {
    description: 'From the county down to this region, itself included',
  }),
});
export type RegionDetail = Static<typeof RegionDetailSchema>;

export const RoomSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: '微家工作室 / 微家活动室 / 便民服务室' }),
  kind: StringEnum(ROOM_KINDS),
});
export type Room = Static<typeof RoomSchema>;

export const LivingRoomSchema = Type.Object({
  villageCode: Type.String(),
  villageName: Type.String(),
  townshipName: Type.String(),
  name: Type.String(),
  address: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  hours: Type.String(),
  phone: Type.String({ description: 'The duty phone; empty when none is posted' }),
  proxyPoint: Type.Boolean({ description: '便民服务代办点' }),
  rooms: Type.Array(RoomSchema),
  slotCapacity: Type.Integer({ description: 'Bookable places per half-day' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type LivingRoom = Static<typeof LivingRoomSchema>;

// The format is checked by the service, so a bad code gets a region-specific message.
export const RegionQuerySchema = Type.Object(
  { parent: Type.Optional(Code('County or township code; none lists the counties')) },
  { additionalProperties: false },
);

export const RegionParamsSchema = Type.Object({ code: Code('6, 9 or 12 digits') });

export const LivingRoomParamsSchema = Type.Object({ villageCode: Code('12 digits') });
