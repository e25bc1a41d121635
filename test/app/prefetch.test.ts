// H5 first visit: index.html's early read is what the page shows, with no second request; a
// device that already keeps a copy revalidates as usual; an early read that failed is asked again.
import { getCached, peekCache } from '../../src/api/cache';
import { __reset, __setRequestHandler } from './stubs/taro';

const json = (statusCode: number, data: unknown, etag: string) => ({ statusCode, data, header: { ETag: etag } as Record<string, string> });
let requests: string[] = [];

const taroEnv = process.env.TARO_ENV;
beforeAll(() => {
  process.env.TARO_ENV = 'h5';
});
afterAll(() => {
  if (taroEnv === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV');
  else process.env.TARO_ENV = taroEnv;
});
beforeEach(() => {
  __reset();
  requests = [];
  window.__mulinPrefetch = {};
  __setRequestHandler(async ({ url }) => {
    requests.push(url);
    return json(200, { items: ['从网络来的'] }, '"v2"');
  });
});

it('takes the early read once: no second request, and the device keeps it with its ETag', async () => {
  window.__mulinPrefetch!['/api/v1/categories'] = Promise.resolve({ status: 200, etag: '"v1"', data: { items: ['早到的'] } });
  expect(await getCached('/api/v1/categories')).toEqual({ data: { items: ['早到的'] } });
  expect(requests).toEqual([]);
  expect(peekCache('/api/v1/categories')).toEqual({ items: ['早到的'] });
  // The next read is an ordinary revalidation.
  expect((await getCached('/api/v1/categories')).data).toEqual({ items: ['从网络来的'] });
  expect(requests).toEqual(['/api/v1/categories']);
});

it('asks the network when the early read failed', async () => {
  window.__mulinPrefetch!['/api/v1/services'] = Promise.resolve(null);
  expect((await getCached('/api/v1/services')).data).toEqual({ items: ['从网络来的'] });
  expect(requests).toEqual(['/api/v1/services']);
});
