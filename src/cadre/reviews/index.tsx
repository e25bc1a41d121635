import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { decide, heldItems, type HeldItem } from '../../api/weijia';
import { withPage } from '../../components/page';
import { errorText, toast } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import '../../styles/form.scss';
import '../../weijia/weijia.scss';

// Texts WeChat's content check could not clear on its own, held until a cadre decides: 通过 shows
// them to everyone, 不通过 tells the author to change them.
function ReviewsPage() {
  const [items, setItems] = useState<HeldItem[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const load = () => heldItems().then((r) => (setItems(r.items), setError(undefined)), (e: unknown) => setError(errorText(e)));
  useDidShow(() => void load());

  const act = async (item: HeldItem, approve: boolean) => {
    setBusy(item.key);
    try {
      await decide(item, approve);
      toast(approve ? '已通过' : '已不通过');
      await load();
    } catch (e) {
      toast(errorText(e));
      await load();
    } finally {
      setBusy(undefined);
    }
  };

  if (!items) return <Line className='form__intro'>{error ?? '正在加载…'}</Line>;
  return (
    <Box className='form'>
      <Line className='form__intro'>这些内容系统拿不准，先替作者保留着，看过后点通过或不通过。</Line>
      {items.length === 0 && <Line className='form__intro'>没有待审核的内容</Line>}
      {items.map((i) => (
        <Box key={i.key} className='wj-card'>
          <Line className='wj-card__line'>{`${i.kindLabel} · ${i.context}`}</Line>
          <Line className='wj-item__title'>{i.text}</Line>
          <Line className='wj-card__line'>{`${i.author ?? '（未填姓名）'} · ${timeText(i.heldAt)}`}</Line>
          {i.actions.length === 0 ? (
            <Line className='wj-card__line'>这是您写的，请其他村干部审核</Line>
          ) : (
            <Box className='wj-row'>
              <Button className='wj-btn' disabled={busy === i.key || undefined} onClick={() => void act(i, true)}>
                通过
              </Button>
              <Button className='wj-btn wj-btn--plain' disabled={busy === i.key || undefined} onClick={() => void act(i, false)}>
                不通过
              </Button>
            </Box>
          )}
        </Box>
      ))}
    </Box>
  );
}

export default withPage(ReviewsPage);
