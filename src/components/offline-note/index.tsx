import { Text, View } from '@tarojs/components';
import { savedAtText } from '../../utils/format';
import './index.scss';

export function OfflineNote({ since }: { since?: number }) {
  if (since === undefined) return null;
  return (
    <View className='offline-note' role='status'>
      <Text>{savedAtText(since)}</Text>
    </View>
  );
}
