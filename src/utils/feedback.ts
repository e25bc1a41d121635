import Taro from '@tarojs/taro';
import { ApiError } from '../api/client';

export function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : '出了点问题，请稍后再试';
}

export function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}
