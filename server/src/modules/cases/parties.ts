// Who a user is to one case, who may see it, and what they may do to it now: the state machine's
// table (states.ts) plus the conditions it leaves to the service.
import { isVillageInTownship, isWithinRegion, levelOfCode } from '../regions/codes';
import type { UserRow } from '../users/repository';
import { allowedActions, type CaseAction, type CaseState, type Party } from './states';

export interface CaseFacts {
  resident_id: string;
  village_code: string;
  assignee_id: string | null;
  status: string;
  slot_date: string | null;
}

// A cadre's own case is handled by a colleague: they are only its resident.
export function partiesOf(user: UserRow, c: CaseFacts): Party[] {
  if (c.resident_id === user.id) return ['resident'];
  if (user.role !== 'cadre' || user.scope_code !== c.village_code) return [];
  return c.assignee_id === user.id ? ['village_cadre', 'assignee'] : ['village_cadre'];
}

// Its resident, the cadres of its village, and admins whose region holds the village.
export function canSeeCase(user: UserRow, c: CaseFacts): boolean {
  if (c.resident_id === user.id) return true;
  const scope = user.scope_code;
  if (!scope) return false;
  switch (user.role) {
    case 'cadre':
      return scope === c.village_code;
    case 'township_admin':
      return isVillageInTownship(c.village_code, scope);
    case 'county_admin':
      return levelOfCode(scope) === 'county' && isWithinRegion(c.village_code, scope);
    default:
      return false;
  }
}

// Rescheduling needs a booked slot; a case is rated once.
export function caseActions(user: UserRow, c: CaseFacts, rated: boolean): CaseAction[] {
  return allowedActions(c.status as CaseState, partiesOf(user, c)).filter(
    (action) => (action !== 'reschedule' || c.slot_date !== null) && (action !== 'rate' || !rated),
  );
}

// The handling cadre needs the resident's number to call; everyone else sees it masked.
export function seesResidentPhone(user: UserRow, c: CaseFacts): boolean {
  return c.resident_id === user.id || (c.assignee_id === user.id && user.role === 'cadre');
}
