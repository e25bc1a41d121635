import { Text, View } from '@tarojs/components';
import type { ServiceDetail } from '../../api/types';
import { daysText, tripsText } from '../../utils/format';

export function PolicyCard({ item }: { item: ServiceDetail }) {
  const official: [string, string][] = [
    ['事项类型', item.type],
    ['实施部门', item.department],
    ['办理条件', item.conditions.join('；')],
    ['设定依据', item.basis.join('；')],
    ['法定时限', item.legalDays === null ? '法律未规定' : daysText(item.legalDays)],
    ['承诺时限', daysText(item.promisedDays)],
    ['到现场次数', item.tripsNote ? `${tripsText(item.trips)}（${item.tripsNote}）` : tripsText(item.trips)],
    ['收费', item.fee],
    ['办理地点', item.place],
    ['办理时间', item.hours],
    ['咨询电话', item.consultPhone],
    ['投诉电话', item.complaintPhone],
    ['办理结果', item.result],
  ];
  return (
    <View className='card'>
      <View className='card__main'>
        <Text className='card__title'>{`政策一卡通 · ${item.name}`}</Text>
        <Text className='card__summary'>{item.card.summary}</Text>
        <View className='card__figures'>
          {item.card.figures.map((f) => (
            <View key={f.label} className='card__figure'>
              <Text className='card__label'>{f.label}</Text>
              <Text className='card__value'>{f.value}</Text>
            </View>
          ))}
        </View>
        {item.card.rules.map((r, i) => (
          <Text key={i} className='card__rule'>{`· ${r}`}</Text>
        ))}
      </View>
      <View className='card__official'>
        <Text className='card__title'>办事指南要素</Text>
        {official.map(([k, v]) => (
          <View key={k} className='card__row'>
            <Text className='card__key'>{k}</Text>
            <Text className='card__val'>{v}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
