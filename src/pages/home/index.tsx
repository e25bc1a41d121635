import { fetchCategories } from '../../api/catalogue';
import { Box, Line } from '../../components/box';
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
    <Box className='home'>
      <Box className='home__banner'>
        <Line className='home__title'>睦邻客厅</Line>
        <Line className='home__slogan'>村里办事，最多跑一次</Line>
        <Box className='home__search' role='search' onClick={() => openServicesTab({ focus: true })}>
          <Line>搜办事：低保、社保卡、老年证…</Line>
        </Box>
      </Box>
      <FirstLaunch />
      <DutyToday villageCode={me?.village?.code} villageName={me?.village?.name} />
      <NextTalk villageCode={me?.village?.code} />
      <Box className='home__section'>
        <Line className='home__heading'>常办事项</Line>
        <Box className='home__grid'>
          {FREQUENT.map((f) => (
            <Box key={f.code} className='home__tile' role='link' onClick={() => openService(f.code)}>
              <Line>{f.name}</Line>
            </Box>
          ))}
        </Box>
      </Box>
      <Box className='home__section'>
        <Line className='home__heading'>按类别找</Line>
        <OfflineNote since={categories.offlineSince} />
        {categories.error && <Line className='home__msg'>{categories.error}</Line>}
        <Box className='home__cats'>
          {(categories.data?.items ?? []).map((c) => (
            <Box key={c.code} className='home__cat' role='link' onClick={() => openServicesTab({ category: c.code })}>
              <Line className='home__cat-icon' aria-hidden>
                {c.icon}
              </Line>
              <Line className='home__cat-name'>{c.name}</Line>
              <Line className='home__cat-count'>{`${c.count}项`}</Line>
            </Box>
          ))}
        </Box>
      </Box>
      <Box className='home__section home__note'>
        <Line>不会操作？到村睦邻客厅找值班村干部，帮您跑腿代办。</Line>
      </Box>
    </Box>
  );
}

export default withPage(HomePage);
