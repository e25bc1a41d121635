import { Button, Input, Textarea } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { askMediation, MEDIATION_KINDS } from '../../api/weijia';
import { withPage } from '../../components/page';
import { SendStateLine } from '../../components/send-state';
import { useMe } from '../../hooks/use-me';
import { useSubmission } from '../../hooks/use-submission';
import '../../styles/form.scss';
import '../weijia.scss';

// 请和事佬帮忙: private to the village's mediators and cadres.
function AskMediationPage() {
  const { me } = useMe();
  const [kind, setKind] = useState('neighbours');
  const [otherParty, setOtherParty] = useState('');
  const [description, setDescription] = useState('');
  const send = useSubmission((key) => askMediation({ kind, otherParty: otherParty.trim() || undefined, description: description.trim() }, key));

  const submit = async () => {
    const created = await send.submit();
    if (created) void Taro.redirectTo({ url: `/weijia/mediation/index?id=${created.id}` });
  };

  if (!me) {
    return (
      <Box className='form'>
        <Line className='form__intro'>请先登录，和事佬才知道怎么联系您。</Line>
        <Button className='form__submit' onClick={() => void Taro.navigateTo({ url: '/account/login/index' })}>
          去登录
        </Button>
      </Box>
    );
  }
  if (!me.village || !me.privacy.current) {
    return (
      <Box className='form'>
        <Line className='form__intro'>请先填好姓名、所在村，并同意隐私保护指引，和事佬才找得到您。</Line>
        <Button className='form__submit' onClick={() => void Taro.navigateTo({ url: '/account/profile/index' })}>
          去完善资料
        </Button>
      </Box>
    );
  }
  return (
    <Box className='form'>
      <Line className='form__intro'>说说是什么事。只有本村的和事佬和村干部能看到，不会公开，也不会告诉别人是谁求助的。</Line>
      <Box className='form__group'>
        <Line className='form__label'>什么事</Line>
        <Box className='wj-row'>
          {MEDIATION_KINDS.map((k) => (
            <Box key={k.code} role='radio' aria-checked={kind === k.code} className={`pick${kind === k.code ? ' pick--on' : ''}`} onClick={() => setKind(k.code)}>
              <Line>{k.label}</Line>
            </Box>
          ))}
        </Box>
        <Line className='form__label'>对方是谁（可以不填）</Line>
        <Input className='form__input' value={otherParty} maxlength={50} placeholder='比如：隔壁刘家' aria-label='对方是谁' onInput={(e) => setOtherParty(e.detail.value)} />
        <Line className='form__label'>经过</Line>
        <Textarea className='wj-textarea' value={description} maxlength={1000} placeholder='比如：隔壁修房子，把水沟堵了' aria-label='经过' onInput={(e) => setDescription(e.detail.value)} />
      </Box>
      <SendStateLine state={send.state} error={send.error} />
      <Button className='form__submit' disabled={!description.trim() || send.state === 'sending' || undefined} onClick={() => void submit()}>
        请和事佬帮忙
      </Button>
    </Box>
  );
}

export default withPage(AskMediationPage);
