import { Button, Text, View } from '@tarojs/components';
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
    <View className='first-launch'>
      <Text className='first-launch__title'>字太小看不清？</Text>
      <Text className='first-launch__text'>打开长辈模式，字和按钮都变大。以后在“我的”里也能改。</Text>
      <View className='first-launch__buttons'>
        <Button className='first-launch__yes' onClick={() => choose(true)}>
          打开长辈模式
        </Button>
        <Button className='first-launch__no' onClick={() => choose(false)}>
          不用
        </Button>
      </View>
    </View>
  );
}
