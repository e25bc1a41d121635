import { Button, Input, Text, Textarea, View } from '@tarojs/components';
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
      <View className='form'>
        <Text className='form__intro'>请先登录，和事佬才知道怎么联系您。</Text>
        <Button className='form__submit' onClick={() => void Taro.navigateTo({ url: '/account/login/index' })}>
          去登录
        </Button>
      </View>
    );
  }
  if (!me.village || !me.privacy.current) {
    return (
      <View className='form'>
        <Text className='form__intro'>请先填好姓名、所在村，并同意隐私保护指引，和事佬才找得到您。</Text>
        <Button className='form__submit' onClick={() => void Taro.navigateTo({ url: '/account/profile/index' })}>
          去完善资料
        </Button>
      </View>
    );
  }
  return (
    <View className='form'>
      <Text className='form__intro'>说说是什么事。只有本村的和事佬和村干部能看到，不会公开，也不会告诉别人是谁求助的。</Text>
      <View className='form__group'>
        <Text className='form__label'>什么事</Text>
        <View className='wj-row'>
          {MEDIATION_KINDS.map((k) => (
            <View key={k.code} role='radio' aria-checked={kind === k.code} className={`pick${kind === k.code ? ' pick--on' : ''}`} onClick={() => setKind(k.code)}>
              <Text>{k.label}</Text>
            </View>
          ))}
        </View>
        <Text className='form__label'>对方是谁（可以不填）</Text>
        <Input className='form__input' value={otherParty} maxlength={50} placeholder='比如：隔壁刘家' aria-label='对方是谁' onInput={(e) => setOtherParty(e.detail.value)} />
        <Text className='form__label'>经过</Text>
        <Textarea className='wj-textarea' value={description} maxlength={1000} placeholder='比如：隔壁修房子，把水沟堵了' aria-label='经过' onInput={(e) => setDescription(e.detail.value)} />
      </View>
      <SendStateLine state={send.state} error={send.error} />
      <Button className='form__submit' disabled={!description.trim() || send.state === 'sending' || undefined} onClick={() => void submit()}>
        请和事佬帮忙
      </Button>
    </View>
  );
}

export default withPage(AskMediationPage);
