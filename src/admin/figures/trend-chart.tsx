import { Image } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import type { TrendPoint } from '../../api/figures';

export type TrendMetric = 'cases' | 'onTimeShare' | 'satisfiedShare';

const W = 600;
const H = 200;
const PAD = 24;

const valueOf = (p: TrendPoint, metric: TrendMetric): number | null => p[metric];
const label = (month: string) => `${Number(month.slice(5))}月`;

// H5: an SVG polyline as an image (data: URIs are allowed by the page's CSP); a month with
// nothing to measure breaks the line rather than dropping to zero.
function svgOf(points: TrendPoint[], metric: TrendMetric): string {
  const values = points.map((p) => valueOf(p, metric));
  const max = metric === 'cases' ? Math.max(1, ...values.map((v) => v ?? 0)) : 1;
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / Math.max(1, points.length - 1);
  const y = (v: number) => H - PAD - (v / max) * (H - 2 * PAD);
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));
  const dots = values.map((v, i) => (v === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="5" fill="#b4261a"/>`)).join('');
  const lines = runs.map((r) => `<polyline points="${r}" fill="none" stroke="#b4261a" stroke-width="4"/>`).join('');
  const axis = `<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#999" stroke-width="2"/>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}">${axis}${lines}${dots}</svg>`)}`;
}

export function TrendChart({ points, metric, format }: { points: TrendPoint[]; metric: TrendMetric; format: (v: number | null) => string }) {
  const values = points.map((p) => valueOf(p, metric));
  const max = metric === 'cases' ? Math.max(1, ...values.map((v) => v ?? 0)) : 1;
  const last = points[points.length - 1];
  return (
    <Box className='trend'>
      {process.env.TARO_ENV === 'h5' ? (
        <Image className='trend__svg' src={svgOf(points, metric)} mode='widthFix' />
      ) : (
        // Weapp: a column per month, plain Views.
        <Box className='trend__bars'>
          {values.map((v, i) => (
            <Box key={points[i].month} className='trend__col'>
              <Box className='trend__bar' style={{ height: `${v === null ? 0 : Math.max(2, (v / max) * 100)}%` }} />
            </Box>
          ))}
        </Box>
      )}
      <Box className='trend__labels'>
        {points.map((p, i) => (
          <Line key={p.month} className='trend__label'>{(points.length - 1 - i) % 2 === 0 ? label(p.month) : ''}</Line>
        ))}
      </Box>
      {last && <Line className='trend__now'>{`${label(last.month)}（本月至今）：${format(valueOf(last, metric))}`}</Line>}
    </Box>
  );
}
