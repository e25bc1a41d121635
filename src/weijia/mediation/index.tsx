import { Button, Input, Text, Textarea, View } from '@tarojs/components';
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

  if (!m) return <Text className='form__intro'>正在加载…</Text>;
  const can = (a: string) => m.actions.includes(a);
  return (
    <View className='form'>
      <View className='wj-card wj-card--head'>
        <Text className='wj-card__title'>{`${m.kindLabel} · ${m.statusLabel}`}</Text>
        <Text className='wj-card__line'>{`求助人：${m.resident?.name ?? ''}`}</Text>
        {m.otherParty && <Text className='wj-card__line'>{`对方：${m.otherParty}`}</Text>}
        {m.mediator && <Text className='wj-card__line'>{`和事佬：${m.mediator.name ?? ''}`}</Text>}
        <Text className='wj-card__text'>{m.description}</Text>
        {m.agreement && <Text className='note-ok'>{`调解成功，协议：${m.agreement}`}</Text>}
        {m.referral && <Text className='note-warn'>{`没有调解成，可以去：${m.referral}`}</Text>}
      </View>
      {can('take') && (
        <Button className='form__submit' onClick={() => void act(takeMediation(id), '已接手')}>
          我来调解
        </Button>
      )}
      <View className='wj-card'>
        <Text className='wj-card__title'>留言</Text>
        {(m.messages ?? []).map((msg) => (
          <View key={msg.id} className='wj-item'>
            <Text className='wj-item__line'>{`${msg.author?.name ?? ''} · ${timeText(msg.createdAt)}`}</Text>
            <Text className='wj-item__title'>{msg.body}</Text>
          </View>
        ))}
        {can('message') && (
          <View>
            <Input className='form__input' value={reply} maxlength={500} placeholder='写留言' aria-label='调解留言' onInput={(e) => setReply(e.detail.value)} />
            <Button className='wj-btn' disabled={!reply.trim() || undefined} onClick={() => void act(mediationMessage(id, reply.trim()), '已发送').then(() => setReply(''))}>
              发送
            </Button>
          </View>
        )}
      </View>
      {can('record_outcome') && (
        <View className='wj-card'>
          <Text className='wj-card__title'>调解结果</Text>
          <View className='wj-row'>
            {(['success', 'not_resolved'] as const).map((r) => (
              <View key={r} role='radio' aria-checked={result === r} className={`pick${result === r ? ' pick--on' : ''}`} onClick={() => setResult(r)}>
                <Text>{r === 'success' ? '调解成功' : '没有调成'}</Text>
              </View>
            ))}
          </View>
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
        </View>
      )}
    </View>
  );
}

export default withPage(MediationPage);
