// A printed mini-program code opens the item page with the item code as its scene.
import { act, render, screen } from '@testing-library/react';
import ServiceDetailPage from '../../src/guide/detail';
import { serviceItems } from '../../server/src/db/seed/services';
import { __reset, __setRequestHandler, __setRouterParams } from './stubs/taro';

const item = serviceItems.find((i) => i.code === 'hjzm-01')!;

it('opens the item named by the scene of a scanned code', async () => {
  __reset();
  __setRouterParams({ scene: encodeURIComponent(item.code) });
  __setRequestHandler(async ({ url }) =>
    url.endsWith(`/services/${item.code}`)
      ? { statusCode: 200, data: { ...item, categoryName: '户籍证件', updatedAt: '2026-11-28T00:00:00Z' }, header: {} }
      : { statusCode: 404, data: { error: { code: 'SERVICE_NOT_FOUND', message: '没有找到这个办事事项' } }, header: {} },
  );
  render(<ServiceDetailPage />);
  await act(async () => undefined);
  expect(screen.getByText(item.name)).toBeTruthy();
});
