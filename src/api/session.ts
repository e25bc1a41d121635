import Taro from '@tarojs/taro';
import { ApiError, request, type RequestOptions } from './client';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const KEY = 'mulin:session';
const listeners = new Set<() => void>();

export function getSession(): TokenPair | null {
  try {
    return (Taro.getStorageSync(KEY) as TokenPair | '') || null;
  } catch {
    return null;
  }
}

export function setSession(pair: TokenPair | null): void {
  if (pair) Taro.setStorageSync(KEY, pair);
  else Taro.removeStorageSync(KEY);
  listeners.forEach((l) => l());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Several calls may find the access token expired at once: they share one refresh.
let refreshing: Promise<void> | null = null;

async function refresh(): Promise<void> {
  const session = getSession();
  if (!session) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  refreshing ??= request<TokenPair>('/api/v1/auth/refresh', { method: 'POST', data: { refreshToken: session.refreshToken } })
    .then(
      (res) => setSession(res.data),
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setSession(null);
        throw e;
      },
    )
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

// A request as the signed-in user; an expired access token is refreshed and the call retried once.
export async function authed<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const send = () => {
    const session = getSession();
    if (!session) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    return request<T>(path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${session.accessToken}` } });
  };
  try {
    return (await send()).data;
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'TOKEN_EXPIRED') {
      if (e instanceof ApiError && e.status === 401) setSession(null);
      throw e;
    }
  }
  await refresh();
  return (await send()).data;
}
