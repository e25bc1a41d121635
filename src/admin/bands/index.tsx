import { Box, Line } from '../../components/box';
import { useState } from 'react';
import { bandsOf, downloadBandsCsv, type VillageBand } from '../../api/oversight';
import { withPage } from '../../components/page';
import { useRemote } from '../../hooks/use-remote';
import { errorText, toast } from '../../utils/feedback';
import { monthLabel, periodChoices } from '../../utils/months';
import '../../styles/form.scss';
import './index.scss';

const PERIODS = periodChoices();

function Village({ v, open, onToggle }: { v: VillageBand; open: boolean; onToggle: () => void }) {
  return (
    <Box className={`bands__village${v.flagged ? ' bands__village--flagged' : ''}`}>
      <Box className='bands__head' role='button' aria-expanded={open} onClick={onToggle}>
        <Line className={`bands__chip bands__chip--${v.band}`}>{v.label}</Line>
        <Box className='bands__name'>
          <Line className='bands__title'>{v.villageName}</Line>
          <Line className='bands__meta'>{`${v.townshipName} · ${v.score === null ? '无可评数据' : `${v.score} 分`}`}</Line>
        </Box>
        <Line className='bands__more'>{open ? '收起' : '为什么'}</Line>
      </Box>
      {v.flagged && v.flagNote && <Line className='note-warn'>{`⚠ ${v.flagNote}`}</Line>}
      {open && (
        <Box className='bands__why'>
          <Line className='bands__why-title'>为什么是这个等级</Line>
          {v.components.map((c) => (
            <Line key={c.name} className={`bands__line${c.value === null ? ' bands__line--missing' : ''}`}>
              {c.explanation}
            </Line>
          ))}
          {v.notes.map((n) => (
            <Line key={n} className='bands__note'>{n}</Line>
          ))}
          <Line className='bands__total'>{v.explanation}</Line>
          {v.monthly.length > 1 && (
            <Box className='bands__months'>
              {v.monthly.map((m) => (
                <Line key={m.month} className={`bands__month bands__chip--${m.band}`}>{`${monthLabel(m.month)} ${m.label}`}</Line>
              ))}
            </Box>
          )}
          <Line className='bands__rule'>{`按第 ${v.ruleVersion} 版评定规则计算`}</Line>
        </Box>
      )}
    </Box>
  );
}

// 好中差评定: every village of the admin's region for a period, flagged ones first, each with
// the reasons behind its band.
function BandsPage() {
  const [period, setPeriod] = useState(PERIODS[2].key);
  const [open, setOpen] = useState<string>();
  const { data, loading, error } = useRemote(period, () => bandsOf(period).then((d) => ({ data: d })));
  const flagged = data?.items.filter((v) => v.flagged).length ?? 0;

  return (
    <Box className='form bands'>
      <Box className='bands__periods' role='radiogroup' aria-label='评定时段'>
        {PERIODS.map((p) => (
          <Box key={p.key} role='radio' aria-checked={p.key === period} className={`pick${p.key === period ? ' pick--on' : ''}`} onClick={() => setPeriod(p.key)}>
            <Line>{p.label}</Line>
          </Box>
        ))}
      </Box>
      {loading && <Line className='form__intro'>正在计算…</Line>}
      {error && <Line className='form__error'>{error}</Line>}
      {data && (
        <Line className='form__intro'>
          {`${data.period}：好 ${data.items.filter((v) => v.band === 'good').length} 个、中 ${data.items.filter((v) => v.band === 'fair').length} 个、差 ${data.items.filter((v) => v.band === 'poor').length} 个${flagged ? `，${flagged} 个村要督办` : ''}。点一个村看原因。`}
        </Line>
      )}
      {data?.items.map((v) => (
        <Village key={v.villageCode} v={v} open={open === v.villageCode} onToggle={() => setOpen(open === v.villageCode ? undefined : v.villageCode)} />
      ))}
      {data &&
        (process.env.TARO_ENV === 'h5' ? (
          <Box className='form__secondary' role='button' onClick={() => void downloadBandsCsv(period).catch((e: unknown) => toast(errorText(e)))}>
            <Line>导出评定表（CSV，含原因）</Line>
          </Box>
        ) : (
          <Line className='form__intro'>请在电脑上打开控制台导出评定表</Line>
        ))}
    </Box>
  );
}

export default withPage(BandsPage);
