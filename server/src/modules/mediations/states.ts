// The mediation (和事佬) state machine as data: who may do what in which state.
export const MEDIATION_KINDS = ['neighbours', 'family', 'land', 'other'] as const;
export type MediationKind = (typeof MEDIATION_KINDS)[number];

export const KIND_LABELS: Record<MediationKind, string> = { neighbours: '邻里纠纷', family: '家庭矛盾', land: '土地纠纷', other: '其他纠纷' };

export const MEDIATION_STATES = ['open', 'in_progress', 'resolved', 'referred', 'withdrawn'] as const;
export type MediationState = (typeof MEDIATION_STATES)[number];

export const STATE_LABELS: Record<MediationState, string> = {
  open: '等待和事佬接手',
  in_progress: '调解中',
  resolved: '调解成功',
  referred: '未调解成功，已建议转办',
  withdrawn: '已撤回',
};

export const OPEN_STATES: readonly MediationState[] = ['open', 'in_progress'];

// Who, relative to one mediation: the resident who asked, any mediator of the village (its cadres
// and its 和事佬 leaders), the mediator who took it.
export type MediationParty = 'resident' | 'mediator' | 'handler';

export const MEDIATION_ACTIONS = ['take', 'message', 'record_outcome', 'withdraw'] as const;
export type MediationAction = (typeof MEDIATION_ACTIONS)[number];

export const RULES: Record<MediationAction, { from: readonly MediationState[]; by: readonly MediationParty[] }> = {
  take: { from: ['open'], by: ['mediator'] },
  message: { from: ['open', 'in_progress'], by: ['resident', 'mediator'] },
  // The mediator who took it records the outcome; a village cadre may do it for them.
  record_outcome: { from: ['in_progress'], by: ['handler'] },
  withdraw: { from: ['open'], by: ['resident'] },
};

export function allowedActions(state: MediationState, parties: readonly MediationParty[]): MediationAction[] {
  return MEDIATION_ACTIONS.filter((a) => RULES[a].from.includes(state) && RULES[a].by.some((p) => parties.includes(p)));
}
