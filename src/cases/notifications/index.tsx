import { Text, View } from '@tarojs/components';
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
    <View className='form'>
      {error && <Text className='form__error'>{error}</Text>}
      {items.length === 0 && !error && <Text className='form__intro'>还没有消息</Text>}
      {items.map((n) => (
        <View
          key={n.id}
          className={`notice${n.read ? '' : ' notice--unread'}`}
          role='link'
          onClick={() => n.caseId && void Taro.navigateTo({ url: `/cases/detail/index?id=${n.caseId}` })}
        >
          <Text className='notice__title'>{n.title}</Text>
          <Text className='notice__body'>{n.body}</Text>
          <Text className='notice__time'>{timeText(n.createdAt)}</Text>
        </View>
      ))}
    </View>
  );
}

export default withPage(NoticesPage);
