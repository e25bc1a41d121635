import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Material } from '../../api/types';

// A preparation list the villager ticks at home; nothing is sent anywhere.
export function MaterialsChecklist({ materials }: { materials: Material[] }) {
  const [have, setHave] = useState<Set<number>>(new Set());
  const toggle = (i: number) =>
    setHave((prev) => {
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  const missing = materials.filter((m, i) => m.required && !have.has(i)).length;
  return (
    <View className='materials'>
      <Text className='materials__summary'>
        {missing === 0 ? '必带材料已备齐' : `还差 ${missing} 样必带材料，点一下打勾`}
      </Text>
      {materials.map((m, i) => (
        <View
          key={m.name}
          className={`materials__item${have.has(i) ? ' materials__item--have' : ''}`}
          role='checkbox'
          aria-checked={have.has(i)}
          onClick={() => toggle(i)}
        >
          <Text className='materials__box'>{have.has(i) ? '✓' : ''}</Text>
          <View className='materials__text'>
            <Text className='materials__name'>{m.name}</Text>
            <Text className='materials__meta'>
              {`${m.required ? '必带' : '有就带'} · ${m.form} · ${m.copies}份`}
            </Text>
            {m.note && <Text className='materials__note'>{m.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
