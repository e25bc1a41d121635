import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useState } from 'react';
import { rateCase, type CaseDetail } from '../../api/cases';
import { errorText, toast } from '../../utils/feedback';

const LEVELS = [
  { level: 5, label: '非常满意' },
  { level: 4, label: '满意' },
  { level: 3, label: '基本满意' },
  { level: 2, label: '不满意' },
  { level: 1, label: '非常不满意' },
];

// 好差评: five levels and an optional word; a 差评 is followed up by the township.
export function RatingPanel({ item, onChanged }: { item: CaseDetail; onChanged: (c: CaseDetail) => void }) {
  const [level, setLevel] = useState<number>();
  const [comment, setComment] = useState('');
  const submit = async () => {
    if (!level) return;
    try {
      onChanged(await rateCase(item.id, level, comment.trim() || undefined));
      toast('谢谢您的评价');
    } catch (e) {
      toast(errorText(e));
    }
  };
  return (
    <Box className='case__card'>
      <Line className='case__title'>这次办得怎么样？</Line>
      <Box className='case__actions'>
        {LEVELS.map((l) => (
          <Box key={l.level} role='radio' aria-checked={level === l.level} className={`pick${level === l.level ? ' pick--on' : ''}`} onClick={() => setLevel(l.level)}>
            <Line>{l.label}</Line>
          </Box>
        ))}
      </Box>
      <Input className='form__input' value={comment} maxlength={200} placeholder='想说的话（可以不写）' aria-label='评价留言' onInput={(e) => setComment(e.detail.value)} />
      <Button className='form__submit' disabled={!level || undefined} onClick={() => void submit()}>
        提交评价
      </Button>
    </Box>
  );
}
