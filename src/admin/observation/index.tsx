import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useState } from 'react';
import { createDraw, drawsOf, observationStandards, type Draw, type DrawVillage } from '../../api/oversight';
import { withPage } from '../../components/page';
import { SendStateLine } from '../../components/send-state';
import { useMe } from '../../hooks/use-me';
import { useRemote } from '../../hooks/use-remote';
import { useSubmission } from '../../hooks/use-submission';
import { cstMonth, monthLabel } from '../../utils/months';
import { VisitForm } from './visit-form';
import '../../styles/form.scss';
import './index.scss';

const COUNTS = [3, 4, 5];

// The county's draw for the month: how many rooms and, if wanted, its own seed (else a random one).
function DrawButton({ month, onDrawn }: { month: string; onDrawn: (d: Draw) => void }) {
  const [count, setCount] = useState(3);
  const [seed, setSeed] = useState('');
  const send = useSubmission((key) => createDraw({ month, count, seed: seed.trim() || undefined }, key));
  return (
    <Box className='form__group'>
      <Line className='form__label'>抽几个睦邻客厅</Line>
      <Box className='observe__counts' role='radiogroup' aria-label='抽取数量'>
        {COUNTS.map((n) => (
          <Box key={n} role='radio' aria-checked={n === count} className={`pick${n === count ? ' pick--on' : ''}`} onClick={() => setCount(n)}>
            <Line>{`${n} 个`}</Line>
          </Box>
        ))}
      </Box>
      <Line className='form__label'>随机种子（可不填，不填自动生成并记录；只用字母、数字和符号）</Line>
      <Input className='form__input' value={seed} maxlength={64} placeholder='例如：20261128' aria-label='随机种子' onInput={(e) => setSeed(e.detail.value)} />
      <SendStateLine state={send.state} error={send.error} />
      <Button className='form__submit' disabled={send.state === 'sending' || undefined} onClick={() => void send.submit().then((d) => d && onDrawn(d))}>
        抽取
      </Button>
    </Box>
  );
}

// 月观摩: this month's drawn living rooms, then the on-site evaluation form for one of them.
function ObservationPage() {
  const { me } = useMe();
  const month = cstMonth();
  const [reload, setReload] = useState(0);
  const [chosen, setChosen] = useState<DrawVillage & { drawId: string }>();
  const [formKey, setFormKey] = useState(0);
  const draws = useRemote(`${month}:${reload}`, () => drawsOf(month).then((d) => ({ data: d })));
  const standards = useRemote('standards', () => observationStandards().then((d) => ({ data: d })));
  const scope = me?.scope?.code ?? '';
  const list = draws.data ?? [];

  return (
    <Box className='form observe'>
      <Line className='form__intro'>{`${monthLabel(month)}月观摩：每月随机抽取 3—5 个睦邻客厅，评估组按 6 类 12 项标准现场打分。`}</Line>
      {draws.error && <Line className='form__error'>{draws.error}</Line>}
      {list.length === 0 && !draws.loading && <Line className='form__intro'>本月还没有抽取。</Line>}
      {list.map((d) => (
        <Box key={d.id} className='form__group observe__draw'>
          <Line className='observe__heading'>{`${d.scopeName}抽中 ${d.result.length} 个`}</Line>
          <Line className='observe__seed' selectable>{`种子：${d.seed}（从 ${d.candidates.length} 个中抽取，可复核）`}</Line>
          {d.result.map((r) => {
            const mine = r.villageCode.startsWith(scope);
            return (
              <Box
                key={r.villageCode}
                role='button'
                aria-disabled={!mine || r.visitId !== null}
                className={`observe__room${chosen?.villageCode === r.villageCode ? ' observe__room--on' : ''}`}
                onClick={() => mine && r.visitId === null && (setChosen({ ...r, drawId: d.id }), setFormKey(formKey + 1))}
              >
                <Line className='observe__title'>{`${r.townshipName} ${r.villageName}`}</Line>
                <Line className='observe__checks'>{r.visitTotal !== null ? `已评估：${r.visitTotal} 分` : mine ? '待评估，点这里打分' : '不在本辖区'}</Line>
              </Box>
            );
          })}
        </Box>
      ))}
      {me?.role === 'county_admin' && !list.some((d) => d.scopeCode === scope) && !draws.loading && (
        <DrawButton month={month} onDrawn={() => setReload(reload + 1)} />
      )}
      {chosen && standards.data && (
        <VisitForm
          key={formKey}
          standards={standards.data}
          village={chosen}
          month={month}
          drawId={chosen.drawId}
          onDone={() => (setChosen(undefined), setReload(reload + 1))}
        />
      )}
      {standards.error && <Line className='form__error'>{standards.error}</Line>}
    </Box>
  );
}

export default withPage(ObservationPage);
