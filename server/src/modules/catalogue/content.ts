// The shape of one service item of the catalogue (DESIGN.md §4), shared by the seed, the
// validator, the API and the app. Field names follow the national service-guide elements.

export const ACTORS = ['resident', 'village', 'township', 'county', 'department'] as const;
export type Actor = (typeof ACTORS)[number];

export const ACTOR_LABELS: Record<Actor, string> = {
  resident: '群众',
  village: '村（社区）',
  township: '乡镇（街道）',
  county: '县级',
  department: '主管部门',
};

export const SERVICE_TYPES = ['行政许可', '行政给付', '行政确认', '行政裁决', '公共服务', '其他行政权力'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const MATERIAL_FORMS = ['原件', '复印件', '原件和复印件', '电子'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

export interface Material {
  name: string;
  form: MaterialForm;
  copies: number;
  required: boolean;
  note?: string;
}

export interface FlowNext {
  to: string;
  label?: string;
}

export interface FlowStep {
  id: string;
  title: string;
  actor: Actor;
  detail: string;
  days?: number;
  next: FlowNext[];
}

export interface Flow {
  steps: FlowStep[];
}

export interface Channels {
  proxy: boolean;
  online: boolean;
  appointment: boolean;
}

export interface Faq {
  q: string;
  a: string;
}

// 明白纸: every entry is one or more short plain sentences.
export interface Guide {
  what: string[];
  who: string[];
  bring: string[];
  steps: string[];
  time: string[];
  cost: string[];
  tips: string[];
  faq: Faq[];
}

// 一卡通: the key figures on one card.
export interface CardFigure {
  label: string;
  value: string;
}

export interface Card {
  summary: string;
  figures: CardFigure[];
  rules: string[];
}

export interface ServiceItem {
  code: string;
  name: string;
  category: string;
  department: string;
  type: ServiceType;
  basis: string[];
  conditions: string[];
  materials: Material[];
  flow: Flow;
  legalDays: number | null;
  promisedDays: number;
  fee: string;
  trips: 0 | 1;
  tripsNote?: string;
  channels: Channels;
  delegated: boolean;
  place: string;
  hours: string;
  consultPhone: string;
  complaintPhone: string;
  result: string;
  guide: Guide;
  card: Card;
  keywords: string[];
}

export interface Category {
  code: string;
  name: string;
  icon: string;
  description: string;
  sort: number;
}
