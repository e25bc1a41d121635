import Taro from '@tarojs/taro';
import { ApiError, request } from './client';
import { takePrefetched } from './prefetch';

interface Entry<T> {
  etag?: string;
  savedAt: number;
  data: T;
}

export interface CachedResult<T> {
  data: T;
  // Set when the network failed and this is what the device kept from before.
  offlineSince?: number;
}

const PREFIX = 'mulin:cache:';

function read<T>(path: string): Entry<T> | undefined {
  try {
    const value = Taro.getStorageSync(PREFIX + path) as Entry<T> | '';
    return value || undefined;
  } catch {
    return undefined;
  }
}

function write<T>(path: string, entry: Entry<T>): void {
  try {
    Taro.setStorageSync(PREFIX + path, entry);
  } catch {
    // Storage full: the app still works online, it just cannot keep this copy.
  }
}

export function peekCache<T>(path: string): T | undefined {
  return read<T>(path)?.data;
}

// GET with the device copy: revalidates by ETag (304 costs a few bytes on a weak signal) and
// falls back to the kept copy when the network fails.
export async function getCached<T>(path: string): Promise<CachedResult<T>> {
  const kept = read<T>(path);
  const early = kept ? null : await takePrefetched<T>(path);
  if (early) {
    write(path, { etag: early.etag, savedAt: Date.now(), data: early.data });
    return { data: early.data };
  }
  try {
    const res = await request<T>(path, { headers: kept?.etag ? { 'If-None-Match': kept.etag } : undefined });
    if (res.status === 304 && kept) {
      write(path, { ...kept, savedAt: Date.now() });
      return { data: kept.data };
    }
    write(path, { etag: res.etag, savedAt: Date.now(), data: res.data });
    return { data: res.data };
  } catch (e) {
    if (kept && e instanceof ApiError && (e.code === 'NETWORK' || e.status >= 500)) {
      return { data: kept.data, offlineSince: kept.savedAt };
    }
    throw e;
  }
}

// For signed-in reads (my cases): keep the last good answer and show it when the network fails.
export async function withDeviceCopy<T>(key: string, load: () => Promise<T>): Promise<CachedResult<T>> {
  try {
    const data = await load();
    write(key, { savedAt: Date.now(), data });
    return { data };
  } catch (e) {
    const kept = read<T>(key);
    if (kept && e instanceof ApiError && (e.code === 'NETWORK' || e.status >= 500)) return { data: kept.data, offlineSince: kept.savedAt };
    throw e;
  }
}
