// The parts of @tarojs/taro the app uses, backed by memory so tests can drive and inspect them.
type Handler = (options: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) => Promise<{
  statusCode: number;
  data: unknown;
  header: Record<string, string>;
}>;

export const storage = new Map<string, unknown>();
export const calls = { navigateTo: [] as string[], switchTab: [] as string[], modals: [] as unknown[] };
let handler: Handler = async () => ({ statusCode: 404, data: {}, header: {} });
let routerParams: Record<string, string> = {};

export function __setRequestHandler(h: Handler) {
  handler = h;
}
export function __setRouterParams(p: Record<string, string>) {
  routerParams = p;
}
export function __reset() {
  storage.clear();
  calls.navigateTo.length = 0;
  calls.switchTab.length = 0;
  calls.modals.length = 0;
  routerParams = {};
}

const Taro = {
  request: (options: Parameters<Handler>[0]) => handler(options),
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value))),
  removeStorageSync: (key: string) => void storage.delete(key),
  login: async () => ({ code: 'stub-login-code' }),
  navigateTo: async ({ url }: { url: string }) => void calls.navigateTo.push(url),
  switchTab: async ({ url }: { url: string }) => void calls.switchTab.push(url),
  showModal: async (options: unknown) => {
    calls.modals.push(options);
    return { confirm: true };
  },
  showToast: async () => undefined,
  pxTransform: (n: number) => `${n / 2}px`,
  getAppBaseInfo: () => ({ fontSizeScaleFactor: 1 }),
  setClipboardData: async () => undefined,
};

export default Taro;
export const useRouter = () => ({ params: routerParams });
export const useDidShow = () => undefined;
export const useShareAppMessage = () => undefined;
