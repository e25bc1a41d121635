// The flowchart as boxes and arrows in plain HTML: every step in order with its actor, its days
// and, where the path forks or loops back, each branch's label and the step it leads to. Shapes
// and words carry the meaning, never colour, so a black-and-white copy reads the same.
import { ACTOR_LABELS, type FlowStep } from '../catalogue/content';
import { html, type Html } from './html';

function branches(step: FlowStep, index: number, steps: FlowStep[]): Html {
  if (step.next.length === 0) return html`<p class="step__end">■ 办结</p>`;
  const straight = step.next.length === 1 && !step.next[0].label && step.next[0].to === steps[index + 1]?.id;
  if (straight) return html``;
  const number = (id: string) => steps.findIndex((s) => s.id === id) + 1;
  return html`<ul class="step__next">${step.next.map((n) => {
    const to = steps.find((s) => s.id === n.to);
    return html`<li>◆ ${n.label ? html`<b>${n.label}</b> ` : ''}→ ${to ? `第${number(n.to)}步 ${to.title}` : '下一步'}</li>`;
  })}</ul>`;
}

export function flowchart(steps: FlowStep[]): Html {
  return html`<ol class="flow">${steps.map((step, i) => html`<li class="step step--${step.actor}" data-step="${step.id}">
  <p class="step__head"><span class="step__no">${i + 1}</span><b class="step__title">${step.title}</b><span class="step__actor">${ACTOR_LABELS[step.actor]}${step.days ? ` · ${step.days}个工作日` : ''}</span></p>
  <p class="step__detail">${step.detail}</p>
  ${branches(step, i, steps)}
</li>`)}</ol>`;
}
