import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { authed } from '../../api/session';
import { TabSwitch } from '../../components/tab-switch';
import { errorText, toast } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import '../../styles/form.scss';
import './index.scss';
import { withPage } from '../../components/page';

interface Rectification {
  id: string;
  caseId: string;
  caseNumber: string;
  service: { code: string; name: string };
  village: { code: string; name: string };
  levelLabel: string;
  comment: string | null;
  deadlineAt: string;
  overdue: boolean;
  status: 'open' | 'closed';
  callbackNote: string | null;
  callbackAt: string | null;
  closingNote: string | null;
}

// 差评整改: every bad rating gets a call-back (回访) and a closing note within 15 working days.
function RectificationsPage() {
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const [items, setItems] = useState<Rectification[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});

  const load = (s = status) =>
    authed<{ items: Rectification[] }>(`/api/v1/rectifications?status=${s}`).then((r) => setItems(r.items), (e: unknown) => toast(errorText(e)));
  useDidShow(() => void load());

  const act = async (r: Rectification, step: 'callback' | 'close') => {
    try {
      await authed(`/api/v1/rectifications/${r.id}/${step}`, { method: 'POST', data: { note: (notes[r.id] ?? '').trim() } });
      setNotes({ ...notes, [r.id]: '' });
      toast(step === 'callback' ? '回访已记录' : '整改已办结');
      await load();
    } catch (e) {
      toast(errorText(e));
    }
  };

  return (
    <Box className='form'>
      <TabSwitch
        tabs={[
          { key: 'open', label: '待整改' },
          { key: 'closed', label: '已办结' },
        ]}
        active={status}
        onChange={(s) => (setStatus(s), void load(s))}
      />
      {items.length === 0 && <Line className='form__intro'>{status === 'open' ? '没有待整改的差评' : '还没有办结的整改'}</Line>}
      {items.map((r) => (
        <Box key={r.id} className='rect'>
          <Line className='rect__title'>{`${r.service.name} · ${r.levelLabel}`}</Line>
          <Line className='rect__meta'>{`${r.village.name} · 办件 ${r.caseNumber}`}</Line>
          {r.comment && <Line className='rect__meta'>{`群众说：${r.comment}`}</Line>}
          <Line className={`rect__meta${r.overdue ? ' rect__late' : ''}`}>{`${r.overdue ? '已超期，' : ''}${timeText(r.deadlineAt)} 前整改`}</Line>
          {r.callbackAt && <Line className='rect__meta'>{`回访：${r.callbackNote ?? ''}（${timeText(r.callbackAt)}）`}</Line>}
          {r.closingNote && <Line className='rect__meta'>{`整改结果：${r.closingNote}`}</Line>}
          {r.status === 'open' && (
            <Box>
              <Input className='form__input' value={notes[r.id] ?? ''} placeholder={r.callbackAt ? '整改结果' : '回访记录：打电话问了什么'} onInput={(e) => setNotes({ ...notes, [r.id]: e.detail.value })} />
              <Button className='form__submit' disabled={!(notes[r.id] ?? '').trim() || undefined} onClick={() => void act(r, r.callbackAt ? 'close' : 'callback')}>
                {r.callbackAt ? '整改办结' : '记录回访'}
              </Button>
            </Box>
          )}
        </Box>
      ))}
    </Box>
  );
}

export default withPage(RectificationsPage);
