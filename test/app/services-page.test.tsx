import { act, fireEvent, render, screen } from '@testing-library/react';
import ServicesPage from '../../src/pages/services';
import { __reset, __setRequestHandler } from './stubs/taro';

const summary = (code: string, name: string) => ({
  code,
  name,
  category: 'shjz',
  categoryName: '社会救助',
  department: '岳池县民政局',
  channels: { proxy: true, online: false, appointment: true },
  trips: 0,
  promisedDays: 20,
  delegated: false,
});
const ALL = [summary('shjz-01', '城乡居民最低生活保障（低保）申请'), summary('shjz-03', '临时救助申请')];

let online = true;
const urls: string[] = [];

beforeEach(() => {
  __reset();
  jest.useFakeTimers();
  online = true;
  urls.length = 0;
  __setRequestHandler(async ({ url }) => {
    urls.push(url);
    if (!online) throw new Error('request:fail timeout');
    if (url.endsWith('/categories')) return { statusCode: 200, data: { items: [] }, header: {} };
    const q = new URL(url, 'http://x').searchParams.get('q');
    const items = q === 'dibao' ? ALL.slice(0, 1) : q ? [] : ALL;
    return { statusCode: 200, data: { items, nextCursor: null }, header: {} };
  });
});

afterEach(() => jest.useRealTimers());

async function settle() {
  await act(async () => {
    jest.advanceTimersByTime(300);
    await Promise.resolve();
  });
}

it('lists the catalogue, then narrows it to what the search box asks for', async () => {
  render(<ServicesPage />);
  await settle();
  expect(screen.getByText('临时救助申请')).toBeTruthy();
  expect(screen.getByText('共 2 项')).toBeTruthy();

  fireEvent.change(screen.getByLabelText('搜索办事事项'), { target: { value: 'dibao' } });
  await settle();
  expect(urls.some((u) => u.includes('q=dibao'))).toBe(true);
  expect(screen.getByText('城乡居民最低生活保障（低保）申请')).toBeTruthy();
  expect(screen.queryByText('临时救助申请')).toBeNull();

  fireEvent.change(screen.getByLabelText('搜索办事事项'), { target: { value: 'zzzz' } });
  await settle();
  expect(screen.getByText(/没有找到“zzzz”/)).toBeTruthy();
});

it('shows the kept copy with an offline note when the network fails', async () => {
  const first = render(<ServicesPage />);
  await settle();
  first.unmount();
  online = false;
  render(<ServicesPage />);
  await settle();
  expect(screen.getByText('临时救助申请')).toBeTruthy();
  expect(screen.getByRole('status').textContent).toMatch(/^离线内容，更新于/);
});
