/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

declare const MULIN_API_BASE: string;
declare const MULIN_TEMPLATE_CASE_STATUS: string;
declare const MULIN_TEMPLATE_ACTIVITY_REMINDER: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
  }
}
