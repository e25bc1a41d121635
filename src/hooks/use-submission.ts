import { useRef, useState } from 'react';
import { ApiError } from '../api/client';

export type SendState = 'idle' | 'sending' | 'delivered' | 'failed';

const RETRIES = 2;

export function newKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

// A write that survives a weak signal: the same Idempotency-Key on every try, a couple of quiet
// retries when the network drops, and a state the page shows (发送中 / 已送达 / 失败可重试).
export function useSubmission<T>(send: (idempotencyKey: string) => Promise<T>) {
  const key = useRef(newKey());
  const [state, setState] = useState<SendState>('idle');
  const [error, setError] = useState<string>();

  const submit = async (): Promise<T | undefined> => {
    setState('sending');
    setError(undefined);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await send(key.current);
        setState('delivered');
        return result;
      } catch (e) {
        const network = e instanceof ApiError && (e.code === 'NETWORK' || e.status >= 500);
        if (network && attempt < RETRIES) {
          await new Promise((r) => setTimeout(r, 1500 * 2 ** attempt));
          continue;
        }
        setState('failed');
        setError(e instanceof ApiError ? e.message : '没有发出去，请再试一次');
        return undefined;
      }
    }
  };
  // For a form saved more than once: the next save is a new request with its own key.
  const reset = () => {
    key.current = newKey();
    setState('idle');
    setError(undefined);
  };
  return { state, error, submit, reset };
}
