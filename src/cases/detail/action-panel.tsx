import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ACTION_LABELS, listSlots, transition, villageCadres, type CaseAction, type CaseDetail, type Slot } from '../../api/cases';
import { SlotPicker } from '../../components/slot-picker';
import { errorText, toast } from '../../utils/feedback';
import { dateRange } from '../../utils/format';

// What each action needs typed in before it can be sent.
const NEEDS: Partial<Record<CaseAction, { field: string; label: string; placeholder: string }[]>> = {
  ask_resident: [{ field: 'note', label: '请群众补充什么', placeholder: '比如：户口本首页复印件' }],
  complete: [{ field: 'resultNote', label: '办理结果', placeholder: '比如：已批准，下月起发放' }],
  reject: [
    { field: 'reason', label: '不予受理的原因', placeholder: '说清楚为什么' },
    { field: 'referral', label: '可以去哪里办', placeholder: '比如：乡镇便民服务中心' },
  ],
};
const INLINE: CaseAction[] = ['ask_resident', 'complete', 'reject', 'transfer', 'reschedule'];

interface Props {
  item: CaseDetail;
  onChanged: (c: CaseDetail) => void;
}

// The buttons the server says this person may press now, and the few words some of them need.
export function ActionPanel({ item, onChanged }: Props) {
  const [open, setOpen] = useState<CaseAction>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [slots, setSlots] = useState<Slot[]>([]);
  const [slot, setSlot] = useState<Slot>();
  const [cadres, setCadres] = useState<{ id: string; name: string | null }[]>([]);
  const [busy, setBusy] = useState(false);
  const actions = item.actions.filter((a) => a !== 'rate');

  useEffect(() => {
    if (open === 'reschedule') {
      const { from, to } = dateRange(14);
      listSlots(item.villageCode, from, to).then(setSlots, () => setSlots([]));
    }
    if (open === 'transfer') villageCadres(item.villageCode).then((list) => setCadres(list.filter((c) => c.id !== item.assignee?.id)), () => setCadres([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const run = async (action: CaseAction, body: Record<string, unknown> = {}) => {
    setBusy(true);
    try {
      onChanged(await transition(item.id, { action, ...body }));
      setOpen(undefined);
      setFields({});
      toast(`已${ACTION_LABELS[action]}`);
    } catch (e) {
      toast(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const press = async (action: CaseAction) => {
    if (INLINE.includes(action)) return setOpen(open === action ? undefined : action);
    if (action === 'cancel') {
      const { confirm } = await Taro.showModal({ title: '取消办件', content: '确定不办了吗？约好的时间会让给别人。', confirmText: '确定取消' });
      if (!confirm) return;
    }
    await run(action);
  };

  if (actions.length === 0) return null;
  const needs = open ? NEEDS[open] ?? [] : [];
  const ready =
    open === 'transfer' ? Boolean(fields.toCadreId) : open === 'reschedule' ? Boolean(slot) : needs.every((n) => (fields[n.field] ?? '').trim());
  return (
    <Box className='case__card'>
      <Box className='case__actions'>
        {actions.map((a) => (
          <Button key={a} className={`case__action${a === 'cancel' || a === 'reject' ? ' case__action--plain' : ''}`} disabled={busy || undefined} onClick={() => void press(a)}>
            {ACTION_LABELS[a]}
          </Button>
        ))}
      </Box>
      {open && (
        <Box className='case__form'>
          {needs.map((n) => (
            <Box key={n.field}>
              <Line className='form__label'>{n.label}</Line>
              <Input className='form__input' value={fields[n.field] ?? ''} placeholder={n.placeholder} maxlength={200} onInput={(e) => setFields({ ...fields, [n.field]: e.detail.value })} />
            </Box>
          ))}
          {open === 'transfer' &&
            (cadres.length ? (
              cadres.map((c) => (
                <Box key={c.id} role='radio' aria-checked={fields.toCadreId === c.id} className={`pick${fields.toCadreId === c.id ? ' pick--on' : ''}`} onClick={() => setFields({ toCadreId: c.id })}>
                  <Line>{c.name ?? '村干部'}</Line>
                </Box>
              ))
            ) : (
              <Line className='form__intro'>本村没有其他村干部</Line>
            ))}
          {open === 'reschedule' && <SlotPicker slots={slots} value={slot} onChange={setSlot} />}
          <Button
            className='form__submit'
            disabled={busy || !ready || undefined}
            onClick={() => void run(open, open === 'reschedule' && slot ? { slot: { date: slot.date, half: slot.half } } : fields)}
          >
            {`确认${ACTION_LABELS[open]}`}
          </Button>
        </Box>
      )}
    </Box>
  );
}
