import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useState } from 'react';
import { hasChosenElder, setElder } from '../../utils/elder';

// Asked once, in the page rather than a pop-up: big text for those who want it.
export function FirstLaunch() {
  const [asked, setAsked] = useState(hasChosenElder());
  if (asked) return null;
  const choose = (on: boolean) => {
    setElder(on);
    setAsked(true);
  };
  return (
    <Box className='first-launch'>
      <Line className='first-launch__title'>字太小看不清？</Line>
      <Line className='first-launch__text'>打开长辈模式，字和按钮都变大。以后在“我的”里也能改。</Line>
      <Box className='first-launch__buttons'>
        <Button className='first-launch__yes' onClick={() => choose(true)}>
          打开长辈模式
        </Button>
        <Button className='first-launch__no' onClick={() => choose(false)}>
          不用
        </Button>
      </Box>
    </Box>
  );
}
