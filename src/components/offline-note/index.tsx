import { Box, Line } from '../box';
import { savedAtText } from '../../utils/format';
import './index.scss';

export function OfflineNote({ since }: { since?: number }) {
  if (since === undefined) return null;
  return (
    <Box className='offline-note' role='status'>
      <Line>{savedAtText(since)}</Line>
    </Box>
  );
}
