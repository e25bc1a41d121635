import { Box, Line } from '../../components/box';
import type { TimelineEntry } from '../../api/cases';
import { timeText } from '../../utils/format';

const ACTION_TEXT: Record<string, string> = {
  submit: '提交申请',
  accept: '受理',
  start: '开始办理',
  ask_resident: '请您补充',
  resume: '继续办理',
  complete: '办结',
  reject: '不予受理',
  cancel: '取消',
  transfer: '转交',
  reschedule: '改约时间',
  rate: '评价',
  material_received: '收到材料',
  material_returned: '归还材料',
};

const ROLE_TEXT: Record<string, string> = { resident: '群众', cadre: '村干部', township_admin: '乡镇', county_admin: '县级', system: '系统' };

// The audit trail: who did what, when.
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <Box className='case__card'>
      <Line className='case__title'>办理进度</Line>
      {[...entries].reverse().map((e, i) => (
        <Box key={i} className='timeline__item'>
          <Line className='timeline__what'>{`${ACTION_TEXT[e.action] ?? e.action}${e.actor ? ` · ${ROLE_TEXT[e.actor.role] ?? ''}${e.actor.name ?? ''}` : ''}`}</Line>
          <Line className='timeline__when'>{timeText(e.createdAt)}</Line>
          {e.note && <Line className='timeline__note'>{e.note}</Line>}
        </Box>
      ))}
    </Box>
  );
}
