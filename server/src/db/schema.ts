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
  // Current version number (migration 0010); edited_at set once a county admin has edited it.
  version: Generated<number>;
  edited_at: string | null;
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

export interface HolidayTable {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface DutyShiftTable {
  id: string;
  village_code: string;
  date: string;
  half: 'am' | 'pm';
  cadre_id: string;
  created_at: string;
}

export interface SlotTable {
  village_code: string;
  date: string;
  half: 'am' | 'pm';
  capacity: number;
  booked: number;
}

export interface CaseCounterTable {
  day: string;
  last: number;
}

export interface CaseTable {
  id: string;
  number: string;
  service_code: string;
  channel: 'proxy' | 'online' | 'appointment';
  resident_id: string;
  village_code: string;
  status: string;
  handover: 'slot' | 'home_visit' | null;
  home_visit_reason: string | null;
  slot_date: string | null;
  slot_half: 'am' | 'pm' | null;
  description: string | null;
  materials_checked: string;
  assignee_id: string | null;
  accepted_at: string | null;
  due_at: string | null;
  closed_at: string | null;
  result_note: string | null;
  reject_reason: string | null;
  reject_referral: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_role: string;
  note: string | null;
  data: string | null;
  created_at: string;
}

export interface AttachmentTable {
  id: string;
  uploader_id: string;
  case_id: string | null;
  // Set when an observation visit claims the photo (migration 0009); then only admins see it.
  visit_id?: string | null;
  file_name: string;
  mime: string;
  size: number;
  created_at: string;
}

export interface CaseMessageTable {
  id: string;
  case_id: string;
  author_id: string | null;
  body: string;
  attachment_ids: string;
  created_at: string;
}

export interface CaseMaterialTable {
  id: string;
  case_id: string;
  name: string;
  form: string;
  copies: number;
  note: string | null;
  received_at: string;
  received_by: string;
  returned_at: string | null;
  returned_by: string | null;
}

export interface RatingTable {
  case_id: string;
  level: number;
  comment: string | null;
  created_at: string;
}

export interface RectificationTable {
  id: string;
  case_id: string;
  township_code: string;
  level: number;
  deadline_at: string;
  status: 'open' | 'closed';
  callback_note: string | null;
  callback_at: string | null;
  callback_by: string | null;
  closing_note: string | null;
  closed_at: string | null;
  closed_by: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  event_key: string;
  user_id: string;
  case_id: string | null;
  kind: string;
  title: string;
  body: string;
  read_at: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  event_key: string;
  user_id: string;
  template: string;
  page: string | null;
  data: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface GroupKindTable {
  code: string;
  name: string;
  icon: string;
  description: string;
  sort: number;
}

export type ReviewStatus = 'approved' | 'pending' | 'rejected';

export interface GroupTable {
  id: string;
  kind: string;
  name: string;
  scope_code: string;
  township_code: string;
  leader_id: string;
  join_policy: 'open' | 'approval';
  member_cap: number | null;
  member_count: Generated<number>;
  description: string;
  room_village_code: string | null;
  room_id: string | null;
  review_status: ReviewStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface GroupMemberTable {
  group_id: string;
  user_id: string;
  role: 'leader' | 'deputy' | 'member';
  status: 'active' | 'pending' | 'declined' | 'left' | 'removed';
  reason: string | null;
  requested_at: string;
  joined_at: string | null;
  updated_at: string;
}

export interface ActivityTable {
  id: string;
  group_id: string;
  title: string;
  starts_at: string;
  ends_at: string;
  place: string;
  capacity: number;
  bring: string | null;
  open_to_all: number;
  volunteer_hours: number | null;
  review_status: ReviewStatus;
  signed_up: Generated<number>;
  wait_seq: Generated<number>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ActivitySignupTable {
  id: string;
  activity_id: string;
  user_id: string;
  status: 'signed_up' | 'waitlisted' | 'cancelled';
  wait_seq: number | null;
  checkin_code: string;
  checked_in_at: string | null;
  checked_in_by: string | null;
  hours: number | null;
  reminded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoomBookingTable {
  id: string;
  village_code: string;
  room_id: string;
  date: string;
  half: 'am' | 'pm';
  group_id: string;
  purpose: string;
  booked_by: string;
  status: 'active' | 'cancelled';
  created_at: string;
  cancelled_at: string | null;
}

// One fixed-window counter of writes (server/src/http/limits.ts).
export interface RateLimitTable {
  key: string;
  window_start: number;
  count: number;
}

export interface MediationTable {
  id: string;
  village_code: string;
  resident_id: string;
  kind: 'neighbours' | 'family' | 'land' | 'other';
  other_party: string | null;
  description: string;
  status: 'open' | 'in_progress' | 'resolved' | 'referred' | 'withdrawn';
  mediator_id: string | null;
  agreement: string | null;
  referral: string | null;
  taken_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MediationMessageTable {
  id: string;
  mediation_id: string;
  author_id: string | null;
  body: string;
  created_at: string;
}

export interface TalkTable {
  id: string;
  village_code: string;
  kind: 'secretary_talk' | 'policy_briefing';
  topic: string;
  topic_status: ReviewStatus;
  starts_at: string;
  place: string;
  capacity: number;
  signed_up: Generated<number>;
  summary: string | null;
  summary_status: ReviewStatus | null;
  summary_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface TalkSignupTable {
  talk_id: string;
  user_id: string;
  kind: 'signed_up' | 'walk_in';
  attended: Generated<number>;
  created_at: string;
}

export interface TalkQuestionTable {
  id: string;
  talk_id: string;
  user_id: string;
  body: string;
  review_status: ReviewStatus;
  created_at: string;
}

// Cases per village per CST month (YYYY-MM), kept by a trigger on cases (migration 0007).
export interface CaseMonthCountTable {
  village_code: string;
  month: string;
  n: number;
}

export interface Database {
  categories: CategoryTable;
  services: ServiceTable;
  service_versions: ServiceVersionTable;
  users: UserTable;
  refresh_tokens: RefreshTokenTable;
  binding_codes: BindingCodeTable;
  holidays: HolidayTable;
  duty_shifts: DutyShiftTable;
  slots: SlotTable;
  case_counters: CaseCounterTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  attachments: AttachmentTable;
  case_messages: CaseMessageTable;
  case_materials: CaseMaterialTable;
  ratings: RatingTable;
  rectifications: RectificationTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeyTable;
  case_month_counts: CaseMonthCountTable;
  regions: RegionTable;
  living_rooms: LivingRoomTable;
  group_kinds: GroupKindTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  activities: ActivityTable;
  activity_signups: ActivitySignupTable;
  room_bookings: RoomBookingTable;
  rate_limits: RateLimitTable;
  mediations: MediationTable;
  mediation_messages: MediationMessageTable;
  talks: TalkTable;
  talk_signups: TalkSignupTable;
  talk_questions: TalkQuestionTable;
  observation_standards: ObservationStandardTable;
  observation_draws: ObservationDrawTable;
  observation_visits: ObservationVisitTable;
  observation_scores: ObservationScoreTable;
  band_rules: BandRuleTable;
  catalogue_version: CatalogueVersionTable;
}

// 月观摩 and the band (migration 0009).
export interface ObservationStandardTable {
  code: string;
  category: string;
  title: string;
  checks: string;
  max_score: number;
  sort: number;
}

export interface ObservationDrawTable {
  id: string;
  month: string;
  scope_code: string;
  seed: string;
  algorithm: string;
  count: number;
  // JSON arrays of village codes.
  candidates: string;
  result: string;
  drawn_by: string;
  created_at: string;
}

export interface ObservationVisitTable {
  id: string;
  village_code: string;
  township_code: string;
  month: string;
  draw_id: string | null;
  total: number;
  max_total: number;
  summary: string;
  visited_by: string;
  created_at: string;
}

export interface ObservationScoreTable {
  visit_id: string;
  standard_code: string;
  score: number;
  max_score: number;
  note: string | null;
}

export interface BandRuleTable {
  version: number;
  // The rule set as JSON (see modules/bands/rules.ts).
  rules: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

// One edit of a catalogue item (migration 0010): the whole item as JSON and what changed.
export interface ServiceVersionTable {
  code: string;
  version: number;
  data: string;
  changes: string;
  changed_by: string | null;
  changed_by_name: string | null;
  changed_at: string;
  restored_from: number | null;
}

// One row (id 1), bumped by triggers on services and categories (migration 0011).
export interface CatalogueVersionTable {
  id: number;
  version: number | string;
}
