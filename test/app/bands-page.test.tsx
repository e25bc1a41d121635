import { act, fireEvent, render, screen } from '@testing-library/react';
import { setSession } from '../../src/api/session';
import BandsPage from '../../src/admin/bands';
import { __reset, __setRequestHandler } from './stubs/taro';

const village = (code: string, name: string, band: 'good' | 'fair' | 'poor', label: string, flagged: boolean) => ({
  villageCode: code,
  villageName: name,
  townshipCode: code.slice(0, 9),
  townshipName: '坪滩镇',
  band,
  label,
  score: band === 'good' ? 85 : 60,
  explanation: `总分 ${band === 'good' ? 85 : 60} 分，评为${label}`,
  components: [{ name: 'onTime', label: '按时办结率', value: 0.92, weight: 30, appliedWeight: 30, points: 27.6, explanation: '按时办结率 92% × 30 = 27.6 分' }],
  notes: flagged ? ['没有数据的项目不计分，它的权重按比例分给其他项目'] : [],
  monthly: [
    { month: '2026-10', band: 'poor', label: '差', score: 40 },
    { month: '2026-11', band, label, score: 60 },
  ],
  flagged,
  flagNote: flagged ? '2026-10、2026-11 共 2 个月评为差，按规则（2 次及以上）列入督办' : null,
  ruleVersion: 3,
});

const periods: string[] = [];

beforeEach(() => {
  __reset();
  periods.length = 0;
  setSession({ accessToken: 'token', refreshToken: 'r', expiresIn: 900 });
  __setRequestHandler(async ({ url }) => {
    const period = new URL(url, 'http://x').searchParams.get('period') ?? '';
    periods.push(period);
    // The server sorts flagged villages first; the page keeps that order.
    const items = [village('511621102202', '石桥村', 'fair', '中', true), village('511621102201', '桂花村', 'good', '好', false)];
    return { statusCode: 200, data: { period, months: ['2026-10', '2026-11'], ruleVersion: 3, items }, header: {} };
  });
});

async function settle() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

it('lists the villages with their band, the flagged one first with its warning, and explains on tap', async () => {
  render(<BandsPage />);
  await settle();
  expect(periods[0]).toMatch(/^\d{4}-Q[1-4]$/);
  const names = screen.getAllByText(/村$/).map((n) => n.textContent);
  expect(names).toEqual(['石桥村', '桂花村']);
  expect(screen.getByText(/⚠ 2026-10、2026-11 共 2 个月评为差/)).toBeTruthy();
  expect(screen.getByText(/好 1 个、中 1 个、差 0 个，1 个村要督办/)).toBeTruthy();
  expect(screen.queryByText('为什么是这个等级')).toBeNull();

  fireEvent.click(screen.getAllByRole('button')[1]);
  expect(screen.getByText('为什么是这个等级')).toBeTruthy();
  expect(screen.getByText('按时办结率 92% × 30 = 27.6 分')).toBeTruthy();
  expect(screen.getByText('总分 85 分，评为好')).toBeTruthy();
  expect(screen.getByText('按第 3 版评定规则计算')).toBeTruthy();

  fireEvent.click(screen.getByText('今年'));
  await settle();
  expect(periods[periods.length - 1]).toMatch(/^\d{4}$/);
});
