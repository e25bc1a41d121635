import { Text, View } from '@tarojs/components';
import type { TextProps, ViewProps } from '@tarojs/components';
import type { ComponentType } from 'react';

// The app's View and Text. On H5 they are plain <div> and <span>: each Taro component there is a
// web component that hydrates on its own, and a page of a few hundred of them (the catalogue's 56
// items) kept a cheap phone's main thread busy for half a second before the first tap could land.
// The mini-program keeps Taro's own.
function PlainBox(props: ViewProps) {
  return <div {...(props as Record<string, unknown>)} />;
}

function PlainLine(props: TextProps) {
  return <span {...(props as Record<string, unknown>)} />;
}

export const Box: ComponentType<ViewProps> = process.env.TARO_ENV === 'h5' ? PlainBox : View;
export const Line: ComponentType<TextProps> = process.env.TARO_ENV === 'h5' ? PlainLine : Text;
