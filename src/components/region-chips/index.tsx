import { Box, Line } from '../box';
import type { Region } from '../../api/account';
import './index.scss';

interface Props {
  label: string;
  regions: Region[];
  value?: string;
  onChange: (code: string) => void;
}

// Big tappable names instead of a scroll wheel: easier for old hands and for screen readers.
export function RegionChips({ label, regions, value, onChange }: Props) {
  return (
    <Box className='form__field'>
      <Line className='form__label'>{label}</Line>
      <Box className='region-chips'>
        {regions.map((r) => (
          <Box
            key={r.code}
            role='radio'
            aria-checked={r.code === value}
            className={`region-chips__chip${r.code === value ? ' region-chips__chip--on' : ''}`}
            onClick={() => onChange(r.code)}
          >
            <Line>{r.name}</Line>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
