import { Text, View } from '@tarojs/components';
import '../placeholder.scss';

export default function MePage() {
  return (
    <View className='placeholder'>
      <Text className='placeholder__title'>我的</Text>
      <Text className='placeholder__text'>现在不用登录，就能查看全部办事指南。</Text>
      <View className='placeholder__card'>
        <Text className='placeholder__name'>即将上线</Text>
        <Text className='placeholder__text'>微信登录和个人资料</Text>
        <Text className='placeholder__text'>我的办件：进度、回执和评价</Text>
        <Text className='placeholder__text'>长辈模式：大字、大按钮、朗读</Text>
      </View>
    </View>
  );
}
