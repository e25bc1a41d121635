import { PageMeta } from '@tarojs/components';
import { Box, Line } from '../box';
import './index.scss';
import { useEffect, useState } from 'react';
import { elderStyle, isElder, onElderChange, setElder } from '../../utils/elder';

export function useElder(): boolean {
  const [on, setOn] = useState(isElder());
  useEffect(() => onElderChange(() => setOn(isElder())), []);
  return on;
}

// Put once on every page: applies 长辈模式's sizes to the page root (weapp: page-meta; H5: <html>).
export function ElderMode() {
  const on = useElder();
  const vars = elderStyle(on);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    const root = document.documentElement;
    for (const key of Object.keys(elderStyle(true))) root.style.removeProperty(key);
    for (const [k, v] of Object.entries(vars)) root.style.setProperty(k, v);
    root.classList.toggle('elder', on);
  }, [on]);
  if (process.env.TARO_ENV === 'h5') return null;
  return <PageMeta pageStyle={Object.entries(vars).map(([k, v]) => `${k}: ${v}`).join('; ')} />;
}

// The big switch on 我的 and on the first launch.
export function ElderSwitch() {
  const on = useElder();
  return (
    <Box className='elder-switch' role='switch' aria-checked={on} onClick={() => setElder(!on)}>
      <Line className='elder-switch__label'>长辈模式</Line>
      <Line className='elder-switch__hint'>字更大、按钮更大</Line>
      <Line className={`elder-switch__state${on ? ' elder-switch__state--on' : ''}`}>{on ? '已开启' : '已关闭'}</Line>
    </Box>
  );
}

