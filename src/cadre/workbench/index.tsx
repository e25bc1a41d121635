import { Box, Line } from '../../components/box';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { workbench, type CaseSummary, type WorkbenchTab } from '../../api/cases';
import { CaseList } from '../../components/case-list';
import { TabSwitch } from '../../components/tab-switch';
import { errorText } from '../../utils/feedback';
import '../../styles/form.scss';
import './index.scss';
import { withPage } from '../../components/page';

const TABS: { key: WorkbenchTab; label: string }[] = [
  { key: 'pending', label: '待受理' },
  { key: 'mine', label: '我的' },
  { key: 'awaiting', label: '待补充' },
  { key: 'done', label: '已办结' },
];

const EMPTY: Record<WorkbenchTab, string> = {
  pending: '没有待受理的办件',
  mine: '您手上没有在办的事',
  awaiting: '没有在等群众补充的办件',
  done: '最近30天还没有办结的',
};

// The village queue for the cadre on duty: overdue first, each with its due time.
function WorkbenchPage() {
  const [tab, setTab] = useState<WorkbenchTab>('pending');
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [counts, setCounts] = useState<Partial<Record<WorkbenchTab, number>>>({});
  const [error, setError] = useState<string>();

  const load = (t: WorkbenchTab) =>
    workbench(t).then(
      (r) => {
        setItems(r.items);
        setCounts(r.counts);
        setError(undefined);
      },
      (e: unknown) => setError(errorText(e)),
    );
  useDidShow(() => void load(tab));

  return (
    <Box className='form'>
      <TabSwitch
        tabs={TABS.map((t) => ({ key: t.key, label: counts[t.key] ? `${t.label} ${counts[t.key]}` : t.label }))}
        active={tab}
        onChange={(t) => (setTab(t), void load(t))}
      />
      {error && <Line className='form__error'>{error}</Line>}
      <CaseList items={items} empty={EMPTY[tab]} />
      <Box className='workbench__duty' role='button' onClick={() => void Taro.navigateTo({ url: '/cadre/duty/index' })}>
        <Line>排班：我哪天值班</Line>
      </Box>
    </Box>
  );
}

export default withPage(WorkbenchPage);
