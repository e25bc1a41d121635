import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { agreePrivacy, listRegions, phoneFromWechat, updateMe, type Region } from '../../api/account';
import { useMe } from '../../hooks/use-me';
import { errorText, toast } from '../../utils/feedback';
import { PHONE_PATTERN, PrivacyCheck } from './privacy-check';
import { RegionChips } from '../../components/region-chips';
import '../../styles/form.scss';
import { withPage } from '../../components/page';

function ProfilePage() {
  const { me, setMe } = useMe();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [township, setTownship] = useState<string>();
  const [village, setVillage] = useState<string>();
  const [agreed, setAgreed] = useState(false);
  const [townships, setTownships] = useState<Region[]>([]);
  const [villages, setVillages] = useState<Region[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!me) return;
    setName(me.name ?? '');
    setPhone(me.phone ?? '');
    setTownship(me.village?.township?.code);
    setVillage(me.village?.code);
    setAgreed(me.privacy.current);
    // Only when the person first arrives: later reloads must not undo their typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me?.id]);

  useEffect(() => {
    listRegions()
      .then((counties) => (counties[0] ? listRegions(counties[0].code) : []))
      .then(setTownships, (e: unknown) => setError(errorText(e)));
  }, []);

  useEffect(() => {
    if (township) listRegions(township).then(setVillages, (e: unknown) => setError(errorText(e)));
  }, [township]);

  const ensurePrivacy = async () => {
    if (!me || me.privacy.current) return;
    setMe(await agreePrivacy(me.privacy.currentVersion));
  };

  const save = async () => {
    setError(undefined);
    if (!name.trim()) return setError('请填写姓名');
    if (phone && !PHONE_PATTERN.test(phone)) return setError('手机号应为11位数字，请检查');
    if (phone && !agreed) return setError('填写手机号前，请先勾选同意《隐私保护指引》');
    setBusy(true);
    try {
      if (agreed) await ensurePrivacy();
      setMe(await updateMe({ name: name.trim(), villageCode: village, phone: phone || undefined }));
      toast('资料已保存');
      void Taro.navigateBack();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const onWechatPhone = async (code?: string) => {
    if (!code) return setError('没有拿到手机号，您可以手动填写');
    try {
      await ensurePrivacy();
      const updated = await phoneFromWechat(code);
      setMe(updated);
      setPhone(updated.phone ?? '');
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!me) return <Line className='form__intro'>请先登录</Line>;

  return (
    <Box className='form'>
      <Line className='form__intro'>村干部会用这些信息联系您办事。我们不收集身份证号。</Line>
      <Box className='form__group'>
        <Box className='form__field'>
          <Line className='form__label'>姓名</Line>
          <Input className='form__input' value={name} maxlength={20} placeholder='请填写您的姓名' aria-label='姓名' onInput={(e) => setName(e.detail.value)} />
        </Box>
        <Box className='form__field'>
          <Line className='form__label'>手机号</Line>
          <Input
            className='form__input'
            type='number'
            value={phone}
            maxlength={11}
            placeholder='11位手机号'
            aria-label='手机号'
            onInput={(e) => setPhone(e.detail.value)}
          />
          {process.env.TARO_ENV === 'weapp' && agreed && (
            <Button className='form__secondary' openType='getPhoneNumber' onGetPhoneNumber={(e) => void onWechatPhone(e.detail.code)}>
              用微信绑定的手机号
            </Button>
          )}
        </Box>
      </Box>
      <Box className='form__group'>
        <RegionChips label='所在乡镇（街道）' regions={townships} value={township} onChange={(code) => (setTownship(code), setVillage(undefined))} />
        {township && <RegionChips label='所在村（社区）' regions={villages} value={village} onChange={setVillage} />}
      </Box>
      <PrivacyCheck agreed={agreed} onChange={setAgreed} />
      {error && <Line className='form__error'>{error}</Line>}
      <Button className='form__submit' disabled={busy || undefined} onClick={() => void save()}>
        保存
      </Button>
    </Box>
  );
}

export default withPage(ProfilePage);
