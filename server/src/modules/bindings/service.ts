// Binding codes: how a person takes a cadre or admin role. An admin issues a one-time code for
// a region inside their own; the person types it in 我的. Codes expire in 24 h, work once and
// are stored only as a hash.
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import type { Role } from '../../http/access';
import { maskPhone } from '../users/mask';
import { isWithinRegion, type RegionLevel } from '../regions/codes';
import type { RegionLookup } from '../users/regions';
import type { UserRow } from '../users/repository';

export const BINDING_CODE_TTL_HOURS = 24;
// No 0/O, 1/I/L: read aloud over the phone to a cadre, they must not be confused.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type GrantableRole = Exclude<Role, 'resident'>;

const LEVEL_OF_ROLE: Record<GrantableRole, RegionLevel> = {
  cadre: 'village',
  township_admin: 'township',
  county_admin: 'county',
};

// Who may hand out which role: a township admin makes cadres in its township; a county admin
// makes cadres, township admins and fellow county admins in its county.
const ISSUABLE: Partial<Record<Role, GrantableRole[]>> = {
  township_admin: ['cadre'],
  county_admin: ['cadre', 'township_admin', 'county_admin'],
};

export interface IssueInput {
  role: GrantableRole;
  scopeCode: string;
  name?: string;
  phone?: string;
}

export interface IssuedCode {
  code: string;
  role: GrantableRole;
  scope: { code: string; name: string };
  expiresAt: string;
}

export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const hashCode = (code: string) => createHash('sha256').update(normalizeCode(code)).digest('base64url');

function newCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export function createBindingService({ db, regions }: { db: Db; regions: RegionLookup }) {
  const scopeFor = async (role: GrantableRole, scopeCode: string) => {
    const region = await regions.find(scopeCode);
    if (!region || region.level !== LEVEL_OF_ROLE[role]) {
      throw new AppError(400, 'SCOPE_INVALID', role === 'cadre' ? '请选择一个村（社区）' : role === 'township_admin' ? '请选择一个乡镇（街道）' : '请选择一个县');
    }
    return region;
  };

  const store = async (role: GrantableRole, scopeCode: string, issuedBy: string | null, name?: string, phone?: string) => {
    const code = newCode();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + BINDING_CODE_TTL_HOURS * 3_600_000).toISOString();
    await db
      .insertInto('binding_codes')
      .values({
        code_hash: hashCode(code),
        role,
        scope_code: scopeCode,
        name: name ?? null,
        phone: phone ?? null,
        issued_by: issuedBy,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
        used_by: null,
      })
      .execute();
    return { code, expiresAt };
  };

  return {
    async issue(issuer: UserRow, input: IssueInput): Promise<IssuedCode> {
      if (!ISSUABLE[issuer.role as Role]?.includes(input.role)) {
        throw new AppError(403, 'FORBIDDEN', '您不能发放这种身份的绑定码');
      }
      const scope = await scopeFor(input.role, input.scopeCode);
      if (!issuer.scope_code || !isWithinRegion(scope.code, issuer.scope_code)) {
        throw new AppError(403, 'SCOPE_FORBIDDEN', '只能为您管辖范围内的村（社区）发放绑定码');
      }
      const { code, expiresAt } = await store(input.role, scope.code, issuer.id, input.name, input.phone);
      return { code, role: input.role, scope: { code: scope.code, name: scope.name }, expiresAt };
    },

    // The first county admin has nobody to issue a code: the operator runs a command.
    async issueBootstrap(input: IssueInput): Promise<IssuedCode> {
      const scope = await scopeFor(input.role, input.scopeCode);
      const { code, expiresAt } = await store(input.role, scope.code, null, input.name, input.phone);
      return { code, role: input.role, scope: { code: scope.code, name: scope.name }, expiresAt };
    },

    async listIssued(issuer: UserRow) {
      const rows = await db
        .selectFrom('binding_codes')
        .select(['role', 'scope_code', 'name', 'phone', 'created_at', 'expires_at', 'used_at'])
        .where('issued_by', '=', issuer.id)
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute();
      const now = new Date().toISOString();
      return rows.map((r) => ({
        role: r.role,
        scopeCode: r.scope_code,
        name: r.name,
        phone: maskPhone(r.phone),
        issuedAt: r.created_at,
        expiresAt: r.expires_at,
        status: (r.used_at ? 'used' : r.expires_at <= now ? 'expired' : 'open') as 'used' | 'expired' | 'open',
      }));
    },

    async redeem(user: UserRow, code: string): Promise<void> {
      const codeHash = hashCode(code);
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('binding_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
        const now = new Date().toISOString();
        if (!row) throw new AppError(400, 'BINDING_CODE_INVALID', '绑定码不对，请核对后重新输入');
        if (row.used_at) throw new AppError(409, 'BINDING_CODE_USED', '这个绑定码已经用过了，请向管理员重新索取');
        if (row.expires_at <= now) throw new AppError(409, 'BINDING_CODE_EXPIRED', '绑定码已过期（24小时内有效），请向管理员重新索取');
        const role = row.role as GrantableRole;
        if (role === 'cadre' && user.village_code && user.village_code !== row.scope_code) {
          throw new AppError(409, 'BINDING_CODE_WRONG_VILLAGE', '这个绑定码是其他村（社区）的，和您资料里的村不一致');
        }
        // Conditional: two people typing the same code at once cannot both take it.
        const taken = await trx
          .updateTable('binding_codes')
          .set({ used_at: now, used_by: user.id })
          .where('code_hash', '=', codeHash)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) !== 1) throw new AppError(409, 'BINDING_CODE_USED', '这个绑定码已经用过了，请向管理员重新索取');
        await trx
          .updateTable('users')
          .set({
            role,
            scope_code: row.scope_code,
            village_code: role === 'cadre' ? row.scope_code : user.village_code,
            name: user.name ?? row.name,
            phone: user.phone ?? row.phone,
            updated_at: now,
          })
          .where('id', '=', user.id)
          .execute();
      });
    },
  };
}

export type BindingService = ReturnType<typeof createBindingService>;
