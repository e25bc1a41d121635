// The case state machine as data (DESIGN.md §5). Every rule about which action may happen in
// which state, and who may take it, lives in this table; the service only interprets it.

export const CASE_STATES = ['submitted', 'accepted', 'in_progress', 'awaiting_resident', 'completed', 'rejected', 'cancelled'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const OPEN_STATES: readonly CaseState[] = ['submitted', 'accepted', 'in_progress', 'awaiting_resident'];
export const CLOSED_STATES: readonly CaseState[] = ['completed', 'rejected', 'cancelled'];

export const STATE_LABELS: Record<CaseState, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  awaiting_resident: '待补充',
  completed: '已办结',
  rejected: '不予受理',
  cancelled: '已取消',
};

// Who, relative to one case: its resident, any cadre of its village, the cadre handling it.
export type Party = 'resident' | 'village_cadre' | 'assignee';

export const CASE_ACTIONS = ['accept', 'start', 'ask_resident', 'resume', 'complete', 'reject', 'cancel', 'transfer', 'reschedule', 'rate'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface Transition {
  from: readonly CaseState[];
  // undefined: the state stays (transfer, reschedule, rate).
  to?: CaseState;
  by: readonly Party[];
  label: string;
}

export const TRANSITIONS: Record<CaseAction, Transition> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['village_cadre'], label: '受理' },
  start: { from: ['accepted'], to: 'in_progress', by: ['assignee'], label: '开始办理' },
  ask_resident: { from: ['accepted', 'in_progress'], to: 'awaiting_resident', by: ['assignee'], label: '请群众补充' },
  // The resident answers with what was asked for, or the cadre goes on without it.
  resume: { from: ['awaiting_resident'], to: 'in_progress', by: ['assignee', 'resident'], label: '继续办理' },
  complete: { from: ['in_progress'], to: 'completed', by: ['assignee'], label: '办结' },
  reject: { from: ['submitted', 'accepted'], to: 'rejected', by: ['village_cadre'], label: '不予受理' },
  cancel: { from: ['submitted', 'accepted', 'awaiting_resident'], to: 'cancelled', by: ['resident'], label: '取消' },
  transfer: { from: ['accepted', 'in_progress'], by: ['assignee'], label: '转给其他村干部' },
  reschedule: { from: ['submitted', 'accepted'], by: ['resident'], label: '改约时间' },
  rate: { from: ['completed'], by: ['resident'], label: '评价' },
};

export function isOpen(state: CaseState): boolean {
  return OPEN_STATES.includes(state);
}

// The actions these parties may take in this state: what the API returns as `actions`.
// Conditions beyond the table (rate only once, reschedule only with a slot) are the service's.
export function allowedActions(state: CaseState, parties: readonly Party[]): CaseAction[] {
  return CASE_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(state) && TRANSITIONS[a].by.some((p) => parties.includes(p)));
}

// Replays a timeline: the state after each action, or an error naming the first bad step.
export function replay(actions: readonly CaseAction[]): CaseState {
  let state: CaseState = 'submitted';
  for (const action of actions) {
    const t = TRANSITIONS[action];
    if (!t.from.includes(state)) throw new Error(`${action} is not allowed in ${state}`);
    state = t.to ?? state;
  }
  return state;
}

// 好差评: five levels; the last two are 差评 and open a rectification.
export const RATING_LABELS: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
export const BAD_RATING_MAX = 2;
