import { Box, Line } from '../box';
import './index.scss';

interface Props<K extends string> {
  tabs: { key: K; label: string }[];
  active: K;
  onChange: (key: K) => void;
}

export function TabSwitch<K extends string>({ tabs, active, onChange }: Props<K>) {
  return (
    <Box className='tab-switch' role='tablist'>
      {tabs.map((t) => (
        <Box
          key={t.key}
          role='tab'
          aria-selected={t.key === active}
          className={`tab-switch__tab${t.key === active ? ' tab-switch__tab--active' : ''}`}
          onClick={() => onChange(t.key)}
        >
          <Line>{t.label}</Line>
        </Box>
      ))}
    </Box>
  );
}
