// The 6 categories and 12 standards of a living room (岳池县“6类12项建设标准”), each with what the
// evaluation group checks on site and its maximum score; together they make 100. The wording is
// the project's plain reading of the six category names, not an official document.
export interface ObservationStandard {
  code: string;
  category: string;
  title: string;
  checks: string;
  maxScore: number;
  sort: number;
}

const STANDARDS_BY_CATEGORY: { category: string; standards: Omit<ObservationStandard, 'category' | 'sort'>[] }[] = [
  {
    category: '外观标识',
    standards: [
      { code: 'sign-door', title: '门头标识统一规范', checks: '门头统一挂“睦邻客厅”标识，名称、样式、位置符合县里的统一要求', maxScore: 10 },
      { code: 'sign-condition', title: '标识牌无破损褪色', checks: '门头和指引标识完好清楚，没有破损、褪色、脱落', maxScore: 5 },
    ],
  },
  {
    category: '悬挂吊牌',
    standards: [
      { code: 'plaque-listed', title: '只挂规定牌子', checks: '室内外只挂经过审核备案的牌子，数量和位置按规定', maxScore: 10 },
      { code: 'plaque-cleared', title: '清理未经审核备案的牌子', checks: '未经审核备案或不按规定挂的牌子已经摘掉，没有重新挂回来', maxScore: 10 },
    ],
  },
  {
    category: '功能设置',
    standards: [
      { code: 'rooms-set', title: '功能室设置齐全', checks: '便民服务室、微家工作室、微家活动室按规定设置，门口标明名称', maxScore: 10 },
      { code: 'rooms-used', title: '功能室实用在用', checks: '功能室开门在用、设施能用，没有闲置或挪作他用', maxScore: 10 },
    ],
  },
  {
    category: '公开事项',
    standards: [
      { code: 'public-services', title: '56项服务事项公开', checks: '村级56项服务事项清单、流程图、明白纸上墙或放在显眼处随时可取', maxScore: 10 },
      { code: 'public-duty', title: '值班表与联系电话公开', checks: '村干部坐班值班表、联系电话和监督电话公开，与实际一致', maxScore: 5 },
    ],
  },
  {
    category: '国旗升降',
    standards: [
      { code: 'flag-routine', title: '按规定升降国旗', checks: '按规定时间升挂、降下国旗，有人负责、有记录', maxScore: 5 },
      { code: 'flag-condition', title: '国旗旗杆完好', checks: '国旗没有破损、污损、褪色，旗杆稳固', maxScore: 5 },
    ],
  },
  {
    category: '场所整洁',
    standards: [
      { code: 'tidy-inside', title: '室内干净整齐', checks: '地面、桌椅干净，资料摆放整齐，没有杂物堆放', maxScore: 10 },
      { code: 'tidy-outside', title: '室外环境整洁', checks: '门前院坝没有垃圾、没有乱堆乱放，绿化有人管护', maxScore: 10 },
    ],
  },
];

export const OBSERVATION_CATEGORIES: readonly string[] = STANDARDS_BY_CATEGORY.map((c) => c.category);

export const OBSERVATION_STANDARDS: readonly ObservationStandard[] = STANDARDS_BY_CATEGORY.flatMap((c, i) =>
  c.standards.map((s, j) => ({ ...s, category: c.category, sort: i * 10 + j + 1 })),
);
