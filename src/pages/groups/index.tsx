import { Box, Line } from '../../components/box';
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
    <Box className='weijia'>
      <Box className='weijia__help' role='link' onClick={go('/weijia/mediation-new/index')}>
        <Line className='weijia__help-title'>邻里有矛盾？请和事佬帮忙</Line>
        <Line className='weijia__help-text'>只有本村和事佬和村干部能看到，不公开</Line>
      </Box>
      <Box className='weijia__links'>
        <Box className='weijia__link' role='link' onClick={go('/weijia/mediations/index')}>
          <Line>我的调解</Line>
        </Box>
      </Box>
      <Box className='weijia__kinds'>
        {[{ code: '', name: '全部' }, ...kinds].map((k) => (
          <Box key={k.code || 'all'} role='button' aria-pressed={k.code === kind} className={`weijia__kind${k.code === kind ? ' weijia__kind--on' : ''}`} onClick={() => setKind(k.code)}>
            <Line>{k.name}</Line>
          </Box>
        ))}
      </Box>
      {error && <Line className='weijia__msg'>{error}</Line>}
      {!error && groups.length === 0 && <Line className='weijia__msg'>还没有这类微家。想成立一个？请找村干部。</Line>}
      {groups.map((g) => (
        <Box key={g.id} className='weijia__group' role='link' onClick={go(`/weijia/group/index?id=${g.id}`)}>
          <Box className='weijia__group-top'>
            <Line className='weijia__group-name'>{g.name}</Line>
            <Line className='weijia__near'>{NEARNESS[g.nearness]}</Line>
          </Box>
          <Line className='weijia__group-meta'>{`${g.kindName} · ${g.scopeName} · ${g.memberCount}人${g.myStanding ? ' · 我已加入' : ''}`}</Line>
          <Line className='weijia__group-desc'>{g.description}</Line>
        </Box>
      ))}
    </Box>
  );
}

export default withPage(GroupsPage);
