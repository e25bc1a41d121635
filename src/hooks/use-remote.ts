import { useEffect, useState } from 'react';
import type { CachedResult } from '../api/cache';
import { ApiError } from '../api/client';

export interface RemoteState<T> {
  data?: T;
  loading: boolean;
  error?: string;
  offlineSince?: number;
}

// Loads once per key; a newer key's answer always wins over a slower older one.
export function useRemote<T>(key: string | null, load: () => Promise<CachedResult<T>>): RemoteState<T> {
  const [state, setState] = useState<RemoteState<T>>({ loading: key !== null });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (r) => current && setState({ data: r.data, loading: false, offlineSince: r.offlineSince }),
      (e: unknown) =>
        current && setState({ loading: false, error: e instanceof ApiError ? e.message : '加载失败，请稍后再试' }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
