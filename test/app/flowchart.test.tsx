import { render, screen } from '@testing-library/react';
import { Flowchart } from '../../src/components/flowchart';
import type { FlowStep } from '../../src/api/types';

const steps: FlowStep[] = [
  { id: 's1', title: '提出申请', actor: 'resident', detail: '到睦邻客厅交材料', next: [{ to: 's2' }] },
  {
    id: 's2',
    title: '村里初审',
    actor: 'village',
    detail: '村干部看材料',
    days: 3,
    next: [
      { to: 's3', label: '材料齐全' },
      { to: 's4', label: '材料不齐' },
    ],
  },
  { id: 's3', title: '乡镇审核', actor: 'township', detail: '乡镇审核并公示', next: [] },
  { id: 's4', title: '补正材料', actor: 'resident', detail: '按通知补交材料', next: [{ to: 's2', label: '补齐后' }] },
];

describe('Flowchart', () => {
  it('draws every step with its number, title, actor and detail', () => {
    const { container } = render(<Flowchart steps={steps} />);
    const boxes = container.querySelectorAll('[data-step]');
    expect(Array.from(boxes).map((b) => b.getAttribute('data-step'))).toEqual(['s1', 's2', 's3', 's4']);
    for (const s of steps) {
      expect(screen.getByText(s.title)).toBeTruthy();
      expect(screen.getByText(s.detail)).toBeTruthy();
    }
    expect(screen.getAllByText('群众').length).toBeGreaterThanOrEqual(2);
    expect(screen.getAllByText('乡镇（街道）').length).toBeGreaterThanOrEqual(1);
    expect(screen.getByText('约3个工作日')).toBeTruthy();
  });

  it('labels every branch and names the step it leads to, including loops back', () => {
    render(<Flowchart steps={steps} />);
    expect(screen.getByText('材料齐全')).toBeTruthy();
    expect(screen.getByText('材料不齐')).toBeTruthy();
    expect(screen.getByText('补齐后')).toBeTruthy();
    expect(screen.getByText('转第3步「乡镇审核」')).toBeTruthy();
    expect(screen.getByText('转第4步「补正材料」')).toBeTruthy();
    expect(screen.getByText('转第2步「村里初审」')).toBeTruthy();
    expect(screen.getByText('↺')).toBeTruthy();
  });

  it('marks the end step', () => {
    render(<Flowchart steps={steps} />);
    expect(screen.getAllByText('办结')).toHaveLength(1);
  });
});
