// 明白纸 (parts named as residents see them): each part a text box, one short sentence per line (at most 30 characters), and the FAQ.
import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import type { ServiceItem } from '../../api/types';
import { at, replaceAt, within, type Problems } from './draft';
import { LinesField, ProblemLines, Section, TextField } from './fields';

type Guide = ServiceItem['guide'];
const PARTS: { key: Exclude<keyof Guide, 'faq'>; label: string }[] = [
  { key: 'what', label: '这是什么' },
  { key: 'who', label: '谁能办' },
  { key: 'bring', label: '要带什么' },
  { key: 'steps', label: '怎么办' },
  { key: 'time', label: '要多久' },
  { key: 'cost', label: '花多少钱' },
  { key: 'tips', label: '温馨提示' },
];

interface Props {
  item: ServiceItem;
  change: (patch: Partial<ServiceItem>) => void;
  problems: Problems;
}

export function SheetEditor({ item, change, problems }: Props) {
  const guide = item.guide;
  const setGuide = (patch: Partial<Guide>) => change({ guide: { ...guide, ...patch } });
  return (
    <>
      <Section title='明白纸'>
        <Line className='edit__hint'>一行写一句，每句不超过 30 个字。办事的行话（如“受理”）要在一处写成“受理（……）”解释一次。</Line>
        <ProblemLines problems={at(problems, 'guide')} />
        {PARTS.map((p) => (
          <LinesField
            key={p.key}
            label={p.label}
            lines={guide[p.key]}
            onChange={(lines) => setGuide({ [p.key]: lines })}
            path={`guide.${p.key}`}
            problems={within(problems, `guide.${p.key}`)}
          />
        ))}
      </Section>
      <Section title='常见问题'>
        <ProblemLines problems={at(problems, 'guide.faq')} />
        {guide.faq.map((f, i) => (
          <Box key={i} className='edit__row'>
            <TextField label={`问题 ${i + 1}`} value={f.q} onChange={(q) => setGuide({ faq: replaceAt(guide.faq, i, { ...f, q }) })} problems={within(problems, `guide.faq[${i}].q`)} />
            <TextField label='回答' value={f.a} multiline onChange={(a) => setGuide({ faq: replaceAt(guide.faq, i, { ...f, a }) })} problems={within(problems, `guide.faq[${i}].a`)} />
            <ProblemLines problems={at(problems, `guide.faq[${i}]`)} />
            <Button className='form__secondary' onClick={() => setGuide({ faq: guide.faq.filter((_, j) => j !== i) })}>
              删除这个问题
            </Button>
          </Box>
        ))}
        <Button className='form__secondary' onClick={() => setGuide({ faq: [...guide.faq, { q: '', a: '' }] })}>
          添加一个问题
        </Button>
      </Section>
    </>
  );
}
