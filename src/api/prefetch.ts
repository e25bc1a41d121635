// Reads that index.html's inline script started before the app loaded (H5 first visits only;
// see config/route-preload.ts). Each is handed out once, to the first caller of that path.
export interface Prefetched<T> {
  status: number;
  etag?: string;
  data: T;
}

declare global {
  interface Window {
    __mulinPrefetch?: Record<string, Promise<Prefetched<unknown> | null>>;
  }
}

export function takePrefetched<T>(path: string): Promise<Prefetched<T> | null> | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return undefined;
  const early = window.__mulinPrefetch?.[path];
  if (early) delete window.__mulinPrefetch![path];
  return early as Promise<Prefetched<T> | null> | undefined;
}
