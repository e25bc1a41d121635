// Small DOM stand-ins for @tarojs/components; the real rendering is covered in the H5 e2e tests.
import { createElement, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string };

function passthrough(tag: string) {
  return function Stub({ children, className, onClick, ...rest }: Props) {
    const dom: Record<string, unknown> = { className, onClick };
    for (const [k, v] of Object.entries(rest)) if (k.startsWith('aria-') || k === 'role' || k.startsWith('data-')) dom[k] = v;
    return createElement(tag, dom, children);
  };
}

export const View = passthrough('div');
export const Text = passthrough('span');
export const ScrollView = passthrough('div');
export const Button = passthrough('button');

export function Input({ value, placeholder, onInput, className, ...rest }: Props) {
  return createElement('input', {
    className,
    value,
    placeholder,
    'aria-label': rest['aria-label'],
    onChange: (e: { target: { value: string } }) => (onInput as (e: unknown) => void)?.({ detail: { value: e.target.value } }),
  });
}

// Multi-line text: the same contract as Input.
export function Textarea({ value, placeholder, onInput, className, ...rest }: Props) {
  return createElement('textarea', {
    className,
    value,
    placeholder,
    'aria-label': rest['aria-label'],
    onChange: (e: { target: { value: string } }) => (onInput as (e: unknown) => void)?.({ detail: { value: e.target.value } }),
  });
}

export const PageMeta = () => null;
