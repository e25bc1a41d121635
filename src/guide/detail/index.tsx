import { Button, Text, View } from '@tarojs/components';
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

  if (error) return <Text className='detail__msg'>{error}</Text>;
  if (!item) return <Text className='detail__msg'>{loading ? '正在加载…' : ''}</Text>;

  return (
    <View className='detail'>
      <View className='detail__head'>
        <Text className='detail__name'>{item.name}</Text>
        <Text className='detail__dept'>{`${item.categoryName} · ${item.department}`}</Text>
        <View className='detail__facts'>
          <Text className='detail__fact'>{tripsText(item.trips)}</Text>
          <Text className='detail__fact'>{daysText(item.promisedDays)}</Text>
          <Text className='detail__fact'>{item.fee}</Text>
          {item.delegated && <Text className='detail__fact'>村里能办</Text>}
        </View>
      </View>
      <View className='detail__body'>
        <OfflineNote since={offlineSince} />
        <TabSwitch tabs={DETAIL_TABS} active={tab} onChange={setTab} />
        {tab === 'guide' && <GuideSheet guide={item.guide} />}
        {tab === 'flow' && <Flowchart steps={item.flow.steps} />}
        {tab === 'materials' && <MaterialsChecklist materials={item.materials} />}
        {tab === 'card' && <PolicyCard item={item} />}
      </View>
      <View className='detail__bar'>
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
      </View>
    </View>
  );
}

export default withPage(ServiceDetailPage);
