// TypeBox schemas of the catalogue API: they validate requests, shape responses (the serializer
// drops any field a response schema does not name) and generate the OpenAPI document.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';
import { ACTORS, MATERIAL_FORMS, SERVICE_TYPES, type ServiceItem } from './content';

export const CHANNELS = ['proxy', 'online', 'appointment'] as const;
export type Channel = (typeof CHANNELS)[number];

const Channels = Type.Object({ proxy: Type.Boolean(), online: Type.Boolean(), appointment: Type.Boolean() });

const Material = Type.Object({
  name: Type.String(),
  form: StringEnum(MATERIAL_FORMS),
  copies: Type.Integer(),
  required: Type.Boolean(),
  note: Type.Optional(Type.String()),
});

const FlowStep = Type.Object({
  id: Type.String(),
  title: Type.String(),
  actor: StringEnum(ACTORS),
  detail: Type.String(),
  days: Type.Optional(Type.Integer()),
  next: Type.Array(Type.Object({ to: Type.String(), label: Type.Optional(Type.String()) })),
});

const Guide = Type.Object({
  what: Type.Array(Type.String()),
  who: Type.Array(Type.String()),
  bring: Type.Array(Type.String()),
  steps: Type.Array(Type.String()),
  time: Type.Array(Type.String()),
  cost: Type.Array(Type.String()),
  tips: Type.Array(Type.String()),
  faq: Type.Array(Type.Object({ q: Type.String(), a: Type.String() })),
});

const Card = Type.Object({
  summary: Type.String(),
  figures: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
  rules: Type.Array(Type.String()),
});

const Trips = Type.Unsafe<0 | 1>({ type: 'integer', enum: [0, 1], description: '到办事现场次数' });

const serviceItemProperties = {
  code: Type.String(),
  name: Type.String(),
  category: Type.String(),
  department: Type.String(),
  type: StringEnum(SERVICE_TYPES),
  basis: Type.Array(Type.String(), { description: '设定依据' }),
  conditions: Type.Array(Type.String(), { description: '受理条件' }),
  materials: Type.Array(Material),
  flow: Type.Object({ steps: Type.Array(FlowStep) }),
  legalDays: Nullable(Type.Integer({ description: '法定办结时限（工作日）' })),
  promisedDays: Type.Integer({ description: '承诺办结时限（工作日，0 为即办）' }),
  fee: Type.String(),
  trips: Trips,
  tripsNote: Type.Optional(Type.String()),
  channels: Channels,
  delegated: Type.Boolean({ description: '下放到村' }),
  place: Type.String(),
  hours: Type.String(),
  consultPhone: Type.String(),
  complaintPhone: Type.String(),
  result: Type.String(),
  guide: Guide,
  card: Card,
  keywords: Type.Array(Type.String()),
};

export const ServiceItemSchema = Type.Object(serviceItemProperties);

// If the schema and the ServiceItem type drift apart, fields would silently vanish from
// responses: this line stops the build instead.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesContent: Same<Static<typeof ServiceItemSchema>, ServiceItem> = true;
void schemaMatchesContent;

export const ServiceDetailSchema = Type.Object({
  ...serviceItemProperties,
  categoryName: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CategoryListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      icon: Type.String(),
      description: Type.String(),
      count: Type.Integer({ description: 'Number of service items in the category' }),
    }),
  ),
});

export const ServiceSummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  category: Type.String(),
  categoryName: Type.String(),
  department: Type.String(),
  channels: Channels,
  trips: Trips,
  promisedDays: Type.Integer(),
  delegated: Type.Boolean(),
});
export type ServiceSummary = Static<typeof ServiceSummarySchema>;

export const ServiceListSchema = Type.Object({
  items: Type.Array(ServiceSummarySchema),
  nextCursor: Nullable(Type.String()),
});
export type ServiceList = Static<typeof ServiceListSchema>;

// Unknown parameters are dropped, not refused: an older server keeps answering newer clients.
export const ServiceQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50, description: 'Chinese, full pinyin or initials (低保 / dibao / db)' })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    channel: Type.Optional(StringEnum(CHANNELS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 100 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ServiceQuery = Static<typeof ServiceQuerySchema>;

export const ServiceParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });
