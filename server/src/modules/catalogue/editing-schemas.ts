// Schemas of catalogue editing. The request's `item` is declared loosely on the route and checked
// in the service against ItemInputSchema, so a missing or mistyped field comes back as an
// ITEM_INVALID problem next to that field, like every content rule, rather than a bare 400.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas';
import { ACTORS, MATERIAL_FORMS, SERVICE_TYPES, type ServiceItem } from './content';
import { ServiceItemSchema } from './schemas';

// Generous caps: they stop abuse, the content rules (30-character sentences…) do the real work.
const Text = (maxLength = 500) => Type.String({ maxLength });
const List = <T extends TSchema>(item: T, maxItems = 50) => Type.Array(item, { maxItems });
const Days = Type.Integer({ minimum: 0, maximum: 3650 });
// Literal unions rather than StringEnum: TypeBox's Value.Errors cannot check an Unsafe schema.
const OneOf = <T extends readonly (string | number)[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TSchema & { static: T[number] };

export const ItemInputSchema = Type.Object({
  code: Text(32),
  name: Text(100),
  category: Text(32),
  department: Text(100),
  type: OneOf(SERVICE_TYPES),
  basis: List(Text()),
  conditions: List(Text()),
  materials: List(
    Type.Object({
      name: Text(100),
      form: OneOf(MATERIAL_FORMS),
      copies: Type.Integer({ minimum: 0, maximum: 100 }),
      required: Type.Boolean(),
      note: Type.Optional(Text()),
    }),
  ),
  flow: Type.Object({
    steps: List(
      Type.Object({
        id: Text(32),
        title: Text(50),
        actor: OneOf(ACTORS),
        detail: Text(),
        days: Type.Optional(Days),
        next: List(Type.Object({ to: Text(32), label: Type.Optional(Text(50)) }), 10),
      }),
      30,
    ),
  }),
  legalDays: Nullable(Days),
  promisedDays: Days,
  fee: Text(),
  trips: OneOf([0, 1] as const),
  tripsNote: Type.Optional(Text()),
  channels: Type.Object({ proxy: Type.Boolean(), online: Type.Boolean(), appointment: Type.Boolean() }),
  delegated: Type.Boolean(),
  place: Text(),
  hours: Text(),
  consultPhone: Text(50),
  complaintPhone: Text(50),
  result: Text(),
  guide: Type.Object({
    what: List(Text(200)),
    who: List(Text(200)),
    bring: List(Text(200)),
    steps: List(Text(200)),
    time: List(Text(200)),
    cost: List(Text(200)),
    tips: List(Text(200)),
    faq: List(Type.Object({ q: Text(200), a: Text(200) }), 20),
  }),
  card: Type.Object({
    summary: Text(),
    figures: List(Type.Object({ label: Text(20), value: Text(50) }), 10),
    rules: List(Text(200)),
  }),
  keywords: List(Text(30)),
});

// Drift between this and the ServiceItem type would let fields be dropped or refused: stop the build.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inputMatchesContent: Same<Static<typeof ItemInputSchema>, ServiceItem> = true;
void inputMatchesContent;

export const CodeParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });
export const VersionParamsSchema = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 32 }),
  version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});

const BaseVersion = Type.Integer({ minimum: 1, maximum: 1_000_000, description: '编辑开始时看到的版本号；已被别人改过则 409 VERSION_CONFLICT' });

export const EditInputSchema = Type.Object({
  baseVersion: BaseVersion,
  item: Type.Unsafe<unknown>({ type: 'object', description: '完整的事项，结构与 GET 返回的 item 相同（服务器逐项检查，问题列在 problems 里）' }),
});
export type EditInput = Static<typeof EditInputSchema>;

export const RestoreInputSchema = Type.Object({ baseVersion: BaseVersion });

export const EditableItemSchema = Type.Object({
  code: Type.String(),
  version: Type.Integer({ description: '当前版本号' }),
  edited: Type.Boolean({ description: '县级管理员改过（之后种子数据不再覆盖它）' }),
  updatedAt: Type.String({ format: 'date-time' }),
  item: ServiceItemSchema,
});
export type EditableItem = Static<typeof EditableItemSchema>;

export const ChangeSchema = Type.Object({
  path: Type.String({ description: '改动的字段，如 guide.tips[0]' }),
  label: Type.String({ description: '字段的中文名' }),
  before: Nullable(Type.String()),
  after: Nullable(Type.String()),
});
export type Change = Static<typeof ChangeSchema>;

const versionProperties = {
  version: Type.Integer(),
  changedAt: Type.String({ format: 'date-time' }),
  changedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })), // null: the seed (初始目录)
  changes: Type.Array(ChangeSchema),
  restoredFrom: Nullable(Type.Integer()),
  current: Type.Boolean(),
};

export const VersionSummarySchema = Type.Object(versionProperties);
export type VersionSummary = Static<typeof VersionSummarySchema>;

export const VersionListSchema = Type.Object({
  items: Type.Array(VersionSummarySchema),
  nextBefore: Nullable(Type.Integer({ description: '下一页：把它作为 before 传回' })),
});
export type VersionList = Static<typeof VersionListSchema>;

export const VersionListQuerySchema = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

export const VersionDetailSchema = Type.Object({ ...versionProperties, item: ServiceItemSchema });
export type VersionDetail = Static<typeof VersionDetailSchema>;

export const ItemInvalidSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    problems: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  }),
});
