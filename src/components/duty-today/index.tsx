import { Box, Line } from '../box';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { request } from '../../api/client';
import './index.scss';

interface Today {
  date: string;
  am: { id: string; name: string | null; phone: string | null }[];
  pm: { id: string; name: string | null; phone: string | null }[];
}

// 今日值班 on the home tab: who is in the living room today and how to reach them.
export function DutyToday({ villageCode, villageName }: { villageCode?: string; villageName?: string }) {
  const [today, setToday] = useState<Today>();
  useEffect(() => {
    if (villageCode) request<Today>(`/api/v1/duty/today?villageCode=${villageCode}`).then((r) => setToday(r.data), () => setToday(undefined));
  }, [villageCode]);

  if (!villageCode) {
    return (
      <Box className='duty-today' role='link' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
        <Line className='duty-today__title'>今日值班</Line>
        <Line className='duty-today__line'>登录并选好您的村，就能看到今天谁在睦邻客厅值班。</Line>
      </Box>
    );
  }
  const halves: ['am' | 'pm', string][] = [
    ['am', '上午'],
    ['pm', '下午'],
  ];
  return (
    <Box className='duty-today'>
      <Line className='duty-today__title'>{`今日值班 · ${villageName ?? ''}睦邻客厅`}</Line>
      {halves.map(([half, label]) => {
        const cadres = today?.[half] ?? [];
        return (
          <Line key={half} className='duty-today__line'>
            {`${label}：${cadres.length ? cadres.map((c) => `${c.name ?? ''} ${c.phone ?? ''}`).join('，') : '无人值班'}`}
          </Line>
        );
      })}
    </Box>
  );
}
