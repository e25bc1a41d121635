import { useEffect, useState } from 'react';

const FIRST = 10;
const BATCH = 8;

// Long lists render the first screen at once and the rest a batch per task, so a cheap phone
// paints sooner and stays responsive to taps while the list fills in.
export function useProgressive<T>(items: readonly T[]): readonly T[] {
  const [shown, setShown] = useState(FIRST);
  useEffect(() => setShown(FIRST), [items]);
  useEffect(() => {
    if (shown >= items.length) return;
    const t = setTimeout(() => setShown((n) => n + BATCH), 0);
    return () => clearTimeout(t);
  }, [shown, items.length]);
  return shown >= items.length ? items : items.slice(0, shown);
}
