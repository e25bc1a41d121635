// The catalogue editor: a county admin edits a 明白纸 line and saves it as a new version; the
// server's problems appear next to the lines they name; a 409 offers to reload.
import { act, fireEvent, render, screen } from '@testing-library/react';
import CatalogueEditPage from '../../src/admin/catalogue-edit';
import ServiceDetailPage from '../../src/guide/detail';
import { setSession } from '../../src/api/session';
import { serviceItems } from '../../server/src/db/seed/services';
import { __reset, __setRequestHandler, __setRouterParams, calls } from './stubs/taro';

const item = serviceItems.find((i) => i.code === 'shjz-01')!;
const me = (role: string) => ({ id: 'u1', name: '陈明', phone: null, role, village: null, scope: null, privacy: { version: '1', agreedAt: null, current: true, currentVersion: '1' }, profileComplete: true });
const editable = (version: number, it = item) => ({ code: 'shjz-01', version, edited: version > 1, updatedAt: '2026-11-28T02:00:00.000Z', item: it });
const history = { items: [{ version: 1, changedAt: '2026-11-28T00:00:00.000Z', changedBy: null, changes: [], restoredFrom: null, current: true }], nextBefore: null };

type Answer = { statusCode: number; data: unknown };
let puts: { data: { baseVersion: number; item: typeof item }; header: Record<string, string> }[];
let putAnswer: Answer;

async function open(role = 'county_admin') {
  __reset();
  puts = [];
  setSession({ accessToken: 'token', refreshToken: 'r', expiresIn: 900 });
  __setRouterParams({ code: 'shjz-01' });
  __setRequestHandler(async ({ url, method, data, header }) => {
    if (url.endsWith('/api/v1/me')) return { statusCode: 200, data: me(role), header: {} };
    if (url.endsWith('/versions')) return { statusCode: 200, data: history, header: {} };
    if (method === 'PUT') {
      puts.push({ data: data as (typeof puts)[number]['data'], header: header ?? {} });
      return { ...putAnswer, header: {} };
    }
    if (url.endsWith('/admin/catalogue/shjz-01')) return { statusCode: 200, data: editable(1), header: {} };
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有' } }, header: {} };
  });
  render(<CatalogueEditPage />);
  await act(async () => undefined);
  await act(async () => undefined);
}

const tipsBox = () => screen.getByLabelText('温馨提示') as HTMLTextAreaElement;

it('tells anyone but a county admin that they cannot edit', async () => {
  await open('township_admin');
  expect(screen.getByText('只有县级管理员可以编辑办事目录')).toBeTruthy();
});

it('saves an edited 明白纸 line as the next version, with an idempotency key', async () => {
  await open();
  const changed = { ...item, guide: { ...item.guide, tips: ['记得带身份证。', ...item.guide.tips.slice(1)] } };
  putAnswer = { statusCode: 200, data: editable(2, changed) };
  fireEvent.click(screen.getByText('明白纸'));
  expect(tipsBox().value).toBe(item.guide.tips.join('\n'));
  // A blank line typed at the end is dropped before sending.
  fireEvent.change(tipsBox(), { target: { value: `记得带身份证。\n${item.guide.tips.slice(1).join('\n')}\n` } });
  await act(async () => void fireEvent.click(screen.getByText('保存修改')));
  expect(puts).toHaveLength(1);
  expect(puts[0].data.baseVersion).toBe(1);
  expect(puts[0].data.item.guide.tips).toEqual(changed.guide.tips);
  expect(puts[0].header['Idempotency-Key']).toMatch(/.{8,}/);
  expect(screen.getByText(/第 2 版/)).toBeTruthy();
  expect(screen.getByText('没有要保存的修改')).toBeTruthy();
});

it('shows each problem next to its line and marks the tab', async () => {
  await open();
  putAnswer = {
    statusCode: 400,
    data: { error: { code: 'ITEM_INVALID', message: '有 1 处需要修改，请看各项下面的提示', problems: [{ path: 'guide.tips[1]', message: '这句有 38 个字，超过 30 个字，请拆成短句' }] } },
  };
  fireEvent.click(screen.getByText('明白纸'));
  fireEvent.change(tipsBox(), { target: { value: `${item.guide.tips[0]}\n请您带上户口簿和身份证原件以及家庭成员的收入证明材料到村委会找村干部一起办理。` } });
  await act(async () => void fireEvent.click(screen.getByText('保存修改')));
  expect(screen.getByText('第 2 行：这句有 38 个字，超过 30 个字，请拆成短句')).toBeTruthy();
  expect(screen.getByText('明白纸（1）')).toBeTruthy();
  expect(screen.getByText('有 1 处需要修改，已在各项下面标出')).toBeTruthy();
});

it('on a version conflict, says someone else saved and reloads on request', async () => {
  await open();
  putAnswer = { statusCode: 409, data: { error: { code: 'VERSION_CONFLICT', message: '别人刚刚保存过这个事项，请重新载入后再改' } } };
  fireEvent.change(screen.getByLabelText('收费标准'), { target: { value: '不收费（改）' } });
  await act(async () => void fireEvent.click(screen.getByText('保存修改')));
  expect(screen.getByText(/别人刚刚保存过这个事项。重新载入/)).toBeTruthy();
  await act(async () => void fireEvent.click(screen.getByText('重新载入')));
  await act(async () => undefined);
  expect((screen.getByLabelText('收费标准') as HTMLInputElement).value).toBe(item.fee);
  expect(screen.queryByText(/别人刚刚保存过这个事项。重新载入/)).toBeNull();
});

it('offers 编辑 on the item page to a county admin only', async () => {
  for (const role of ['county_admin', 'resident']) {
    __reset();
    setSession({ accessToken: 'token', refreshToken: 'r', expiresIn: 900 });
    __setRouterParams({ code: 'shjz-01' });
    __setRequestHandler(async ({ url }) =>
      url.endsWith('/api/v1/me')
        ? { statusCode: 200, data: me(role), header: {} }
        : { statusCode: 200, data: { ...item, categoryName: '社会救助', updatedAt: '2026-11-28T00:00:00Z' }, header: {} },
    );
    const { unmount } = render(<ServiceDetailPage />);
    await act(async () => undefined);
    await act(async () => undefined);
    if (role === 'county_admin') {
      fireEvent.click(screen.getByText('编辑'));
      expect(calls.navigateTo).toEqual(['/admin/catalogue-edit/index?code=shjz-01']);
    } else {
      expect(screen.queryByText('编辑')).toBeNull();
    }
    unmount();
  }
});
