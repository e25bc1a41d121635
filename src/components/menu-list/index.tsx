import { Box, Line } from '../box';
import './index.scss';

export interface MenuEntry {
  label: string;
  hint?: string;
  danger?: boolean;
  onTap: () => void;
}

export function MenuList({ entries }: { entries: MenuEntry[] }) {
  return (
    <Box className='menu-list'>
      {entries.map((e) => (
        <Box key={e.label} className='menu-list__item' role='button' onClick={e.onTap}>
          <Line className={`menu-list__label${e.danger ? ' menu-list__label--danger' : ''}`}>{e.label}</Line>
          {e.hint && <Line className='menu-list__hint'>{e.hint}</Line>}
          <Line className='menu-list__arrow' aria-hidden>
            ›
          </Line>
        </Box>
      ))}
    </Box>
  );
}
