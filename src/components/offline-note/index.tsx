import { Text } from '@tarojs/components';
import { savedAtText } from '../../utils/format';
import './index.scss';

export function OfflineNote({ since }: { since?: number }) {
  if (since === undefined) return null;
  return (
    <Text className='offline-note' role='status'>
      {savedAtText(since)}
    </Text>
  );
}
