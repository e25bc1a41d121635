import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useEffect, useState } from 'react';
import { issueBinding, listRegions, type Region } from '../../api/account';
import { RegionChips } from '../../components/region-chips';
import { useMe } from '../../hooks/use-me';
import { errorText } from '../../utils/feedback';
import '../../styles/form.scss';
import './index.scss';
import { withPage } from '../../components/page';

type Grant = 'cadre' | 'township_admin';

function IssueBindingPage() {
  const { me } = useMe();
  const [role, setRole] = useState<Grant>('cadre');
  const [townships, setTownships] = useState<Region[]>([]);
  const [villages, setVillages] = useState<Region[]>([]);
  const [township, setTownship] = useState<string>();
  const [village, setVillage] = useState<string>();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [issued, setIssued] = useState<{ code: string; expiresAt: string; scope: { name: string } }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!me?.scope) return;
    if (me.role === 'township_admin') {
      setTownships([{ code: me.scope.code, name: me.scope.name, level: 'township' }]);
      setTownship(me.scope.code);
    } else {
      listRegions(me.scope.code).then(setTownships, (e: unknown) => setError(errorText(e)));
    }
  }, [me?.scope?.code, me?.role]);

  useEffect(() => {
    if (township) listRegions(township).then(setVillages, (e: unknown) => setError(errorText(e)));
  }, [township]);

  const scopeCode = role === 'cadre' ? village : township;
  const submit = async () => {
    if (!scopeCode) return setError(role === 'cadre' ? '请选择村（社区）' : '请选择乡镇（街道）');
    setError(undefined);
    try {
      setIssued(await issueBinding({ role, scopeCode, name: name.trim() || undefined, phone: phone || undefined }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!me) return <Line className='form__intro'>请先登录</Line>;

  return (
    <Box className='form'>
      {me.role === 'county_admin' && (
        <Box className='form__group'>
          <RegionChips
            label='发给谁'
            regions={[
              { code: 'cadre', name: '村干部', level: 'village' },
              { code: 'township_admin', name: '乡镇管理员', level: 'township' },
            ]}
            value={role}
            onChange={(r) => setRole(r as Grant)}
          />
        </Box>
      )}
      <Box className='form__group'>
        <RegionChips label='乡镇（街道）' regions={townships} value={township} onChange={(c) => (setTownship(c), setVillage(undefined))} />
        {role === 'cadre' && township && <RegionChips label='村（社区）' regions={villages} value={village} onChange={setVillage} />}
      </Box>
      <Box className='form__group'>
        <Box className='form__field'>
          <Line className='form__label'>对方姓名（选填）</Line>
          <Input className='form__input' value={name} maxlength={20} aria-label='对方姓名' onInput={(e) => setName(e.detail.value)} />
        </Box>
        <Box className='form__field'>
          <Line className='form__label'>对方手机号（选填）</Line>
          <Input className='form__input' type='number' value={phone} maxlength={11} aria-label='对方手机号' onInput={(e) => setPhone(e.detail.value)} />
        </Box>
      </Box>
      {error && <Line className='form__error'>{error}</Line>}
      {issued && (
        <Box className='issued' role='status'>
          <Line className='issued__label'>{`${issued.scope.name}的绑定码`}</Line>
          <Line className='issued__code'>{issued.code}</Line>
          <Line className='issued__label'>请当面或电话告诉对方。24小时内有效，只能用一次。</Line>
        </Box>
      )}
      <Button className='form__submit' onClick={() => void submit()}>
        生成绑定码
      </Button>
    </Box>
  );
}

export default withPage(IssueBindingPage);
