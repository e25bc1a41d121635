import Taro from '@tarojs/taro';

const KEY = 'mulin:elder';
const listeners = new Set<() => void>();

// Design sizes (750-wide design, so 36 = 18 px on a phone): body text ≥ 18 px, headings ≥ 30 px,
// tap targets ≥ 60 px, per the MIIT elder-friendly app rules.
const ELDER_SIZES: Record<string, number> = {
  '--fs-24': 36,
  '--fs-26': 36,
  '--fs-28': 36,
  '--fs-30': 38,
  '--fs-32': 38,
  '--fs-34': 44,
  '--fs-36': 44,
  '--fs-38': 48,
  '--fs-40': 60,
  '--fs-42': 60,
  '--fs-44': 60,
  '--fs-48': 64,
  '--fs-52': 68,
  '--tap': 120,
};

// WeChat's own 字体大小 setting counts too: a large system font turns the mode on by default.
function systemPrefersLarge(): boolean {
  try {
    const info = Taro.getAppBaseInfo?.() as { fontSizeScaleFactor?: number } | undefined;
    return (info?.fontSizeScaleFactor ?? 1) >= 1.15;
  } catch {
    return false;
  }
}

export function isElder(): boolean {
  try {
    const saved = Taro.getStorageSync(KEY) as boolean | '';
    return saved === '' ? systemPrefersLarge() : saved;
  } catch {
    return false;
  }
}

export function hasChosenElder(): boolean {
  try {
    return Taro.getStorageSync(KEY) !== '';
  } catch {
    return true;
  }
}

export function setElder(on: boolean): void {
  Taro.setStorageSync(KEY, on);
  listeners.forEach((l) => l());
}

export function onElderChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// The CSS variables for the page root: empty when the mode is off.
export function elderStyle(on: boolean): Record<string, string> {
  if (!on) return {};
  return Object.fromEntries(Object.entries(ELDER_SIZES).map(([k, v]) => [k, Taro.pxTransform(v)]));
}
