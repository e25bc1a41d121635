// Whose data an admin sees in 月观摩 and the band: a county admin the county, a township admin
// the township. Any other caller, or an admin without a proper region, is refused.
import { AppError } from '../../http/app-error';
import { isWithinRegion, levelOfCode } from '../regions/codes';
import type { UserRow } from '../users/repository';

export interface AdminScope {
  level: 'county' | 'township';
  code: string;
}

export const scopeForbidden = (message = '这不在您管辖的范围内') => new AppError(403, 'SCOPE_FORBIDDEN', message);

export function adminScope(user: UserRow): AdminScope {
  const code = user.scope_code ?? '';
  const level = levelOfCode(code);
  if (user.role === 'county_admin' && level === 'county') return { level, code };
  if (user.role === 'township_admin' && level === 'township') return { level, code };
  throw scopeForbidden('只有县、乡镇（街道）管理员可以查看');
}

// The region prefix to read: the admin's own, or a township inside it; another township is 403.
export function narrowTo(scope: AdminScope, townshipCode: string | undefined): string {
  if (!townshipCode || townshipCode === scope.code) return scope.code;
  if (levelOfCode(townshipCode) === 'township' && isWithinRegion(townshipCode, scope.code)) return townshipCode;
  throw scopeForbidden('只能查看本辖区的乡镇（街道）');
}
