import { Text, View } from '@tarojs/components';
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
      <View key={m.id} className='wj-item' role='link' onClick={() => open(m.id)}>
        <Text className='wj-item__title'>{`${m.kindLabel} · ${m.statusLabel}`}</Text>
        <Text className='wj-item__line'>{m.resident?.name ?? ''}</Text>
      </View>
    ));
  const others = village.filter((v) => !mine.some((m) => m.id === v.id));
  return (
    <View className='form'>
      {!me && <Text className='form__intro'>请先登录</Text>}
      <View className='wj-card'>
        <Text className='wj-card__title'>我的求助</Text>
        {mine.length ? list(mine) : <Text className='wj-card__line'>没有求助</Text>}
      </View>
      {others.length > 0 && (
        <View className='wj-card'>
          <Text className='wj-card__title'>本村的调解（不公开）</Text>
          {list(others)}
        </View>
      )}
    </View>
  );
}

export default withPage(MediationsPage);
