// Table types for Kysely. Identical on both dialects: dates are ISO text, JSON is text and
// booleans are integers 0/1.

export interface CategoryTable {
  code: string;
  name: string;
  icon: string;
  description: string;
  sort: number;
}

export interface ServiceTable {
  code: string;
  name: string;
  category: string;
  department: string;
  type: string;
  delegated: number;
  trips: number;
  promised_days: number;
  legal_days: number | null;
  ch_proxy: number;
  ch_online: number;
  ch_appointment: number;
  // The whole ServiceItem as JSON; the columns above exist for filtering.
  data: string;
  search_name: string;
  search_text: string;
  seed_hash: string;
  updated_at: string;
}

export interface Database {
  categories: CategoryTable;
  services: ServiceTable;
}
