import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
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
    <Box className='form'>
      <Line className='form__intro'>村干部和管理员：请输入管理员给您的8位绑定码。绑定码24小时内有效，只能用一次。</Line>
      <Box className='form__group'>
        <Box className='form__field'>
          <Line className='form__label'>绑定码</Line>
          <Input className='form__input' value={code} maxlength={9} placeholder='如 ABCD-2345' aria-label='绑定码' onInput={(e) => setCode(e.detail.value)} />
        </Box>
      </Box>
      {error && <Line className='form__error'>{error}</Line>}
      {done && <Line className='form__ok'>{`绑定成功，您现在是${done.scope?.name ?? ''}的${ROLE_LABELS[done.role]}`}</Line>}
      <Button className='form__submit' disabled={busy || code.length < 8 || undefined} onClick={() => void submit()}>
        确认绑定
      </Button>
    </Box>
  );
}

export default withPage(BindingPage);
