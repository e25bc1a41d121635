import { Box, Line } from '../box';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { nextTalk, type Talk } from '../../api/weijia';
import { timeText } from '../../utils/format';
import './index.scss';

// The home tab's next 书记龙门阵 or 政策宣讲 in my village.
export function NextTalk({ villageCode }: { villageCode?: string }) {
  const [talk, setTalk] = useState<Talk | null>(null);
  useEffect(() => {
    if (villageCode) nextTalk(villageCode).then(setTalk, () => setTalk(null));
  }, [villageCode]);
  if (!talk) return null;
  return (
    <Box className='next-talk' role='link' onClick={() => void Taro.navigateTo({ url: `/weijia/talk/index?id=${talk.id}` })}>
      <Line className='next-talk__kind'>{talk.kindLabel}</Line>
      <Line className='next-talk__topic'>{talk.topic}</Line>
      <Line className='next-talk__line'>{`${timeText(talk.startsAt)} · ${talk.place} · 还剩${talk.placesLeft}个位置`}</Line>
    </Box>
  );
}
