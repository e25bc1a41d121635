import { ScrollView } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useEffect, useState } from 'react';
import { downloadCsv, figuresOf, trendOf, type AreaFigures, type VillageFigures } from '../../api/figures';
import { withPage } from '../../components/page';
import { useMe } from '../../hooks/use-me';
import { useRemote } from '../../hooks/use-remote';
import { errorText, toast } from '../../utils/feedback';
import { periodChoices } from '../../utils/months';
import { COLUMNS, duration, percent, sortBy } from './columns';
import { TrendChart, type TrendMetric } from './trend-chart';
import '../../styles/form.scss';
import './index.scss';

const PERIODS = periodChoices();
// A county has hundreds of villages: the top ones first, the rest on request.
const BARS_SHOWN = 20;
const BAR_METRICS = [
  { key: 'cases', label: '办件数', value: (v: VillageFigures) => v.cases, text: (v: VillageFigures) => String(v.cases) },
  { key: 'satisfied', label: '满意率', value: (v: VillageFigures) => v.satisfiedShare ?? 0, text: (v: VillageFigures) => percent(v.satisfiedShare) },
] as const;
const TREND_METRICS: { key: TrendMetric; label: string; format: (v: number | null) => string }[] = [
  { key: 'cases', label: '办件数', format: (v) => (v === null ? '—' : `${v} 件`) },
  { key: 'onTimeShare', label: '按时办结率', format: percent },
  { key: 'satisfiedShare', label: '满意率', format: percent },
];

function Chips<K extends string>({ items, active, onPick, label }: { items: { key: K; label: string }[]; active: K; onPick: (k: K) => void; label: string }) {
  return (
    <Box className='figures__chips' role='radiogroup' aria-label={label}>
      {items.map((i) => (
        <Box key={i.key} role='radio' aria-checked={i.key === active} className={`pick${i.key === active ? ' pick--on' : ''}`} onClick={() => onPick(i.key)}>
          <Line>{i.label}</Line>
        </Box>
      ))}
    </Box>
  );
}

// The headline numbers of the county (or township) for the period.
function Summary({ row }: { row: AreaFigures }) {
  const items = [
    ['办件', `${row.cases} 件`],
    ['受理用时（中位）', duration(row.medianAcceptMinutes)],
    ['按时办结', percent(row.onTimeShare)],
    ['超期未办结', `${row.overdueNow} 件`],
    ['少跑路', `${row.tripsSaved} 次`],
    ['满意率', percent(row.satisfiedShare)],
    ['差评 / 已整改', `${row.badRatings} / ${row.rectificationsClosed}`],
    ['活跃微家', `${row.groupsActive} 个`],
    ['活动 · 龙门阵', `${row.activitiesHeld} · ${row.talksHeld} 场`],
    ['参与人次', String(row.attendance)],
  ];
  return (
    <Box className='figures__summary'>
      <Line className='figures__summary-title'>{`${row.name}（${row.villages} 个村）`}</Line>
      {items.map(([k, v]) => (
        <Box key={k} className='figures__stat'>
          <Line className='figures__stat-value'>{v}</Line>
          <Line className='figures__stat-label'>{k}</Line>
        </Box>
      ))}
    </Box>
  );
}

