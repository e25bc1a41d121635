import { Box, Line } from '../../components/box';
import type { ServiceItem } from '../../api/types';
import { ReadAloud } from '../../components/read-aloud';

type Guide = ServiceItem['guide'];

const SECTIONS: { key: Exclude<keyof Guide, 'faq'>; title: string }[] = [
  { key: 'what', title: '这是什么' },
  { key: 'who', title: '谁能办' },
  { key: 'bring', title: '要带什么' },
  { key: 'steps', title: '怎么办' },
  { key: 'time', title: '要多久' },
  { key: 'cost', title: '花多少钱' },
  { key: 'tips', title: '温馨提示' },
];

export function sheetText(guide: Guide): string {
  const parts = SECTIONS.map((s) => `${s.title}。${guide[s.key].join('')}`);
  return [...parts, '常见问题。', ...guide.faq.map((f) => `问：${f.q} 答：${f.a}`)].join('\n');
}

export function GuideSheet({ guide }: { guide: Guide }) {
  return (
    <Box className='sheet'>
      <ReadAloud text={sheetText(guide)} label='朗读明白纸' />
      {SECTIONS.map((s) => (
        <Box key={s.key} className='sheet__section'>
          <Line className='sheet__title'>{s.title}</Line>
          {guide[s.key].map((line, i) => (
            <Line key={i} className='sheet__line'>
              {s.key === 'steps' ? `${i + 1}. ${line}` : line}
            </Line>
          ))}
        </Box>
      ))}
      <Box className='sheet__section'>
        <Line className='sheet__title'>常见问题</Line>
        {guide.faq.map((f, i) => (
          <Box key={i} className='sheet__faq'>
            <Line className='sheet__q'>{`问：${f.q}`}</Line>
            <Line className='sheet__a'>{`答：${f.a}`}</Line>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
