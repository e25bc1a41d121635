import { Text, View } from '@tarojs/components';
import '../placeholder.scss';
import { withPage } from '../../components/page';

const KINDS = [
  { name: '公益微家', text: '做志愿、帮邻里，记录志愿时长' },
  { name: '和事佬微家', text: '邻里有矛盾，请热心人帮忙调解' },
  { name: '同乐微家', text: '跳舞、川剧、下棋，一起热闹' },
  { name: '技能微家', text: '裁缝、修理、种养技术，互相教' },
];

function GroupsPage() {
  return (
    <View className='placeholder'>
      <Text className='placeholder__title'>微家：村里的热心人小组</Text>
      <Text className='placeholder__text'>这里很快就能找到本村的微家，报名参加活动。</Text>
      {KINDS.map((k) => (
        <View key={k.name} className='placeholder__card'>
          <Text className='placeholder__name'>{k.name}</Text>
          <Text className='placeholder__text'>{k.text}</Text>
        </View>
      ))}
      <Text className='placeholder__soon'>即将上线：加入微家、活动报名、签到、和事佬调解</Text>
    </View>
  );
}

export default withPage(GroupsPage);
