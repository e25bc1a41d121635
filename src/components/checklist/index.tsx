import { Box, Line } from '../box';
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
    <Box className='checklist'>
      {items.map((item) => (
        <Box
          key={item.key}
          className={`checklist__item${checked.has(item.key) ? ' checklist__item--on' : ''}`}
          role='checkbox'
          aria-checked={checked.has(item.key)}
          onClick={() => onToggle(item.key)}
        >
          <Line className='checklist__box'>{checked.has(item.key) ? '✓' : ''}</Line>
          <Box className='checklist__text'>
            <Line className='checklist__title'>{item.title}</Line>
            {item.meta && <Line className='checklist__meta'>{item.meta}</Line>}
            {item.note && <Line className='checklist__meta'>{item.note}</Line>}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
