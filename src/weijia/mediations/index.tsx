import { Box, Line } from '../../components/box';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { myMediations, villageMediations, type Mediation } from '../../api/weijia';
import { withPage } from '../../components/page';
import { useMe } from '../../hooks/use-me';
import '../../styles/form.scss';
import '../weijia.scss';

// My own requests; for mediators and cadres also the village's, which nobody else ever sees.
function MediationsPage() {
  const { me } = useMe();
  const [mine, setMine] = useState<Mediation[]>([]);
  const [village, setVillage] = useState<Mediation[]>([]);
  useDidShow(() => {
    myMediations().then(setMine, () => setMine([]));
    villageMediations().then(setVillage, () => setVillage([]));
  });
  const open = (id: string) => void Taro.navigateTo({ url: `/weijia/mediation/index?id=${id}` });
  const list = (items: Mediation[]) =>
    items.map((m) => (
      <Box key={m.id} className='wj-item' role='link' onClick={() => open(m.id)}>
        <Line className='wj-item__title'>{`${m.kindLabel} · ${m.statusLabel}`}</Line>
        <Line className='wj-item__line'>{m.resident?.name ?? ''}</Line>
      </Box>
    ));
  const others = village.filter((v) => !mine.some((m) => m.id === v.id));
  return (
    <Box className='form'>
      {!me && <Line className='form__intro'>请先登录</Line>}
      <Box className='wj-card'>
        <Line className='wj-card__title'>我的求助</Line>
        {mine.length ? list(mine) : <Line className='wj-card__line'>没有求助</Line>}
      </Box>
      {others.length > 0 && (
        <Box className='wj-card'>
          <Line className='wj-card__title'>本村的调解（不公开）</Line>
          {list(others)}
        </Box>
      )}
    </Box>
  );
}

export default withPage(MediationsPage);
