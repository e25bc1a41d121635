// 一卡通 (the one-card summary with its key figures and rules) and the search keywords.
import { Button } from '@tarojs/components';
import { Box } from '../../components/box';
import type { ServiceItem } from '../../api/types';
import { at, replaceAt, within, type Problems } from './draft';
import { LinesField, ProblemLines, Section, TextField } from './fields';

type Card = ServiceItem['card'];

interface Props {
  item: ServiceItem;
  change: (patch: Partial<ServiceItem>) => void;
  problems: Problems;
}

export function CardEditor({ item, change, problems }: Props) {
  const card = item.card;
  const setCard = (patch: Partial<Card>) => change({ card: { ...card, ...patch } });
  return (
    <>
      <Section title='一卡通'>
        <TextField label='一句话说明' value={card.summary} multiline onChange={(summary) => setCard({ summary })} problems={at(problems, 'card.summary')} />
        <ProblemLines problems={at(problems, 'card.figures')} />
        {card.figures.map((f, i) => (
          <Box key={i} className='edit__row'>
            <TextField label={`关键数字 ${i + 1}：名称`} value={f.label} onChange={(label) => setCard({ figures: replaceAt(card.figures, i, { ...f, label }) })} />
            <TextField label='内容' value={f.value} onChange={(value) => setCard({ figures: replaceAt(card.figures, i, { ...f, value }) })} problems={within(problems, `card.figures[${i}]`)} />
            <Button className='form__secondary' onClick={() => setCard({ figures: card.figures.filter((_, j) => j !== i) })}>
              删除这个数字
            </Button>
          </Box>
        ))}
        <Button className='form__secondary' onClick={() => setCard({ figures: [...card.figures, { label: '', value: '' }] })}>
          添加一个关键数字
        </Button>
        <LinesField label='办事规矩（一行一条）' lines={card.rules} onChange={(rules) => setCard({ rules })} path='card.rules' problems={within(problems, 'card.rules')} />
      </Section>
      <Section title='搜索关键词'>
        <LinesField
          label='群众可能会搜的词（一行一个）'
          hint='例如俗称、简称：低保、救济'
          lines={item.keywords}
          onChange={(keywords) => change({ keywords })}
          path='keywords'
          problems={within(problems, 'keywords')}
        />
      </Section>
    </>
  );
}
