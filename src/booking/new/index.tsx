import { Button, Textarea } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { fetchService } from '../../api/catalogue';
import { createCase, listSlots, sendMessage, uploadPhoto, type Channel, type Slot } from '../../api/cases';
import { Checklist } from '../../components/checklist';
import { SendStateLine } from '../../components/send-state';
import { useMe } from '../../hooks/use-me';
import { useRemote } from '../../hooks/use-remote';
import { useSubmission } from '../../hooks/use-submission';
import { CHANNEL_LABELS, dateRange, materialMeta } from '../../utils/format';
import { SlotPicker } from '../../components/slot-picker';
import '../../styles/form.scss';
import './index.scss';
import { withPage } from '../../components/page';

const HOME_VISIT_REASONS = ['年纪大，行动不便', '残疾', '生病卧床', '其他原因'];
// Subscribe-message templates asked for at submit time (weapp): status changes of the case.
const TEMPLATE_IDS = [MULIN_TEMPLATE_CASE_STATUS];

function BookingPage() {
  const params = useRouter().params;
  const code = params.code ?? '';
  const channel = (params.channel ?? 'proxy') as Channel;
  const { me, loading } = useMe();
  const { data: item } = useRemote(code, () => fetchService(code));
  const [handover, setHandover] = useState<'slot' | 'home_visit'>('slot');
  const [reason, setReason] = useState('');
  const [slots, setSlots] = useState<Slot[]>([]);
  const [slot, setSlot] = useState<Slot>();
  const [have, setHave] = useState<Set<string>>(new Set());
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [formError, setFormError] = useState<string>();
  const needsSlot = channel === 'appointment' || (channel === 'proxy' && handover === 'slot');

  useEffect(() => {
    if (!me?.village || !needsSlot) return;
    const { from, to } = dateRange(14);
    listSlots(me.village.code, from, to).then(setSlots, () => setSlots([]));
  }, [me?.village?.code, needsSlot]);

  const send = useSubmission(async (key) => {
    const created = await createCase(
      {
        serviceCode: code,
        channel,
        handover: channel === 'proxy' ? handover : undefined,
        slot: needsSlot && slot ? { date: slot.date, half: slot.half } : undefined,
        homeVisitReason: channel === 'proxy' && handover === 'home_visit' ? reason : undefined,
        description: description.trim() || undefined,
        materialsHave: [...have],
      },
      key,
    );
    if (photos.length) {
      const ids = [];
      for (const p of photos) ids.push(await uploadPhoto(p));
      await sendMessage(created.id, '材料照片', ids);
    }
    return created;
  });

  const submit = async () => {
    setFormError(undefined);
    if (needsSlot && !slot) return setFormError('请选一个时间');
    if (channel === 'proxy' && handover === 'home_visit' && !reason) return setFormError('请选上门的原因');
    if (channel === 'online' && !description.trim()) return setFormError('请写一写您要办什么');
    if (process.env.TARO_ENV === 'weapp') {
      // One tap asks for the status messages; refusing does not stop the submission.
      await Taro.requestSubscribeMessage({ tmplIds: TEMPLATE_IDS, entityIds: [] } as never).catch(() => undefined);
    }
    const created = await send.submit();
    if (created) void Taro.redirectTo({ url: `/cases/detail/index?id=${created.id}` });
  };

  if (loading || !item) return <Line className='form__intro'>正在加载…</Line>;
  if (!me) {
    return (
      <Box className='form'>
        <Line className='form__intro'>预约办事要先登录，村干部才知道是谁、怎么联系您。</Line>
        <Button className='form__submit' onClick={() => void Taro.navigateTo({ url: '/account/login/index' })}>
          去登录
        </Button>
      </Box>
    );
  }
  if (!me.profileComplete || !me.privacy.current) {
    return (
      <Box className='form'>
        <Line className='form__intro'>请先填好姓名、手机号、所在村，并同意隐私保护指引。</Line>
        <Button className='form__submit' onClick={() => void Taro.navigateTo({ url: '/account/profile/index' })}>
          去完善资料
        </Button>
      </Box>
    );
  }

  const missing = item.materials.filter((m) => m.required && !have.has(m.name)).map((m) => m.name);
  return (
    <Box className='form booking'>
      <Line className='booking__title'>{`${CHANNEL_LABELS[channel]}：${item.name}`}</Line>
      <Line className='form__intro'>
        {channel === 'proxy'
          ? '村干部帮您跑腿办理。您把材料交给村干部，或请村干部上门来取。'
          : channel === 'appointment'
            ? `约一个时间，到${me.village?.name ?? '村'}睦邻客厅当面办。`
            : '在手机上说明要办的事，拍照传材料，村干部在这里回复您。'}
      </Line>

      {channel === 'proxy' && (
        <Box className='form__group'>
          <Line className='form__label'>材料怎么交</Line>
          <Box className='booking__choices'>
            {(['slot', 'home_visit'] as const).map((h) => (
              <Box key={h} role='radio' aria-checked={handover === h} className={`booking__choice${handover === h ? ' booking__choice--on' : ''}`} onClick={() => setHandover(h)}>
                <Line>{h === 'slot' ? '我到睦邻客厅交' : '请村干部上门'}</Line>
              </Box>
            ))}
          </Box>
          {handover === 'home_visit' && (
            <Box className='booking__choices'>
              {HOME_VISIT_REASONS.map((r) => (
                <Box key={r} role='radio' aria-checked={reason === r} className={`booking__choice${reason === r ? ' booking__choice--on' : ''}`} onClick={() => setReason(r)}>
                  <Line>{r}</Line>
                </Box>
              ))}
            </Box>
          )}
        </Box>
      )}

      {needsSlot && <SlotPicker slots={slots} value={slot} onChange={setSlot} />}

      {channel === 'online' && (
        <Box className='form__group'>
          <Line className='form__label'>要办什么（村干部会在这里回复您）</Line>
          <Textarea className='booking__textarea' value={description} maxlength={500} placeholder='比如：帮我父亲申请，他今年81岁' onInput={(e) => setDescription(e.detail.value)} />
          <Button
            className='form__secondary'
            onClick={() =>
              void Taro.chooseImage({ count: 9 - photos.length, sizeType: ['compressed'] }).then((r) => setPhotos([...photos, ...r.tempFilePaths].slice(0, 9)), () => undefined)
            }
          >
            {photos.length ? `已选 ${photos.length} 张照片，再添加` : '拍照或选照片（证件、材料）'}
          </Button>
        </Box>
      )}

      <Line className='form__label'>材料清单：您已经有的打个勾</Line>
      <Checklist
        items={item.materials.map((m) => ({ key: m.name, title: m.name, meta: materialMeta(m), note: m.note }))}
        checked={have}
        onToggle={(name) => setHave((prev) => (prev.has(name) ? new Set([...prev].filter((n) => n !== name)) : new Set([...prev, name])))}
      />
      {missing.length > 0 && (
        <Line className='booking__missing'>{`还缺：${missing.join('、')}。可以先提交，村干部会告诉您怎么补。`}</Line>
      )}

      {formError && <Line className='form__error'>{formError}</Line>}
      <SendStateLine state={send.state} error={send.error} />
      <Button className='form__submit' disabled={send.state === 'sending' || undefined} onClick={() => void submit()}>
        提交
      </Button>
    </Box>
  );
}

export default withPage(BookingPage);
