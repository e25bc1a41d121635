import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { fetchService } from '../../api/catalogue';
import type { ServiceDetail } from '../../api/types';
import { Flowchart } from '../../components/flowchart';
import { OfflineNote } from '../../components/offline-note';
import { TabSwitch } from '../../components/tab-switch';
import { useMe } from '../../hooks/use-me';
import { useRemote } from '../../hooks/use-remote';
import { CHANNEL_LABELS, channelList, daysText, tripsText } from '../../utils/format';
import { GuideSheet } from './guide-sheet';
import { MaterialsChecklist } from './materials-checklist';
import { PolicyCard } from './policy-card';
import './index.scss';
import { withPage } from '../../components/page';

type TabKey = 'guide' | 'flow' | 'materials' | 'card';

export const DETAIL_TABS: { key: TabKey; label: string }[] = [
  { key: 'guide', label: '明白纸' },
  { key: 'flow', label: '流程图' },
  { key: 'materials', label: '材料' },
  { key: 'card', label: '一卡通' },
];

function book(code: string, channel: string) {
  void Taro.navigateTo({ url: `/booking/new/index?code=${encodeURIComponent(code)}&channel=${channel}` });
}

function shareOnH5(item: ServiceDetail) {
  void Taro.setClipboardData({ data: `${item.name} ${window.location.href}` }).then(() =>
    Taro.showToast({ title: '链接已复制，可发给家人', icon: 'none' }),
  );
}

function openPrintPage(code: string) {
  window.open(`${MULIN_API_BASE}/print/items/${encodeURIComponent(code)}`, '_blank', 'noopener');
}

function ServiceDetailPage() {
  const params = useRouter().params;
  // A printed mini-program code opens this page with the item code as its scene.
  const code = params.code ?? (params.scene ? decodeURIComponent(params.scene) : '');
  const [tab, setTab] = useState<TabKey>('guide');
  const { data: item, error, loading, offlineSince } = useRemote(code, () => fetchService(code));
  // County admins edit the catalogue from here (the server checks the role again).
  const role = useMe().me?.role;
  const canEdit = role === 'county_admin';
  // Admins print the A4 page (server-rendered, always the current content) from the H5 console.
  const canPrint = process.env.TARO_ENV === 'h5' && (role === 'county_admin' || role === 'township_admin');

  useShareAppMessage(() => ({
    title: item ? `${item.name}：怎么办、带什么` : '睦邻客厅办事指南',
    path: `/guide/detail/index?code=${encodeURIComponent(code)}`,
  }));

  if (error) return <Line className='detail__msg'>{error}</Line>;
  if (!item) return <Line className='detail__msg'>{loading ? '正在加载…' : ''}</Line>;

  return (
    <Box className='detail'>
      <Box className='detail__head'>
        <Line className='detail__name'>{item.name}</Line>
        <Line className='detail__dept'>{`${item.categoryName} · ${item.department}`}</Line>
        <Box className='detail__facts'>
          <Line className='detail__fact'>{tripsText(item.trips)}</Line>
          <Line className='detail__fact'>{daysText(item.promisedDays)}</Line>
          <Line className='detail__fact'>{item.fee}</Line>
          {item.delegated && <Line className='detail__fact'>村里能办</Line>}
        </Box>
      </Box>
      <Box className='detail__body'>
        <OfflineNote since={offlineSince} />
        <TabSwitch tabs={DETAIL_TABS} active={tab} onChange={setTab} />
        {tab === 'guide' && <GuideSheet guide={item.guide} />}
        {tab === 'flow' && <Flowchart steps={item.flow.steps} />}
        {tab === 'materials' && <MaterialsChecklist materials={item.materials} />}
        {tab === 'card' && <PolicyCard item={item} />}
      </Box>
      <Box className='detail__bar'>
        {channelList(item.channels).map((c) => (
          <Button key={c} className='detail__btn detail__btn--primary' onClick={() => book(item.code, c)}>
            {CHANNEL_LABELS[c]}
          </Button>
        ))}
        {canEdit && (
          <Button className='detail__btn' onClick={() => void Taro.navigateTo({ url: `/admin/catalogue-edit/index?code=${encodeURIComponent(item.code)}` })}>
            编辑
          </Button>
        )}
        {canPrint && (
          <Button className='detail__btn' onClick={() => openPrintPage(item.code)}>
            打印
          </Button>
        )}
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='detail__btn' openType='share'>
            分享
          </Button>
        ) : (
          <Button className='detail__btn' onClick={() => shareOnH5(item)}>
            分享
          </Button>
        )}
      </Box>
    </Box>
  );
}

export default withPage(ServiceDetailPage);
