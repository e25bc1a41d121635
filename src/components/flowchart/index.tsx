import { Box, Line } from '../box';
import type { Actor, FlowStep } from '../../api/types';
import './index.scss';

export const ACTOR_LABELS: Record<Actor, string> = {
  resident: '群众',
  village: '村（社区）',
  township: '乡镇（街道）',
  county: '县级',
  department: '主管部门',
};

interface Props {
  steps: FlowStep[];
}

// Draws the flow natively (boxes, arrows, labelled branches) so it renders the same on weapp
// and H5 and reads top to bottom on a narrow phone: the straight path runs down, every
// other link is a labelled arrow naming the step it goes to.
export function Flowchart({ steps }: Props) {
  const indexOf = new Map(steps.map((s, i) => [s.id, i]));
  return (
    <Box className='flowchart' aria-label='办理流程图'>
      <Box className='flowchart__legend'>
        {(Object.keys(ACTOR_LABELS) as Actor[])
          .filter((a) => steps.some((s) => s.actor === a))
          .map((a) => (
            <Box key={a} className={`flowchart__legend-item flowchart__actor--${a}`}>
              <Line>{ACTOR_LABELS[a]}</Line>
            </Box>
          ))}
      </Box>
      {steps.map((step, i) => {
        const straight = step.next.length === 1 && indexOf.get(step.next[0].to) === i + 1 && !step.next[0].label;
        return (
          <Box key={step.id} className='flowchart__item'>
            <Box className={`flowchart__step flowchart__step--${step.actor}`} data-step={step.id}>
              <Box className='flowchart__head'>
                <Line className='flowchart__no'>{i + 1}</Line>
                <Line className='flowchart__title'>{step.title}</Line>
                <Line className={`flowchart__actor flowchart__actor--${step.actor}`}>{ACTOR_LABELS[step.actor]}</Line>
              </Box>
              <Line className='flowchart__detail'>{step.detail}</Line>
              {step.days !== undefined && (
                <Line className='flowchart__days'>{step.days === 0 ? '当场办' : `约${step.days}个工作日`}</Line>
              )}
              {step.next.length === 0 && <Line className='flowchart__end'>办结</Line>}
            </Box>
            {straight ? (
              <Box className='flowchart__arrow' aria-hidden>
                <Line>↓</Line>
              </Box>
            ) : (
              step.next.length > 0 && (
                <Box className='flowchart__branches'>
                  {step.next.map((n) => {
                    const target = indexOf.get(n.to) ?? 0;
                    return (
                      <Box key={n.to} className='flowchart__branch'>
                        <Line className='flowchart__branch-arrow'>{target <= i ? '↺' : '↳'}</Line>
                        {n.label && <Line className='flowchart__branch-label'>{n.label}</Line>}
                        <Line className='flowchart__branch-to'>
                          {`转第${target + 1}步「${steps[target].title}」`}
                        </Line>
                      </Box>
                    );
                  })}
                </Box>
              )
            )}
          </Box>
        );
      })}
    </Box>
  );
}
