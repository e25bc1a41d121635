import { Box, Line } from '../box';
import type { SendState } from '../../hooks/use-submission';
import './index.scss';

const TEXT: Record<Exclude<SendState, 'idle'>, string> = {
  sending: '发送中…',
  delivered: '已送达',
  failed: '发送失败，可以再点一次重试，不会重复提交',
};

export function SendStateLine({ state, error }: { state: SendState; error?: string }) {
  if (state === 'idle') return null;
  return (
    <Box className={`send-state send-state--${state}`} role='status'>
      <Line>{state === 'failed' && error ? `${error}。可以再点一次重试，不会重复提交` : TEXT[state]}</Line>
    </Box>
  );
}
