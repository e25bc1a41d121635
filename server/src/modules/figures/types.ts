// The contract between the figures module (computes service figures per village for a period)
// and its users (the 好/中/差 band, the console, CSV export, the county benchmark).

// A reporting period in China Standard Time: a month '2026-11', a quarter '2026-Q4' or a year '2026'.
export type PeriodKey = string;

export interface Period {
  key: PeriodKey;
  kind: 'month' | 'quarter' | 'year';
  // Inclusive first day and exclusive end day, CST calendar dates (YYYY-MM-DD).
  from: string;
  to: string;
  // The same bounds as UTC ISO instants, for comparing with the *_at columns.
  fromInstant: string;
  toInstant: string;
}

export interface VillageFigures {
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  // Cases opened in the period.
  cases: number;
  byChannel: { proxy: number; online: number; appointment: number };
  // Cases per service item code, only items with at least one case.
  byService: Record<string, number>;
  // Median minutes from created_at to accepted_at of cases accepted in the period; null when none.
  medianAcceptMinutes: number | null;
  // Of cases closed as completed in the period: share closed by due_at (0..1); null when none.
  onTimeShare: number | null;
  // Open cases whose due_at has passed, at the end of the period (or now, if the period is current).
  overdueNow: number;
  // 代办 and 网上办 cases in the period of items with trips = 1 (each saved the resident a trip).
  tripsSaved: number;
  // Ratings given in the period: count and share of 满意 and above (level >= 4), null when none.
  ratings: number;
  satisfiedShare: number | null;
  // 差评 (level <= 2) in the period, and their rectifications by status.
  badRatings: number;
  rectificationsOpen: number;
  rectificationsClosed: number;
  // Groups of the village with an activity held in the period; activities and talks held
  // (started within the period, not cancelled); people checked in / marked attended across both.
  groupsActive: number;
  activitiesHeld: number;
  talksHeld: number;
  attendance: number;
}

export interface FiguresScope {
  townshipCode?: string;
  villageCode?: string;
}
