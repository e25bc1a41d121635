import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { fetchMe, type Me } from '../api/account';
import { ApiError } from '../api/client';
import { getSession, onSessionChange } from '../api/session';

export interface MeState {
  me: Me | null;
  loading: boolean;
  error?: string;
  reload: () => void;
  setMe: (me: Me) => void;
}

// The signed-in person, fetched again whenever the page shows or the session changes.
export function useMe(): MeState {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(Boolean(getSession()));
  const [error, setError] = useState<string>();

  const reload = useCallback(() => {
    if (!getSession()) {
      setMe(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    fetchMe().then(
      (m) => {
        setMe(m);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (!getSession()) setMe(null);
        setError(e instanceof ApiError ? e.message : '加载失败，请稍后再试');
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => onSessionChange(reload), [reload]);
  useEffect(reload, [reload]);
  useDidShow(reload);
  return { me, loading, error, reload, setMe };
}
