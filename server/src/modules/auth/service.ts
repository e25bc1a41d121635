// Signing in: WeChat login code → openid → user → a short access token and a refresh token.
// The session_key WeChat returns stays here; nothing of it reaches the client or the logs.
import { AppError } from '../../http/app-error';
import type { Role } from '../../http/access';
import type { WechatClient } from '../../platform/wechat/client';
import type { RegionLookup } from '../users/regions';
import type { UserRepository, UserRow } from '../users/repository';
import { ACCESS_TOKEN_TTL_SECONDS } from './access-hook';
import { DEV_IDENTITIES } from './dev-identities';
import type { RefreshTokens } from './refresh-tokens';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface DevLoginInput {
  name: string;
  role?: Role;
  villageCode?: string;
}

interface Deps {
  users: UserRepository;
  tokens: RefreshTokens;
  regions: RegionLookup;
  wechat: WechatClient;
  signAccess: (sub: string) => string;
  devLoginAllowed: boolean;
}

export function createAuthService({ users, tokens, regions, wechat, signAccess, devLoginAllowed }: Deps) {
  const pair = async (user: UserRow): Promise<TokenPair> => ({
    accessToken: signAccess(user.id),
    refreshToken: await tokens.issue(user.id),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  });

  return {
    async loginWithWechat(code: string): Promise<TokenPair> {
      const { openid, unionid } = await wechat.code2Session(code);
      return pair(await users.upsertByOpenid({ openid, unionid }));
    },

    // Demo and tests only: a named identity of a demo village, no WeChat involved.
    async devLogin({ name, role = 'resident', villageCode }: DevLoginInput): Promise<TokenPair> {
      if (!devLoginAllowed) throw new AppError(403, 'DEV_LOGIN_DISABLED', '演示登录未开启');
      let scopeCode: string | undefined;
      if (villageCode !== undefined || role !== 'resident') {
        const village = villageCode === undefined ? undefined : await regions.find(villageCode);
        if (!village || village.level !== 'village') throw new AppError(400, 'VILLAGE_NOT_FOUND', '没有这个村（社区），请重新选择');
        scopeCode = role === 'resident' ? undefined : scopeOf(role, village.code);
      }
      const user = await users.upsertByOpenid({
        openid: `dev:${role}:${villageCode ?? '-'}:${name}`,
        name,
        role,
        scopeCode,
        villageCode,
      });
      return pair(user);
    },

    async devIdentities() {
      if (!devLoginAllowed) throw new AppError(403, 'DEV_LOGIN_DISABLED', '演示登录未开启');
      const out = [];
      for (const identity of DEV_IDENTITIES) {
        const village = await regions.find(identity.villageCode);
        if (village) out.push({ ...identity, villageName: village.name });
      }
      return out;
    },

    async refresh(refreshToken: string): Promise<TokenPair> {
      const user = await users.findById(await tokens.consume(refreshToken));
      if (!user || user.deleted_at) throw new AppError(401, 'REFRESH_INVALID', '登录已失效，请重新登录');
      return pair(user);
    },

    logout(refreshToken: string): Promise<void> {
      return tokens.revoke(refreshToken);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

// Region codes nest: a village's first 9 digits are its township, the first 6 its county.
export function scopeOf(role: Role, villageCode: string): string | undefined {
  if (role === 'cadre') return villageCode;
  if (role === 'township_admin') return villageCode.slice(0, 9);
  if (role === 'county_admin') return villageCode.slice(0, 6);
  return undefined;
}
