import type { Category, ServiceItem } from '../../server/src/modules/catalogue/content';

export type { Actor, Channels, FlowStep, Material, ServiceItem } from '../../server/src/modules/catalogue/content';

export interface CategorySummary extends Category {
  count: number;
}

export type ServiceSummary = Pick<
  ServiceItem,
  'code' | 'name' | 'category' | 'department' | 'channels' | 'trips' | 'promisedDays' | 'delegated'
> & { categoryName: string };

export type ServiceDetail = ServiceItem & { categoryName: string; updatedAt: string };

export interface ListResponse<T> {
  items: T[];
  nextCursor: string | null;
}
