import type { ServiceSummary } from '../../api/types';
import { Box, Line } from '../box';
import { useProgressive } from '../../hooks/use-progressive';
import { CHANNEL_LABELS, channelList, daysText, tripsText } from '../../utils/format';
import './index.scss';

interface Props {
  items: ServiceSummary[];
  onOpen: (code: string) => void;
}

export function ServiceList({ items, onOpen }: Props) {
  const shown = useProgressive(items);
  return (
    <Box className='service-list'>
      {shown.map((s) => (
        <Box key={s.code} className='service-list__item' role='link' onClick={() => onOpen(s.code)}>
          <Line className='service-list__name'>{s.name}</Line>
          <Line className='service-list__dept'>{`${s.categoryName} · ${s.department}`}</Line>
          <Box className='service-list__tags'>
            <Line className='service-list__tag service-list__tag--trips'>{tripsText(s.trips)}</Line>
            <Line className='service-list__tag'>{daysText(s.promisedDays)}</Line>
            {channelList(s.channels).map((c) => (
              <Line key={c} className='service-list__tag'>
                {CHANNEL_LABELS[c]}
              </Line>
            ))}
            {s.delegated && <Line className='service-list__tag service-list__tag--village'>村里能办</Line>}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
