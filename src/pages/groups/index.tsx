import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { groupKinds, listGroups, type Group, type GroupKind } from '../../api/weijia';
import { withPage } from '../../components/page';
import { errorText } from '../../utils/feedback';
import './index.scss';

const NEARNESS: Record<Group['nearness'], string> = { mine: '本村', nearby: '附近', other: '其他' };
const go = (url: string) => () => void Taro.navigateTo({ url });

// 微家: the village's self-run groups, my village first, then nearby.
function GroupsPage() {
  const [kinds, setKinds] = useState<GroupKind[]>([]);
  const [kind, setKind] = useState('');
  const [groups, setGroups] = useState<Group[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    groupKinds().then(setKinds, () => setKinds([]));
  }, []);
  const load = () => listGroups(kind || undefined).then((g) => (setGroups(g), setError(undefined)), (e: unknown) => setError(errorText(e)));
  useDidShow(() => void load());
  useEffect(() => void load(), [kind]);

  return (
    <View className='weijia'>
      <View className='weijia__help' role='link' onClick={go('/weijia/mediation-new/index')}>
        <Text className='weijia__help-title'>邻里有矛盾？请和事佬帮忙</Text>
        <Text className='weijia__help-text'>只有本村和事佬和村干部能看到，不公开</Text>
      </View>
      <View className='weijia__links'>
        <View className='weijia__link' role='link' onClick={go('/weijia/mediations/index')}>
          <Text>我的调解</Text>
        </View>
      </View>
      <View className='weijia__kinds'>
        {[{ code: '', name: '全部' }, ...kinds].map((k) => (
          <View key={k.code || 'all'} role='button' aria-pressed={k.code === kind} className={`weijia__kind${k.code === kind ? ' weijia__kind--on' : ''}`} onClick={() => setKind(k.code)}>
            <Text>{k.name}</Text>
          </View>
        ))}
      </View>
      {error && <Text className='weijia__msg'>{error}</Text>}
      {!error && groups.length === 0 && <Text className='weijia__msg'>还没有这类微家。想成立一个？请找村干部。</Text>}
      {groups.map((g) => (
        <View key={g.id} className='weijia__group' role='link' onClick={go(`/weijia/group/index?id=${g.id}`)}>
          <View className='weijia__group-top'>
            <Text className='weijia__group-name'>{g.name}</Text>
            <Text className='weijia__near'>{NEARNESS[g.nearness]}</Text>
          </View>
          <Text className='weijia__group-meta'>{`${g.kindName} · ${g.scopeName} · ${g.memberCount}人${g.myStanding ? ' · 我已加入' : ''}`}</Text>
          <Text className='weijia__group-desc'>{g.description}</Text>
        </View>
      ))}
    </View>
  );
}

export default withPage(GroupsPage);
