import { Box, Line } from '../../components/box';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { dutyRange, HALF_LABELS, setDuty, type DutyDay } from '../../api/cases';
import { useMe } from '../../hooks/use-me';
import { errorText, toast } from '../../utils/feedback';
import { dateRange, dayText } from '../../utils/format';
import '../../styles/form.scss';
import './index.scss';
import { withPage } from '../../components/page';

// 坐班 rota for the next two weeks: tap a half-day to take it or give it up.
function DutyPage() {
  const { me } = useMe();
  const [days, setDays] = useState<DutyDay[]>([]);
  const village = me?.scope?.code;

  const load = () => {
    if (!village) return;
    const { from, to } = dateRange(14);
    dutyRange(village, from, to).then(setDays, (e: unknown) => toast(errorText(e)));
  };
  useDidShow(load);
  // The first show may come before 我的 has loaded the cadre's village.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, [village]);

  const toggle = async (d: DutyDay, mine: boolean) => {
    if (!village) return;
    try {
      await setDuty(village, d.date, d.half, !mine);
      load();
    } catch (e) {
      toast(errorText(e));
    }
  };

  return (
    <Box className='form'>
      <Line className='form__intro'>点一下就排上（再点一下取消）。有人值班的半天，群众才能预约。</Line>
      {days.map((d) => {
        const mine = d.cadres.some((c) => c.id === me?.id);
        return (
          <Box key={`${d.date}-${d.half}`} className={`duty__row${mine ? ' duty__row--mine' : ''}`} role='button' aria-pressed={mine} onClick={() => void toggle(d, mine)}>
            <Line className='duty__when'>{`${dayText(d.date)} ${HALF_LABELS[d.half]}`}</Line>
            <Line className='duty__who'>{d.cadres.length ? d.cadres.map((c) => c.name).join('、') : '无人值班'}</Line>
          </Box>
        );
      })}
    </Box>
  );
}

export default withPage(DutyPage);
