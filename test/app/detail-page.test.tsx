import { act, fireEvent, render, screen } from '@testing-library/react';
import ServiceDetailPage from '../../src/guide/detail';
import { serviceItems } from '../../server/src/db/seed/services';
import { __reset, __setRequestHandler, __setRouterParams, calls } from './stubs/taro';

const item = serviceItems.find((i) => i.code === 'shjz-01')!;

beforeEach(async () => {
  __reset();
  __setRouterParams({ code: 'shjz-01' });
  __setRequestHandler(async ({ url }) =>
    url.endsWith('/services/shjz-01')
      ? { statusCode: 200, data: { ...item, categoryName: '社会救助', updatedAt: '2026-11-28T00:00:00Z' }, header: {} }
      : { statusCode: 404, data: { error: { code: 'SERVICE_NOT_FOUND', message: '没有找到这个办事事项' } }, header: {} },
  );
  render(<ServiceDetailPage />);
  await act(async () => undefined);
});

it('shows the four tabs, the 明白纸 first', () => {
  expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['明白纸', '流程图', '材料', '一卡通']);
  expect(screen.getByText(item.name)).toBeTruthy();
  expect(screen.getByText('这是什么')).toBeTruthy();
  expect(screen.getByText(item.guide.what[0])).toBeTruthy();
  // Steps numbered once: 1. 2. 3.
  expect(item.guide.steps.map((line, i) => screen.getByText(`${i + 1}. ${line}`).textContent)).toHaveLength(item.guide.steps.length);
  expect(screen.getByText(`问：${item.guide.faq[0].q}`)).toBeTruthy();
});

it('switches to the flowchart, the materials checklist and the policy card', () => {
  fireEvent.click(screen.getByText('流程图'));
  for (const s of item.flow.steps) expect(screen.getAllByText(s.title).length).toBeGreaterThan(0);

  fireEvent.click(screen.getByText('材料'));
  const required = item.materials.filter((m) => m.required).length;
  expect(screen.getByText(`还差 ${required} 样必带材料，点一下打勾`)).toBeTruthy();
  const firstRequired = item.materials.findIndex((m) => m.required);
  fireEvent.click(screen.getAllByRole('checkbox')[firstRequired]);
  expect(
    screen.getByText(required === 1 ? '必带材料已备齐' : `还差 ${required - 1} 样必带材料，点一下打勾`),
  ).toBeTruthy();

  fireEvent.click(screen.getByText('一卡通'));
  expect(screen.getByText(item.card.summary)).toBeTruthy();
  expect(screen.getByText(item.card.figures[0].value)).toBeTruthy();
});

it('offers the item’s channels, each opening its booking form', () => {
  fireEvent.click(screen.getByText('预约代办'));
  expect(calls.navigateTo).toEqual(['/booking/new/index?code=shjz-01&channel=proxy']);
});
