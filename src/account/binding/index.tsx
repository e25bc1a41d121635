import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { redeemBinding, ROLE_LABELS, type Me } from '../../api/account';
import { errorText } from '../../utils/feedback';
import '../../styles/form.scss';
import { withPage } from '../../components/page';

function BindingPage() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<Me>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(undefined);
    setBusy(true);
    try {
      setDone(await redeemBinding(code));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='form'>
      <Text className='form__intro'>村干部和管理员：请输入管理员给您的8位绑定码。绑定码24小时内有效，只能用一次。</Text>
      <View className='form__group'>
        <View className='form__field'>
          <Text className='form__label'>绑定码</Text>
          <Input className='form__input' value={code} maxlength={9} placeholder='如 ABCD-2345' aria-label='绑定码' onInput={(e) => setCode(e.detail.value)} />
        </View>
      </View>
      {error && <Text className='form__error'>{error}</Text>}
      {done && <Text className='form__ok'>{`绑定成功，您现在是${done.scope?.name ?? ''}的${ROLE_LABELS[done.role]}`}</Text>}
      <Button className='form__submit' disabled={busy || code.length < 8 || undefined} onClick={() => void submit()}>
        确认绑定
      </Button>
    </View>
  );
}

export default withPage(BindingPage);
