import { Text, View } from '@tarojs/components';
import './index.scss';

export interface MenuEntry {
  label: string;
  hint?: string;
  danger?: boolean;
  onTap: () => void;
}

export function MenuList({ entries }: { entries: MenuEntry[] }) {
  return (
    <View className='menu-list'>
      {entries.map((e) => (
        <View key={e.label} className='menu-list__item' role='button' onClick={e.onTap}>
          <Text className={`menu-list__label${e.danger ? ' menu-list__label--danger' : ''}`}>{e.label}</Text>
          {e.hint && <Text className='menu-list__hint'>{e.hint}</Text>}
          <Text className='menu-list__arrow' aria-hidden>
            ›
          </Text>
        </View>
      ))}
    </View>
  );
}
