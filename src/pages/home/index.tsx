import { Text, View } from '@tarojs/components';
import { fetchCategories } from '../../api/catalogue';
import { DutyToday } from '../../components/duty-today';
import { NextTalk } from '../../components/next-talk';
import { OfflineNote } from '../../components/offline-note';
import { useMe } from '../../hooks/use-me';
import { useRemote } from '../../hooks/use-remote';
import { openService, openServicesTab } from '../../utils/nav';
import './index.scss';
import { withPage } from '../../components/page';
import { FirstLaunch } from './first-launch';

// The items villagers ask about most; the county can change this list.
const FREQUENT = [
  { code: 'shjz-01', name: '低保申请' },
  { code: 'yllr-01', name: '高龄津贴' },
  { code: 'ylbz-03', name: '医保缴费' },
  { code: 'sbjy-05', name: '社保卡激活' },
  { code: 'yllr-03', name: '养老金认证' },
  { code: 'cjr-01', name: '办残疾人证' },
];

function HomePage() {
  const categories = useRemote('categories', fetchCategories);
  const { me } = useMe();
  return (
    <View className='home'>
      <View className='home__banner'>
        <Text className='home__title'>睦邻客厅</Text>
        <Text className='home__slogan'>村里办事，最多跑一次</Text>
        <View className='home__search' role='search' onClick={() => openServicesTab({ focus: true })}>
          <Text>搜办事：低保、社保卡、老年证…</Text>
        </View>
      </View>
      <FirstLaunch />
      <DutyToday villageCode={me?.village?.code} villageName={me?.village?.name} />
      <NextTalk villageCode={me?.village?.code} />
      <View className='home__section'>
        <Text className='home__heading'>常办事项</Text>
        <View className='home__grid'>
          {FREQUENT.map((f) => (
            <View key={f.code} className='home__tile' role='link' onClick={() => openService(f.code)}>
              <Text>{f.name}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className='home__section'>
        <Text className='home__heading'>按类别找</Text>
        <OfflineNote since={categories.offlineSince} />
        {categories.error && <Text className='home__msg'>{categories.error}</Text>}
        <View className='home__cats'>
          {(categories.data?.items ?? []).map((c) => (
            <View key={c.code} className='home__cat' role='link' onClick={() => openServicesTab({ category: c.code })}>
              <Text className='home__cat-icon' aria-hidden>
                {c.icon}
              </Text>
              <Text className='home__cat-name'>{c.name}</Text>
              <Text className='home__cat-count'>{`${c.count}项`}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className='home__section home__note'>
        <Text>不会操作？到村睦邻客厅找值班村干部，帮您跑腿代办。</Text>
      </View>
    </View>
  );
}

export default withPage(HomePage);
