import { Box, Line } from '../../components/box';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { myNotices, readAllNotices, type Notice } from '../../api/cases';
import { withPage } from '../../components/page';
import { errorText } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import '../../styles/form.scss';
import './index.scss';

// 消息: every change to my cases, newest first; opening the page marks them read.
function NoticesPage() {
  const [items, setItems] = useState<Notice[]>([]);
  const [error, setError] = useState<string>();
  useDidShow(() => {
    myNotices().then(
      (r) => {
        setItems(r.items);
        if (r.unread) void readAllNotices().catch(() => undefined);
      },
      (e: unknown) => setError(errorText(e)),
    );
  });
  return (
    <Box className='form'>
      {error && <Line className='form__error'>{error}</Line>}
      {items.length === 0 && !error && <Line className='form__intro'>还没有消息</Line>}
      {items.map((n) => (
        <Box
          key={n.id}
          className={`notice${n.read ? '' : ' notice--unread'}`}
          role='link'
          onClick={() => n.caseId && void Taro.navigateTo({ url: `/cases/detail/index?id=${n.caseId}` })}
        >
          <Line className='notice__title'>{n.title}</Line>
          <Line className='notice__body'>{n.body}</Line>
          <Line className='notice__time'>{timeText(n.createdAt)}</Line>
        </Box>
      ))}
    </Box>
  );
}

export default withPage(NoticesPage);
