import { Button, Input, Textarea } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { getMediation, mediationMessage, mediationOutcome, takeMediation, type Mediation } from '../../api/weijia';
import { withPage } from '../../components/page';
import { errorText, toast } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import '../../styles/form.scss';
import '../weijia.scss';

function MediationPage() {
  const id = useRouter().params.id ?? '';
  const [m, setM] = useState<Mediation>();
  const [reply, setReply] = useState('');
  const [result, setResult] = useState<'success' | 'not_resolved'>('success');
  const [text, setText] = useState('');
  useDidShow(() => void getMediation(id).then(setM, (e: unknown) => toast(errorText(e))));

  const act = async (p: Promise<Mediation>, done: string) => {
    try {
      setM(await p);
      toast(done);
    } catch (e) {
      toast(errorText(e));
    }
  };

  if (!m) return <Line className='form__intro'>正在加载…</Line>;
  const can = (a: string) => m.actions.includes(a);
  return (
    <Box className='form'>
      <Box className='wj-card wj-card--head'>
        <Line className='wj-card__title'>{`${m.kindLabel} · ${m.statusLabel}`}</Line>
        <Line className='wj-card__line'>{`求助人：${m.resident?.name ?? ''}`}</Line>
        {m.otherParty && <Line className='wj-card__line'>{`对方：${m.otherParty}`}</Line>}
        {m.mediator && <Line className='wj-card__line'>{`和事佬：${m.mediator.name ?? ''}`}</Line>}
        <Line className='wj-card__text'>{m.description}</Line>
        {m.agreement && <Line className='note-ok'>{`调解成功，协议：${m.agreement}`}</Line>}
        {m.referral && <Line className='note-warn'>{`没有调解成，可以去：${m.referral}`}</Line>}
      </Box>
      {can('take') && (
        <Button className='form__submit' onClick={() => void act(takeMediation(id), '已接手')}>
          我来调解
        </Button>
      )}
      <Box className='wj-card'>
        <Line className='wj-card__title'>留言</Line>
        {(m.messages ?? []).map((msg) => (
          <Box key={msg.id} className='wj-item'>
            <Line className='wj-item__line'>{`${msg.author?.name ?? ''} · ${timeText(msg.createdAt)}`}</Line>
            <Line className='wj-item__title'>{msg.body}</Line>
          </Box>
        ))}
        {can('message') && (
          <Box>
            <Input className='form__input' value={reply} maxlength={500} placeholder='写留言' aria-label='调解留言' onInput={(e) => setReply(e.detail.value)} />
            <Button className='wj-btn' disabled={!reply.trim() || undefined} onClick={() => void act(mediationMessage(id, reply.trim()), '已发送').then(() => setReply(''))}>
              发送
            </Button>
          </Box>
        )}
      </Box>
      {can('record_outcome') && (
        <Box className='wj-card'>
          <Line className='wj-card__title'>调解结果</Line>
          <Box className='wj-row'>
            {(['success', 'not_resolved'] as const).map((r) => (
              <Box key={r} role='radio' aria-checked={result === r} className={`pick${result === r ? ' pick--on' : ''}`} onClick={() => setResult(r)}>
                <Line>{r === 'success' ? '调解成功' : '没有调成'}</Line>
              </Box>
            ))}
          </Box>
          <Textarea
            className='wj-textarea'
            value={text}
            maxlength={2000}
            placeholder={result === 'success' ? '双方同意的协议内容' : '建议去哪里，如 乡镇人民调解委员会'}
            aria-label='调解结果说明'
            onInput={(e) => setText(e.detail.value)}
          />
          <Button
            className='form__submit'
            disabled={!text.trim() || undefined}
            onClick={() => void act(mediationOutcome(id, result === 'success' ? { result, agreement: text.trim() } : { result, referral: text.trim() }), '已记录结果')}
          >
            记录结果
          </Button>
        </Box>
      )}
    </Box>
  );
}

export default withPage(MediationPage);
