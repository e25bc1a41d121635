// The editor's field kinds: text, number, one-sentence-per-line lists, switches and chips, each
// with the server's problems for it shown right underneath.
import { Input, Textarea } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import type { ReactNode } from 'react';
import { lineOf, type Problems } from './draft';

export function ProblemLines({ problems, list }: { problems: Problems; list?: string }) {
  if (problems.length === 0) return null;
  return (
    <Box role='alert'>
      {problems.map((p, i) => {
        const line = list ? lineOf(p.path, list) : null;
        return <Line key={`${p.path}-${i}`} className='form__error'>{line ? `第 ${line} 行：${p.message}` : p.message}</Line>;
      })}
    </Box>
  );
}

interface TextProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problems?: Problems;
  multiline?: boolean;
  placeholder?: string;
}

export function TextField({ label, value, onChange, problems = [], multiline, placeholder }: TextProps) {
  return (
    <Box className='form__field'>
      <Line className='form__label'>{label}</Line>
      {multiline ? (
        <Textarea className='edit__textarea' aria-label={label} value={value} maxlength={-1} autoHeight placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />
      ) : (
        <Input className='form__input' aria-label={label} value={value} maxlength={200} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />
      )}
      <ProblemLines problems={problems} />
    </Box>
  );
}

interface NumberProps {
  label: string;
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  problems?: Problems;
  placeholder?: string;
}

// Empty means "none" (null); anything else is kept as typed so the server can say what is wrong.
export function NumberField({ label, value, onChange, problems = [], placeholder }: NumberProps) {
  return (
    <Box className='form__field'>
      <Line className='form__label'>{label}</Line>
      <Input
        className='form__input'
        aria-label={label}
        type='number'
        value={value === null || value === undefined || Number.isNaN(value) ? '' : String(value)}
        placeholder={placeholder}
        onInput={(e) => {
          const raw = e.detail.value.trim();
          onChange(raw === '' ? null : Number(raw));
        }}
      />
      <ProblemLines problems={problems} />
    </Box>
  );
}

interface LinesProps {
  label: string;
  hint?: string;
  lines: string[];
  onChange: (lines: string[]) => void;
  path: string;
  problems: Problems;
}

// A list edited as text: one entry (for 明白纸, one short sentence) per line.
export function LinesField({ label, hint, lines, onChange, path, problems }: LinesProps) {
  return (
    <Box className='form__field'>
      <Line className='form__label'>{label}</Line>
      {hint && <Line className='edit__hint'>{hint}</Line>}
      <Textarea className='edit__textarea' aria-label={label} value={lines.join('\n')} maxlength={-1} autoHeight onInput={(e) => onChange(e.detail.value.split('\n'))} />
      <ProblemLines problems={problems} list={path} />
    </Box>
  );
}

export function Toggle({ label, on, onChange }: { label: string; on: boolean; onChange: (on: boolean) => void }) {
  return (
    <Box className='form__check' role='checkbox' aria-checked={on} onClick={() => onChange(!on)}>
      <Line className='form__box'>{on ? '✓' : ''}</Line>
      <Line>{label}</Line>
    </Box>
  );
}

export function Chips<T extends string | number>({ options, value, onChange }: { options: { value: T; label: string }[]; value: T; onChange: (v: T) => void }) {
  return (
    <Box className='edit__chips' role='radiogroup'>
      {options.map((o) => (
        <Box key={String(o.value)} role='radio' aria-checked={o.value === value} className={`pick${o.value === value ? ' pick--on' : ''}`} onClick={() => onChange(o.value)}>
          <Line>{o.label}</Line>
        </Box>
      ))}
    </Box>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box className='form__group'>
      <Line className='edit__title'>{title}</Line>
      {children}
    </Box>
  );
}
