import { downloadFile } from './download';
import { authed } from './session';

// 县级统计 for the admin console: figures per village / township / county, the trend, the CSV.

export interface FigureValues {
  cases: number;
  byChannel: { proxy: number; online: number; appointment: number };
  byService: Record<string, number>;
  medianAcceptMinutes: number | null;
  onTimeShare: number | null;
  overdueNow: number;
  tripsSaved: number;
  ratings: number;
  satisfiedShare: number | null;
  badRatings: number;
  rectificationsOpen: number;
  rectificationsClosed: number;
  groupsActive: number;
  activitiesHeld: number;
  talksHeld: number;
  attendance: number;
}
export interface VillageFigures extends FigureValues {
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
}
export interface AreaFigures extends FigureValues {
  level: 'township' | 'county';
  code: string;
  name: string;
  villages: number;
}
export interface Figures {
  period: { key: string; kind: 'month' | 'quarter' | 'year'; from: string; to: string };
  asOf: string;
  county: AreaFigures | null;
  townships: AreaFigures[];
  villages: VillageFigures[];
  services: { code: string; name: string }[];
}
export interface TrendPoint {
  month: string;
  cases: number;
  onTimeShare: number | null;
  satisfiedShare: number | null;
}
export interface Trend {
  region: { level: 'county' | 'township' | 'village'; code: string; name: string };
  months: TrendPoint[];
}

const query = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

export function figuresOf(period: string, township?: string): Promise<Figures> {
  return authed<Figures>(`/api/v1/figures?${query({ period, township })}`);
}

export function trendOf(region: { village?: string; township?: string }, months = 12): Promise<Trend> {
  return authed<Trend>(`/api/v1/figures/trend?${query({ months, ...region })}`);
}

export function downloadCsv(period: string, township: string | undefined, level: 'village' | 'township'): Promise<void> {
  return downloadFile(`/api/v1/figures/export.csv?${query({ period, township, level })}`, `${level === 'township' ? '乡镇统计' : '村级统计'}-${period}.csv`);
}
