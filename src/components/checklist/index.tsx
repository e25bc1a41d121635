import { Text, View } from '@tarojs/components';
import './index.scss';

export interface ChecklistItem {
  key: string;
  title: string;
  meta?: string;
  note?: string;
}

interface Props {
  items: ChecklistItem[];
  checked: Set<string>;
  onToggle: (key: string) => void;
}

// Big tick boxes a villager taps: the materials they have, what a cadre received.
export function Checklist({ items, checked, onToggle }: Props) {
  return (
    <View className='checklist'>
      {items.map((item) => (
        <View
          key={item.key}
          className={`checklist__item${checked.has(item.key) ? ' checklist__item--on' : ''}`}
          role='checkbox'
          aria-checked={checked.has(item.key)}
          onClick={() => onToggle(item.key)}
        >
          <Text className='checklist__box'>{checked.has(item.key) ? '✓' : ''}</Text>
          <View className='checklist__text'>
            <Text className='checklist__title'>{item.title}</Text>
            {item.meta && <Text className='checklist__meta'>{item.meta}</Text>}
            {item.note && <Text className='checklist__meta'>{item.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
