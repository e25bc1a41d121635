import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props<K extends string> {
  tabs: { key: K; label: string }[];
  active: K;
  onChange: (key: K) => void;
}

export function TabSwitch<K extends string>({ tabs, active, onChange }: Props<K>) {
  return (
    <View className='tab-switch' role='tablist'>
      {tabs.map((t) => (
        <View
          key={t.key}
          role='tab'
          aria-selected={t.key === active}
          className={`tab-switch__tab${t.key === active ? ' tab-switch__tab--active' : ''}`}
          onClick={() => onChange(t.key)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
