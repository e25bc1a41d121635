import { Text, View } from '@tarojs/components';
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
    <View className='flowchart' aria-label='办理流程图'>
      <View className='flowchart__legend'>
        {(Object.keys(ACTOR_LABELS) as Actor[])
          .filter((a) => steps.some((s) => s.actor === a))
          .map((a) => (
            <View key={a} className={`flowchart__legend-item flowchart__actor--${a}`}>
              <Text>{ACTOR_LABELS[a]}</Text>
            </View>
          ))}
      </View>
      {steps.map((step, i) => {
        const straight = step.next.length === 1 && indexOf.get(step.next[0].to) === i + 1 && !step.next[0].label;
        return (
          <View key={step.id} className='flowchart__item'>
            <View className={`flowchart__step flowchart__step--${step.actor}`} data-step={step.id}>
              <View className='flowchart__head'>
                <Text className='flowchart__no'>{i + 1}</Text>
                <Text className='flowchart__title'>{step.title}</Text>
                <Text className={`flowchart__actor flowchart__actor--${step.actor}`}>{ACTOR_LABELS[step.actor]}</Text>
              </View>
              <Text className='flowchart__detail'>{step.detail}</Text>
              {step.days !== undefined && (
                <Text className='flowchart__days'>{step.days === 0 ? '当场办' : `约${step.days}个工作日`}</Text>
              )}
              {step.next.length === 0 && <Text className='flowchart__end'>办结</Text>}
            </View>
            {straight ? (
              <View className='flowchart__arrow' aria-hidden>
                <Text>↓</Text>
              </View>
            ) : (
              step.next.length > 0 && (
                <View className='flowchart__branches'>
                  {step.next.map((n) => {
                    const target = indexOf.get(n.to) ?? 0;
                    return (
                      <View key={n.to} className='flowchart__branch'>
                        <Text className='flowchart__branch-arrow'>{target <= i ? '↺' : '↳'}</Text>
                        {n.label && <Text className='flowchart__branch-label'>{n.label}</Text>}
                        <Text className='flowchart__branch-to'>
                          {`转第${target + 1}步「${steps[target].title}」`}
                        </Text>
                      </View>
                    );
                  })}
                </View>
              )
            )}
          </View>
        );
      })}
    </View>
  );
}
