import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useEffect, useState } from 'react';
import { fetchService } from '../../api/catalogue';
import { recordMaterial, returnMaterial, type CaseDetail } from '../../api/cases';
import type { Material } from '../../api/types';
import { errorText, toast } from '../../utils/feedback';
import { timeText } from '../../utils/format';

const FORMS = ['原件', '复印件', '原件和复印件', '电子'];

// The receipt: what the cadre received and handed back. The handling cadre records it here.
export function MaterialsReceipt({ item, onChanged }: { item: CaseDetail; onChanged: (c: CaseDetail) => void }) {
  const handling = item.actions.some((a) => a === 'complete' || a === 'start' || a === 'ask_resident');
  const [catalogue, setCatalogue] = useState<Material[]>([]);
  const [name, setName] = useState('');
  const [form, setForm] = useState('原件');
  const [copies, setCopies] = useState('1');

  useEffect(() => {
    if (handling) fetchService(item.service.code).then((r) => setCatalogue(r.data.materials), () => setCatalogue([]));
  }, [handling, item.service.code]);

  const act = async (p: Promise<CaseDetail>) => {
    try {
      onChanged(await p);
    } catch (e) {
      toast(errorText(e));
    }
  };

  if (!handling && item.materials.length === 0) return null;
  return (
    <Box className='case__card'>
      <Line className='case__title'>材料回执</Line>
      {item.materials.length === 0 && <Line className='case__row'>还没有收到材料</Line>}
      {item.materials.map((m) => (
        <Box key={m.id} className='receipt__item'>
          <Line className='receipt__name'>{`${m.name}（${m.form} ${m.copies}份）`}</Line>
          <Line className='receipt__meta'>{`${timeText(m.receivedAt)} ${m.receivedBy ?? ''}收到`}</Line>
          {m.returnedAt && <Line className='receipt__meta'>{`${timeText(m.returnedAt)} 已归还`}</Line>}
          {handling && !m.returnedAt && m.form !== '复印件' && (
            <Button className='case__action case__action--plain' onClick={() => void act(returnMaterial(item.id, m.id))}>
              已归还
            </Button>
          )}
        </Box>
      ))}
      {handling && (
        <Box className='case__form'>
          <Line className='form__label'>记录收到的材料</Line>
          <Box className='case__actions'>
            {catalogue.map((m) => (
              <Box key={m.name} role='radio' aria-checked={name === m.name} className={`pick${name === m.name ? ' pick--on' : ''}`} onClick={() => (setName(m.name), setForm(m.form))}>
                <Line>{m.name}</Line>
              </Box>
            ))}
          </Box>
          <Input className='form__input' value={name} placeholder='材料名称' aria-label='材料名称' onInput={(e) => setName(e.detail.value)} />
          <Box className='case__actions'>
            {FORMS.map((f) => (
              <Box key={f} role='radio' aria-checked={form === f} className={`pick${form === f ? ' pick--on' : ''}`} onClick={() => setForm(f)}>
                <Line>{f}</Line>
              </Box>
            ))}
          </Box>
          <Input className='form__input' type='number' value={copies} aria-label='份数' onInput={(e) => setCopies(e.detail.value)} />
          <Button
            className='form__submit'
            disabled={!name.trim() || undefined}
            onClick={() => void act(recordMaterial(item.id, { name: name.trim(), form, copies: Math.max(1, Number(copies) || 1) })).then(() => setName(''))}
          >
            记录收到
          </Button>
        </Box>
      )}
    </Box>
  );
}
