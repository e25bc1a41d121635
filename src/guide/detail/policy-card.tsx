import { Box, Line } from '../../components/box';
import type { ServiceDetail } from '../../api/types';
import { daysText, tripsText } from '../../utils/format';

export function PolicyCard({ item }: { item: ServiceDetail }) {
  const official: [string, string][] = [
    ['事项类型', item.type],
    ['实施部门', item.department],
    ['办理条件', item.conditions.join('；')],
    ['设定依据', item.basis.join('；')],
    ['法定时限', item.legalDays === null ? '法律未规定' : daysText(item.legalDays)],
    ['承诺时限', daysText(item.promisedDays)],
    ['到现场次数', item.tripsNote ? `${tripsText(item.trips)}（${item.tripsNote}）` : tripsText(item.trips)],
    ['收费', item.fee],
    ['办理地点', item.place],
    ['办理时间', item.hours],
    ['咨询电话', item.consultPhone],
    ['投诉电话', item.complaintPhone],
    ['办理结果', item.result],
  ];
  return (
    <Box className='card'>
      <Box className='card__main'>
        <Line className='card__title'>{`政策一卡通 · ${item.name}`}</Line>
        <Line className='card__summary'>{item.card.summary}</Line>
        <Box className='card__figures'>
          {item.card.figures.map((f) => (
            <Box key={f.label} className='card__figure'>
              <Line className='card__label'>{f.label}</Line>
              <Line className='card__value'>{f.value}</Line>
            </Box>
          ))}
        </Box>
        {item.card.rules.map((r, i) => (
          <Line key={i} className='card__rule'>{`· ${r}`}</Line>
        ))}
      </Box>
      <Box className='card__official'>
        <Line className='card__title'>办事指南要素</Line>
        {official.map(([k, v]) => (
          <Box key={k} className='card__row'>
            <Line className='card__key'>{k}</Line>
            <Line className='card__val'>{v}</Line>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
