import { Text, View } from '@tarojs/components';
import type { ServiceSummary } from '../../api/types';
import { useProgressive } from '../../hooks/use-progressive';
import { CHANNEL_LABELS, channelList, daysText, tripsText } from '../../utils/format';
import './index.scss';

interface Props {
  items: ServiceSummary[];
  onOpen: (code: string) => void;
}

export function ServiceList({ items, onOpen }: Props) {
  const shown = useProgressive(items);
  return (
    <View className='service-list'>
      {shown.map((s) => (
        <View key={s.code} className='service-list__item' role='link' onClick={() => onOpen(s.code)}>
          <Text className='service-list__name'>{s.name}</Text>
          <Text className='service-list__dept'>{`${s.categoryName} · ${s.department}`}</Text>
          <View className='service-list__tags'>
            <Text className='service-list__tag service-list__tag--trips'>{tripsText(s.trips)}</Text>
            <Text className='service-list__tag'>{daysText(s.promisedDays)}</Text>
            {channelList(s.channels).map((c) => (
              <Text key={c} className='service-list__tag'>
                {CHANNEL_LABELS[c]}
              </Text>
            ))}
            {s.delegated && <Text className='service-list__tag service-list__tag--village'>村里能办</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
