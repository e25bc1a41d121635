// Table types for Kysely. Identical on both dialects: dates are ISO text, JSON is text and
// booleans are integers 0/1.
import type { Generated } from 'kysely';

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

export interface UserTable {
  id: string;
  openid: string | null;
  unionid: string | null;
  name: string | null;
  phone: string | null;
  village_code: string | null;
  role: string;
  scope_code: string | null;
  privacy_version: string | null;
  privacy_agreed_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface RefreshTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface BindingCodeTable {
  code_hash: string;
  role: string;
  scope_code: string;
  name: string | null;
  phone: string | null;
  issued_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface RegionTable {
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
  parent_code: string | null;
  sort: number;
}

export interface LivingRoomTable {
  village_code: string;
  name: string;
  address: string;
  lat: number | null;
  lng: number | null;
  hours: string;
  phone: string;
  proxy_point: number;
  // [{ id, name, kind }] as JSON.
  rooms: string;
  // Bookable places per half-day; the column default (6) applies when an insert leaves it out.
  slot_capacity: Generated<number>;
  updated_at: string;
}

export interface Database {
  categories: CategoryTable;
  services: ServiceTable;
  users: UserTable;
  refresh_tokens: RefreshTokenTable;
  binding_codes: BindingCodeTable;
  regions: RegionTable;
  living_rooms: LivingRoomTable;
}
