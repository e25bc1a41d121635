// 流程图: steps in order (the first is where it starts), who does each, and where each goes next.
// A step with no next step is an end.
import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import type { Actor, FlowStep, ServiceItem } from '../../api/types';
import { at, move, newStepId, removeStep, replaceAt, within, type Problems } from './draft';
import { Chips, NumberField, ProblemLines, Section, TextField } from './fields';

const ACTORS: { value: Actor; label: string }[] = [
  { value: 'resident', label: '群众' },
  { value: 'village', label: '村（社区）' },
  { value: 'township', label: '乡镇（街道）' },
  { value: 'county', label: '县级' },
  { value: 'department', label: '主管部门' },
];

interface Props {
  item: ServiceItem;
  change: (patch: Partial<ServiceItem>) => void;
  problems: Problems;
}

export function FlowEditor({ item, change, problems }: Props) {
  const steps = item.flow.steps;
  const setSteps = (next: FlowStep[]) => change({ flow: { steps: next } });
  const setStep = (i: number, patch: Partial<FlowStep>) => setSteps(replaceAt(steps, i, { ...steps[i], ...patch }));
  const toggleNext = (i: number, to: string) => {
    const s = steps[i];
    setStep(i, { next: s.next.some((n) => n.to === to) ? s.next.filter((n) => n.to !== to) : [...s.next, { to }] });
  };
  const title = (id: string) => steps.find((s) => s.id === id)?.title || id;

  return (
    <Section title='流程图'>
      <Line className='edit__hint'>第一步是开始；没有下一步的是结束。有几条去向时，每条都写明什么情况走这条。</Line>
      <ProblemLines problems={at(problems, 'flow.steps')} />
      {steps.map((s, i) => {
        const here = `flow.steps[${i}]`;
        const nextProblems = within(problems, `${here}.next`);
        return (
          <Box key={s.id || i} className='edit__row'>
            <Line className='edit__row-title'>{`第 ${i + 1} 步（编号 ${s.id}）`}</Line>
            <ProblemLines problems={[...at(problems, here), ...at(problems, `${here}.id`)]} />
            <TextField label='这一步做什么' value={s.title} onChange={(v) => setStep(i, { title: v })} problems={at(problems, `${here}.title`)} />
            <Line className='form__label'>由谁来办</Line>
            <Chips options={ACTORS} value={s.actor} onChange={(actor) => setStep(i, { actor })} />
            <ProblemLines problems={at(problems, `${here}.actor`)} />
            <TextField label='说明' value={s.detail} multiline onChange={(detail) => setStep(i, { detail })} problems={at(problems, `${here}.detail`)} />
            <NumberField
              label='要几天（可不填）'
              value={s.days}
              onChange={(days) => setStep(i, { days: days === null ? undefined : days })}
              problems={at(problems, `${here}.days`)}
            />
            <Line className='form__label'>下一步去哪（点选，可多选）</Line>
            <Box className='edit__chips'>
              {steps
                .filter((o) => o.id !== s.id)
                .map((o) => {
                  const on = s.next.some((n) => n.to === o.id);
                  return (
                    <Box key={o.id} role='checkbox' aria-checked={on} className={`pick${on ? ' pick--on' : ''}`} onClick={() => toggleNext(i, o.id)}>
                      <Line>{o.title || o.id}</Line>
                    </Box>
                  );
                })}
            </Box>
            {s.next.length > 1 &&
              s.next.map((n, j) => (
                <TextField
                  key={n.to}
                  label={`什么情况去“${title(n.to)}”`}
                  value={n.label ?? ''}
                  onChange={(label) => setStep(i, { next: replaceAt(s.next, j, { ...n, label }) })}
                />
              ))}
            <ProblemLines problems={nextProblems} />
            <Box className='edit__buttons'>
              <Button className='form__secondary edit__small' disabled={i === 0 || undefined} onClick={() => setSteps(move(steps, i, -1))}>
                上移
              </Button>
              <Button className='form__secondary edit__small' disabled={i === steps.length - 1 || undefined} onClick={() => setSteps(move(steps, i, 1))}>
                下移
              </Button>
              <Button className='form__secondary edit__small' onClick={() => setSteps(removeStep(steps, i))}>
                删除这一步
              </Button>
            </Box>
          </Box>
        );
      })}
      <Button className='form__secondary' onClick={() => setSteps([...steps, { id: newStepId(steps), title: '', actor: 'village', detail: '', next: [] }])}>
        添加一步
      </Button>
    </Section>
  );
}
