import { Box, Line } from '../box';
import { HALF_LABELS, type Slot } from '../../api/cases';
import { dayText } from '../../utils/format';
import './index.scss';

interface Props {
  slots: Slot[];
  value?: Slot;
  onChange: (slot: Slot) => void;
}

// Half-days of the next two weeks that someone is on duty, with the places left.
export function SlotPicker({ slots, value, onChange }: Props) {
  const bookable = slots.filter((s) => s.bookable);
  return (
    <Box className='form__group'>
      <Line className='form__label'>选个时间（村干部在睦邻客厅值班）</Line>
      {bookable.length === 0 && <Line className='form__intro'>最近两周没有可约的时间，请直接打值班电话。</Line>}
      <Box className='slot-picker'>
        {bookable.map((s) => {
          const on = value?.date === s.date && value.half === s.half;
          return (
            <Box key={`${s.date}-${s.half}`} role='radio' aria-checked={on} className={`slot-picker__slot${on ? ' slot-picker__slot--on' : ''}`} onClick={() => onChange(s)}>
              <Line>{`${dayText(s.date)} ${HALF_LABELS[s.half]}（剩${s.available}个）`}</Line>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
