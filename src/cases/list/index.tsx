import { Box } from '../../components/box';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { withDeviceCopy } from '../../api/cache';
import { myCases } from '../../api/cases';
import { CaseList } from '../../components/case-list';
import { OfflineNote } from '../../components/offline-note';
import { TabSwitch } from '../../components/tab-switch';
import { useRemote } from '../../hooks/use-remote';
import '../../styles/form.scss';
import { withPage } from '../../components/page';

type Tab = 'open' | 'closed';
const TABS: { key: Tab; label: string }[] = [
  { key: 'open', label: '办理中' },
  { key: 'closed', label: '已结束' },
];

// 我的办件, also readable offline from the copy kept on the phone.
function MyCasesPage() {
  const [tab, setTab] = useState<Tab>('open');
  const [visit, setVisit] = useState(0);
  useDidShow(() => setVisit((n) => n + 1));
  const { data, error, offlineSince } = useRemote(`${tab}:${visit}`, () => withDeviceCopy(`my-cases:${tab}`, () => myCases(tab)));
  return (
    <Box className='form'>
      <TabSwitch tabs={TABS} active={tab} onChange={setTab} />
      <OfflineNote since={offlineSince} />
      {error && <Box className='form__error'>{error}</Box>}
      <CaseList items={data ?? []} empty={tab === 'open' ? '没有正在办的事' : '还没有办完的事'} />
    </Box>
  );
}

export default withPage(MyCasesPage);