// 县级统计: figures of every village for a period, sortable, with a bar per village, a 12-month
// trend and the CSV export (H5 console; the mini-program shows the same without the download).
function FiguresPage() {
  const { me } = useMe();
  const [period, setPeriod] = useState(PERIODS[1].key);
  const [township, setTownship] = useState<string>('');
  const [sort, setSort] = useState({ key: 'cases', descending: true });
  const [bar, setBar] = useState<'cases' | 'satisfied'>('cases');
  const [allBars, setAllBars] = useState(false);
  const [trendMetric, setTrendMetric] = useState<TrendMetric>('cases');
  const [trendVillage, setTrendVillage] = useState<VillageFigures>();
  const county = me?.role === 'county_admin';
  // The county's townships, kept from the whole-county answer for the filter chips.
  const [townships, setTownships] = useState<AreaFigures[]>([]);

  const figures = useRemote(`${period}|${township}`, () => figuresOf(period, township || undefined).then((data) => ({ data })));
  const trendKey = trendVillage?.villageCode ?? township;
  const trend = useRemote(`trend|${trendKey}`, () => trendOf(trendVillage ? { village: trendVillage.villageCode } : { township: township || undefined }).then((data) => ({ data })));
  const data = figures.data;
  useEffect(() => {
    if (data?.county) setTownships(data.townships);
  }, [data]);
  const head = data?.county ?? data?.townships.find((t) => t.code === township) ?? data?.townships[0];
  const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0];
  const rows = data ? sortBy(data.villages, column, sort.descending) : [];
  const metric = BAR_METRICS.find((m) => m.key === bar)!;
  const barMax = Math.max(1e-9, ...rows.map((v) => metric.value(v)));
  const trendFormat = TREND_METRICS.find((m) => m.key === trendMetric)!.format;

  const exportCsv = async (level: 'village' | 'township') => {
    if (process.env.TARO_ENV !== 'h5') return toast('请在电脑上打开控制台导出');
    try {
      await downloadCsv(period, township || undefined, level);
    } catch (e) {
      toast(errorText(e));
    }
  };

  return (
    <Box className='form figures'>
      <Chips label='统计时段' items={PERIODS} active={period} onPick={setPeriod} />
      {county && townships.length > 0 && (
        <Chips
          label='乡镇'
          items={[{ key: '', label: '全县' }, ...townships.map((t) => ({ key: t.code, label: t.name }))]}
          active={township}
          onPick={(t) => (setTownship(t), setTrendVillage(undefined))}
        />
      )}
      {figures.loading && <Line className='form__intro'>正在计算…</Line>}
      {figures.error && <Line className='form__error'>{figures.error}</Line>}
      {head && <Summary row={head} />}

      {data && (
        <Box className='figures__section'>
          <Line className='figures__h'>各村对比</Line>
          <Chips label='对比指标' items={[...BAR_METRICS]} active={bar} onPick={setBar} />
          {[...data.villages]
            .sort((a, b) => metric.value(b) - metric.value(a))
            .slice(0, allBars ? undefined : BARS_SHOWN)
            .map((v) => (
            <Box key={v.villageCode} className='figures__bar-row'>
              <Line className='figures__bar-name'>{v.villageName}</Line>
              <Box className='figures__bar-track'>
                <Box className='figures__bar' style={{ width: `${(metric.value(v) / barMax) * 100}%` }} />
              </Box>
              <Line className='figures__bar-value'>{metric.text(v)}</Line>
            </Box>
          ))}
          {data.villages.length > BARS_SHOWN && (
            <Box className='pick figures__back' onClick={() => setAllBars(!allBars)}>
              <Line>{allBars ? `只看前 ${BARS_SHOWN} 个村` : `显示全部 ${data.villages.length} 个村`}</Line>
            </Box>
          )}
        </Box>
      )}

      {data && (
        <Box className='figures__section'>
          <Line className='figures__h'>各村明细（点表头排序，点村名看趋势）</Line>
          <ScrollView scrollX className='figures__scroll'>
            <Box className='figures__table'>
              <Box className='figures__tr figures__tr--head'>
                <Line className='figures__td figures__td--name'>村（社区）</Line>
                {COLUMNS.map((c) => (
                  <Box
                    key={c.key}
                    className={`figures__td figures__sort${c.key === sort.key ? ' figures__sort--on' : ''}`}
                    role='button'
                    aria-sort={c.key === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    onClick={() => setSort({ key: c.key, descending: c.key === sort.key ? !sort.descending : true })}
                  >
                    <Line>{`${c.label}${c.key === sort.key ? (sort.descending ? ' ↓' : ' ↑') : ''}`}</Line>
                  </Box>
                ))}
              </Box>
              {rows.map((v) => (
                <Box key={v.villageCode} className={`figures__tr${trendVillage?.villageCode === v.villageCode ? ' figures__tr--on' : ''}`}>
                  <Box className='figures__td figures__td--name figures__row' role='button' onClick={() => setTrendVillage(v)}>
                    <Line>{v.villageName}</Line>
                  </Box>
                  {COLUMNS.map((c) => (
                    <Line key={c.key} className='figures__td'>{c.text(v)}</Line>
                  ))}
                </Box>
              ))}
            </Box>
          </ScrollView>
        </Box>
      )}

      <Box className='figures__section'>
        <Line className='figures__h'>{`近 12 个月趋势：${trend.data?.region.name ?? ''}`}</Line>
        <Chips label='趋势指标' items={TREND_METRICS} active={trendMetric} onPick={setTrendMetric} />
        {trendVillage && (
          <Box className='pick figures__back' onClick={() => setTrendVillage(undefined)}>
            <Line>{township ? '看本乡镇' : '看全县'}</Line>
          </Box>
        )}
        {trend.error && <Line className='form__error'>{trend.error}</Line>}
        {trend.data && <TrendChart points={trend.data.months} metric={trendMetric} format={trendFormat} />}
      </Box>

      {data && (
        <Box className='figures__section'>
          <Line className='figures__h'>导出表格</Line>
          {process.env.TARO_ENV === 'h5' ? (
            <Box className='figures__chips'>
              <Box className='form__secondary figures__export' onClick={() => void exportCsv('village')}>
                <Line>导出各村（CSV）</Line>
              </Box>
              <Box className='form__secondary figures__export' onClick={() => void exportCsv('township')}>
                <Line>导出各乡镇（CSV）</Line>
              </Box>
            </Box>
          ) : (
            <Line className='form__intro'>请在电脑上打开控制台导出</Line>
          )}
          <Line className='form__intro'>超期未办结：期末（本期为此刻）仍未办结、已过承诺时限的办件。</Line>
        </Box>
      )}
    </Box>
  );
}

export default withPage(FiguresPage);
