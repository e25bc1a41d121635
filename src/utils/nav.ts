import Taro from '@tarojs/taro';

// switchTab cannot carry a query string, so the home tab leaves the wanted filter here.
let pending: { category?: string; focus?: boolean } | null = null;

export function openServicesTab(options: { category?: string; focus?: boolean }) {
  pending = options;
  void Taro.switchTab({ url: '/pages/services/index' });
}

export function takePendingServicesFilter() {
  const p = pending;
  pending = null;
  return p;
}

export function openService(code: string) {
  void Taro.navigateTo({ url: `/guide/detail/index?code=${encodeURIComponent(code)}` });
}
