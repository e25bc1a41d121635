import { getCached } from './cache';
import type { CategorySummary, ListResponse, ServiceDetail, ServiceSummary } from './types';

export const ALL_SERVICES_PATH = '/api/v1/services';

export function fetchCategories() {
  return getCached<{ items: CategorySummary[] }>('/api/v1/categories');
}

export function searchServices(params: { q?: string; category?: string }) {
  const query = Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&');
  return getCached<ListResponse<ServiceSummary>>(query ? `${ALL_SERVICES_PATH}?${query}` : ALL_SERVICES_PATH);
}

export function fetchService(code: string) {
  return getCached<ServiceDetail>(`/api/v1/services/${encodeURIComponent(code)}`);
}
