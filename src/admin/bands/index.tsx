import { Text, View } from '@tarojs/components';
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
    <View className={`bands__village${v.flagged ? ' bands__village--flagged' : ''}`}>
      <View className='bands__head' role='button' aria-expanded={open} onClick={onToggle}>
        <Text className={`bands__chip bands__chip--${v.band}`}>{v.label}</Text>
        <View className='bands__name'>
          <Text className='bands__title'>{v.villageName}</Text>
          <Text className='bands__meta'>{`${v.townshipName} · ${v.score === null ? '无可评数据' : `${v.score} 分`}`}</Text>
        </View>
        <Text className='bands__more'>{open ? '收起' : '为什么'}</Text>
      </View>
      {v.flagged && v.flagNote && <Text className='note-warn'>{`⚠ ${v.flagNote}`}</Text>}
      {open && (
        <View className='bands__why'>
          <Text className='bands__why-title'>为什么是这个等级</Text>
          {v.components.map((c) => (
            <Text key={c.name} className={`bands__line${c.value === null ? ' bands__line--missing' : ''}`}>
              {c.explanation}
            </Text>
          ))}
          {v.notes.map((n) => (
            <Text key={n} className='bands__note'>{n}</Text>
          ))}
          <Text className='bands__total'>{v.explanation}</Text>
          {v.monthly.length > 1 && (
            <View className='bands__months'>
              {v.monthly.map((m) => (
                <Text key={m.month} className={`bands__month bands__chip--${m.band}`}>{`${monthLabel(m.month)} ${m.label}`}</Text>
              ))}
            </View>
          )}
          <Text className='bands__rule'>{`按第 ${v.ruleVersion} 版评定规则计算`}</Text>
        </View>
      )}
    </View>
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
    <View className='form bands'>
      <View className='bands__periods' role='radiogroup' aria-label='评定时段'>
        {PERIODS.map((p) => (
          <View key={p.key} role='radio' aria-checked={p.key === period} className={`pick${p.key === period ? ' pick--on' : ''}`} onClick={() => setPeriod(p.key)}>
            <Text>{p.label}</Text>
          </View>
        ))}
      </View>
      {loading && <Text className='form__intro'>正在计算…</Text>}
      {error && <Text className='form__error'>{error}</Text>}
      {data && (
        <Text className='form__intro'>
          {`${data.period}：好 ${data.items.filter((v) => v.band === 'good').length} 个、中 ${data.items.filter((v) => v.band === 'fair').length} 个、差 ${data.items.filter((v) => v.band === 'poor').length} 个${flagged ? `，${flagged} 个村要督办` : ''}。点一个村看原因。`}
        </Text>
      )}
      {data?.items.map((v) => (
        <Village key={v.villageCode} v={v} open={open === v.villageCode} onToggle={() => setOpen(open === v.villageCode ? undefined : v.villageCode)} />
      ))}
      {data &&
        (process.env.TARO_ENV === 'h5' ? (
          <View className='form__secondary' role='button' onClick={() => void downloadBandsCsv(period).catch((e: unknown) => toast(errorText(e)))}>
            <Text>导出评定表（CSV，含原因）</Text>
          </View>
        ) : (
          <Text className='form__intro'>请在电脑上打开控制台导出评定表</Text>
        ))}
    </View>
  );
}

export default withPage(BandsPage);
