// TypeBox schemas of the county figures API (县级统计) for township and county admins.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';

const Count = Type.Integer({ minimum: 0 });
const Share = Nullable(Type.Number({ minimum: 0, maximum: 1 }));

const values = {
  cases: Type.Integer({ minimum: 0, description: '统计期内新建的办件' }),
  byChannel: Type.Object({ proxy: Count, online: Count, appointment: Count }, { description: '按渠道：代办、网上办、预约办' }),
  byService: Type.Record(Type.String(), Count, { description: '按事项编码（只列有办件的事项）' }),
  medianAcceptMinutes: Nullable(Type.Number({ description: '统计期内受理的办件，从提交到受理的用时中位数（分钟，保留一位小数）' })),
  onTimeShare: { ...Share, description: '统计期内办结（已办结）的办件中，在承诺时限内办结的比例' },
  overdueNow: Type.Integer({ minimum: 0, description: '统计期末（当期为此刻）仍未办结且已过承诺时限的办件' }),
  tripsSaved: Type.Integer({ minimum: 0, description: '少跑路：统计期内代办、网上办且事项原本须跑一次的办件（不含已取消、不予受理）' }),
  ratings: Type.Integer({ minimum: 0, description: '统计期内收到的评价' }),
  satisfiedShare: { ...Share, description: '满意及以上（满意、非常满意）的比例' },
  badRatings: Type.Integer({ minimum: 0, description: '差评（不满意、非常不满意）' }),
  rectificationsOpen: Type.Integer({ minimum: 0, description: '这些差评中整改未办结的' }),
  rectificationsClosed: Type.Integer({ minimum: 0, description: '这些差评中整改已办结的' }),
  groupsActive: Type.Integer({ minimum: 0, description: '统计期内办过活动的微家' }),
  activitiesHeld: Type.Integer({ minimum: 0, description: '统计期内已举办的微家活动（已审核、开始时间在期内且已开始）' }),
  talksHeld: Type.Integer({ minimum: 0, description: '统计期内已举办的龙门阵与宣讲' }),
  attendance: Type.Integer({ minimum: 0, description: '参与人次：活动签到与龙门阵/宣讲到场之和' }),
};

export const VillageFiguresSchema = Type.Object({
  villageCode: Type.String(),
  villageName: Type.String(),
  townshipCode: Type.String(),
  townshipName: Type.String(),
  ...values,
});

export const AreaFiguresSchema = Type.Object({
  level: StringEnum(['township', 'county'] as const),
  code: Type.String(),
  name: Type.String(),
  villages: Type.Integer({ minimum: 0 }),
  ...values,
});

export const PeriodSchema = Type.Object({
  key: Type.String({ description: '2026-11（月）、2026-Q4（季度）或 2026（年）' }),
  kind: StringEnum(['month', 'quarter', 'year'] as const),
  from: Type.String({ description: '首日（北京时间，含）' }),
  to: Type.String({ description: '末日次日（北京时间，不含）' }),
});

export const FiguresSchema = Type.Object({
  period: PeriodSchema,
  asOf: Type.String({ format: 'date-time', description: '超期等“此刻”数字的计算时点：期末，或当期的现在' }),
  county: Nullable(AreaFiguresSchema),
  townships: Type.Array(AreaFiguresSchema),
  villages: Type.Array(VillageFiguresSchema),
  services: Type.Array(Type.Object({ code: Type.String(), name: Type.String() }), { description: '出现在 byService 里的事项名称' }),
});
export type FiguresView = Static<typeof FiguresSchema>;

const PeriodKey = Type.String({ maxLength: 16, description: '统计时段：2026-11、2026-Q4 或 2026；不填为本月' });
const TownshipCode = Type.String({ pattern: '^[0-9]{9}$', description: '乡镇代码（9位）' });
const VillageCode = Type.String({ pattern: '^[0-9]{12}$', description: '村（社区）代码（12位）' });

export const FiguresQuerySchema = Type.Object({ period: Type.Optional(PeriodKey), township: Type.Optional(TownshipCode) }, { additionalProperties: false });
export type FiguresQuery = Static<typeof FiguresQuerySchema>;

export const ExportQuerySchema = Type.Object(
  { period: Type.Optional(PeriodKey), township: Type.Optional(TownshipCode), level: Type.Optional(StringEnum(['village', 'township'] as const, { description: '每村一行（默认）或每乡镇一行' })) },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuerySchema>;

export const TREND_MAX_MONTHS = 36;

export const TrendQuerySchema = Type.Object(
  {
    months: Type.Optional(Type.Integer({ minimum: 1, maximum: TREND_MAX_MONTHS, default: 12, description: '到本月为止的月数' })),
    village: Type.Optional(VillageCode),
    township: Type.Optional(TownshipCode),
  },
  { additionalProperties: false },
);
export type TrendQuery = Static<typeof TrendQuerySchema>;

export const TrendSchema = Type.Object({
  region: Type.Object({ level: StringEnum(['county', 'township', 'village'] as const), code: Type.String(), name: Type.String() }),
  months: Type.Array(
    Type.Object({
      month: Type.String({ description: '2026-11' }),
      cases: Count,
      onTimeShare: { ...Share, description: '当月办结中按时办结的比例' },
      satisfiedShare: { ...Share, description: '当月评价中满意及以上的比例' },
    }),
  ),
});
export type TrendView = Static<typeof TrendSchema>;
