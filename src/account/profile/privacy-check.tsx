import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro from '@tarojs/taro';

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

interface Props {
  agreed: boolean;
  onChange: (agreed: boolean) => void;
}

// H5: a checkbox. weapp: WeChat's own agreement button, so its privacy APIs (phone number) open
// up in the same tap (requires __usePrivacyCheck__ in app.json).
export function PrivacyCheck({ agreed, onChange }: Props) {
  const open = () => void Taro.navigateTo({ url: '/account/privacy/index' });
  if (process.env.TARO_ENV === 'weapp' && !agreed) {
    return (
      <Box className='form__group'>
        <Line className='form__check'>
          请先阅读
          <Line className='form__link' onClick={open}>
            《隐私保护指引》
          </Line>
        </Line>
        <Button className='form__secondary' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => onChange(true)}>
          同意并继续
        </Button>
      </Box>
    );
  }
  return (
    <Box className='form__check' role='checkbox' aria-checked={agreed} onClick={() => onChange(!agreed)}>
      <Line className='form__box'>{agreed ? '✓' : ''}</Line>
      <Line>
        我已阅读并同意
        <Line
          className='form__link'
          onClick={(e) => {
            e.stopPropagation();
            open();
          }}
        >
          《隐私保护指引》
        </Line>
      </Line>
    </Box>
  );
}
