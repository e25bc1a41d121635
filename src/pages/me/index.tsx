import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { myNotices } from '../../api/cases';
import { getSession } from '../../api/session';
import { closeAccount, exportMyData, logout, ROLE_LABELS } from '../../api/account';
import { MenuList, type MenuEntry } from '../../components/menu-list';
import { useMe } from '../../hooks/use-me';
import { errorText, toast } from '../../utils/feedback';
import './index.scss';
import { ElderSwitch } from '../../components/elder-mode';
import { withPage } from '../../components/page';

const go = (url: string) => () => void Taro.navigateTo({ url });

async function exportData() {
  try {
    const data = await exportMyData();
    const text = JSON.stringify(data, null, 2);
    if (process.env.TARO_ENV === 'h5') {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      link.download = 'mulin-my-data.json';
      link.click();
    } else {
      await Taro.setClipboardData({ data: text });
    }
    toast(process.env.TARO_ENV === 'h5' ? '已下载我的数据' : '我的数据已复制，可粘贴保存');
  } catch (e) {
    toast(errorText(e));
  }
}

async function confirmClose() {
  const { confirm } = await Taro.showModal({
    title: '注销账号',
    content: '注销后，您的姓名和手机号会被删除，无法恢复。办过的事会匿名保留给村里存档。确定注销吗？',
    confirmText: '确定注销',
    confirmColor: '#b4261a',
  });
  if (!confirm) return;
  try {
    await closeAccount();
    toast('账号已注销');
  } catch (e) {
    toast(errorText(e));
  }
}

function MePage() {
  const { me, loading, error } = useMe();
  const [unread, setUnread] = useState(0);
  useDidShow(() => {
    if (getSession()) myNotices().then((r) => setUnread(r.unread), () => setUnread(0));
  });

  if (!me) {
    return (
      <Box className='me'>
        <ElderSwitch />
        <Box className='me__card'>
          <Line className='me__name'>{loading ? '正在加载…' : '您还没有登录'}</Line>
          <Line className='me__line'>登录后可以预约代办、查看办件进度。看办事指南不用登录。</Line>
          {error && <Line className='me__error'>{error}</Line>}
          {!loading && (
            <Button className='me__login' onClick={go('/account/login/index')}>
              登录
            </Button>
          )}
        </Box>
        <MenuList entries={[{ label: '隐私保护指引', onTap: go('/account/privacy/index') }]} />
      </Box>
    );
  }

  const entries: MenuEntry[] = [
    { label: '我的办件', hint: '进度、回执、评价', onTap: go('/cases/list/index') },
    { label: '消息', hint: unread ? `${unread}条未读` : undefined, onTap: go('/cases/notifications/index') },
    { label: '我的资料', hint: me.profileComplete ? '已完善' : '待完善', onTap: go('/account/profile/index') },
    { label: '输入绑定码', hint: '村干部、管理员用', onTap: go('/account/binding/index') },
  ];
  if (me.role === 'cadre') {
    entries.unshift(
      { label: '村干部工作台', hint: '受理、办理、排班', onTap: go('/cadre/workbench/index') },
      { label: '龙门阵和宣讲', hint: '安排、到场、小结', onTap: go('/cadre/talks/index') },
    );
  }
  if (me.role === 'cadre' || me.role === 'township_admin' || me.role === 'county_admin') {
    entries.push({ label: '待审核内容', hint: '微家、活动、龙门阵', onTap: go('/cadre/reviews/index') });
  }
  if (me.role === 'township_admin' || me.role === 'county_admin') {
    entries.push(
      { label: '差评整改', hint: '回访和整改', onTap: go('/admin/rectifications/index') },
      { label: '县级统计', hint: '各村办件、满意率、趋势和导出', onTap: go('/admin/figures/index') },
      { label: '好中差评定', hint: '各村等级和原因', onTap: go('/admin/bands/index') },
      { label: '月观摩', hint: '抽取和现场评分', onTap: go('/admin/observation/index') },
      { label: '发放绑定码', hint: '让村干部绑定身份', onTap: go('/admin/bindings/index') },
    );
  }
  entries.push(
    { label: '隐私保护指引', hint: me.privacy.current ? '已同意' : '未同意', onTap: go('/account/privacy/index') },
    { label: '导出我的数据', onTap: () => void exportData() },
    { label: '退出登录', onTap: () => void logout() },
    { label: '注销账号', danger: true, onTap: () => void confirmClose() },
  );

  return (
    <Box className='me'>
      <ElderSwitch />
      <Box className='me__card'>
        <Line className='me__name'>{me.name ?? '未填写姓名'}</Line>
        <Line className='me__role'>{ROLE_LABELS[me.role]}</Line>
        {me.scope && me.role !== 'resident' && <Line className='me__line'>{`负责：${me.scope.name}`}</Line>}
        <Line className='me__line'>
          {me.village ? `${me.village.township?.name ?? ''} ${me.village.name}` : '还没有选择所在村'}
        </Line>
        <Line className='me__line'>{me.phone ?? '还没有填写手机号'}</Line>
      </Box>
      {!me.profileComplete && (
        <Box className='me__todo' role='button' onClick={go('/account/profile/index')}>
          <Line>请完善资料：姓名、手机号、所在村，村干部才能联系您</Line>
        </Box>
      )}
      <MenuList entries={entries} />
    </Box>
  );
}

export default withPage(MePage);
