import { act, fireEvent, render, screen } from '@testing-library/react';
import { setSession } from '../../src/api/session';
import FiguresPage from '../../src/admin/figures';
import { __reset, __setRequestHandler } from './stubs/taro';

const zero = { cases: 0, byChannel: { proxy: 0, online: 0, appointment: 0 }, byService: {}, medianAcceptMinutes: null, onTimeShare: null, overdueNow: 0, tripsSaved: 0, ratings: 0, satisfiedShare: null, badRatings: 0, rectificationsOpen: 0, rectificationsClosed: 0, groupsActive: 0, activitiesHeld: 0, talksHeld: 0, attendance: 0 };
const village = (code: string, name: string, cases: number, satisfiedShare: number | null) => ({ ...zero, villageCode: code, villageName: name, townshipCode: code.slice(0, 9), townshipName: code.startsWith('511621102') ? '坪滩镇' : '顾县镇', cases, satisfiedShare, ratings: satisfiedShare === null ? 0 : 10 });
const area = (level: 'county' | 'township', code: string, name: string, cases: number) => ({ ...zero, level, code, name, villages: 2, cases, medianAcceptMinutes: 90, onTimeShare: 0.875 });

const urls: string[] = [];

beforeEach(() => {
  __reset();
  urls.length = 0;
  setSession({ accessToken: 'token', refreshToken: 'r', expiresIn: 900 });
  __setRequestHandler(async ({ url }) => {
    urls.push(url);
    const u = new URL(url, 'http://x');
    if (u.pathname === '/api/v1/me') return { statusCode: 200, data: { id: 'u1', name: '县管理员', role: 'county_admin', scope: { code: '511621', name: '岳池县' }, privacy: { current: true } }, header: {} };
    if (u.pathname === '/api/v1/figures/trend') {
      const months = Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, cases: i * 3, onTimeShare: null, satisfiedShare: 0.9 }));
      return { statusCode: 200, data: { region: { level: 'county', code: '511621', name: '岳池县' }, months }, header: {} };
    }
    const township = u.searchParams.get('township');
    const villages = [village('511621102201', '桂花村', 12, 0.5), village('511621102202', '石桥村', 30, 0.95), village('511621110201', '白鹤村', 5, null)].filter((v) => !township || v.villageCode.startsWith(township));
    return {
      statusCode: 200,
      data: {
        period: { key: u.searchParams.get('period'), kind: 'month', from: '2026-10-01', to: '2026-11-01' },
        asOf: '2026-10-31T16:00:00.000Z',
        county: township ? null : area('county', '511621', '岳池县', 47),
        townships: [area('township', '511621102', '坪滩镇', 42), area('township', '511621110', '顾县镇', 5)].filter((t) => !township || t.code === township),
        villages,
        services: [],
      },
      header: {},
    };
  });
});

async function settle() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

const header = (text: string) => screen.getAllByRole('button').find((b) => b.getAttribute('aria-sort') !== null && b.textContent === text)!;
const tableVillages = () => screen.getAllByRole('button').map((b) => b.textContent).filter((t) => t && /村$/.test(t));

it('shows the county, sorts the table by a tapped header and narrows to a township', async () => {
  render(<FiguresPage />);
  await settle();
  expect(screen.getByText('岳池县（2 个村）')).toBeTruthy();
  expect(screen.getByText('87.5%')).toBeTruthy();
  expect(screen.getByText('1.5小时')).toBeTruthy();
  // Most cases first, by default.
  expect(tableVillages()).toEqual(['石桥村', '桂花村', '白鹤村']);

  fireEvent.click(header('满意率'));
  expect(tableVillages()).toEqual(['石桥村', '桂花村', '白鹤村']);
  expect(header('满意率 ↓').getAttribute('aria-sort')).toBe('descending');
  fireEvent.click(header('满意率 ↓'));
  // Ascending now; a village without ratings stays last either way.
  expect(tableVillages()).toEqual(['桂花村', '石桥村', '白鹤村']);

  fireEvent.click(screen.getByText('顾县镇'));
  await settle();
  expect(urls.some((u) => u.includes('/api/v1/figures?') && u.includes('township=511621110'))).toBe(true);
  expect(tableVillages()).toEqual(['白鹤村']);
  // The mini-program build can't open a CSV and says so.
  expect(screen.getByText('请在电脑上打开控制台导出')).toBeTruthy();
});

it('draws the trend for a village tapped in the table', async () => {
  render(<FiguresPage />);
  await settle();
  expect(screen.getByText(/12月（本月至今）：33 件/)).toBeTruthy();
  fireEvent.click(screen.getByText('桂花村', { selector: '[role=button] span' }));
  await settle();
  expect(urls.some((u) => u.includes('/api/v1/figures/trend?') && u.includes('village=511621102201'))).toBe(true);
});
