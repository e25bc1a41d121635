import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { demoIdentities, loginAsDemo, loginWithWechat, ROLE_LABELS, type DemoIdentity } from '../../api/account';
import { errorText } from '../../utils/feedback';
import '../../styles/form.scss';
import './index.scss';
import { withPage } from '../../components/page';

function done() {
  void Taro.switchTab({ url: '/pages/me/index' });
}

function LoginPage() {
  const [identities, setIdentities] = useState<DemoIdentity[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    demoIdentities().then(setIdentities, () => setIdentities([]));
  }, []);

  const run = async (login: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await login();
      done();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box className='form login'>
      {process.env.TARO_ENV === 'weapp' && (
        <Button className='form__submit' disabled={busy || undefined} onClick={() => void run(loginWithWechat)}>
          微信一键登录
        </Button>
      )}
      {identities.length > 0 && (
        <Box>
          <Line className='login__title'>选择演示身份</Line>
          <Line className='form__intro'>这是演示环境，选一个身份体验。真实使用时用微信登录。</Line>
          {identities.map((i) => (
            <Box key={i.key} className='login__identity' role='button' onClick={() => !busy && void run(() => loginAsDemo(i))}>
              <Line className='login__name'>{`${i.name}（${ROLE_LABELS[i.role]}）`}</Line>
              <Line className='login__hint'>{i.label}</Line>
            </Box>
          ))}
        </Box>
      )}
      {process.env.TARO_ENV !== 'weapp' && identities.length === 0 && (
        <Line className='form__intro'>网页版请在微信里打开小程序登录。</Line>
      )}
      {error && <Line className='form__error'>{error}</Line>}
    </Box>
  );
}

export default withPage(LoginPage);
