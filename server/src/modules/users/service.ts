// A person's own account: profile, privacy agreement, phone, export and closing the account.
import { AppError } from '../../http/app-error';
import { isWithinRegion } from '../regions/codes';
import type { Db } from '../../db/database';
import type { WechatClient } from '../../platform/wechat/client';
import { erasePersonalData, exportPersonalData } from './personal-data';
import type { RegionInfo, RegionLookup } from './regions';
import type { UserRepository, UserRow } from './repository';

// Bump when the privacy text changes: everyone agrees again before sending personal data.
export const PRIVACY_VERSION = '2026-11-v1';
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
const NAME_PATTERN = /^[\u4e00-\u9fa5·A-Za-z ]{1,20}$/;

export interface ProfileInput {
  name?: string;
  phone?: string;
  villageCode?: string;
}

export interface MeView {
  id: string;
  name: string | null;
  phone: string | null;
  role: string;
  village: { code: string; name: string; township: { code: string; name: string } | null } | null;
  scope: { code: string; name: string; level: string } | null;
  privacy: { version: string | null; agreedAt: string | null; current: boolean; currentVersion: string };
  profileComplete: boolean;
}

interface Deps {
  db: Db;
  users: UserRepository;
  regions: RegionLookup;
  wechat: WechatClient;
}

export function createUserService({ db, users, regions, wechat }: Deps) {
  const requirePrivacy = (user: UserRow) => {
    if (user.privacy_version !== PRIVACY_VERSION) {
      throw new AppError(403, 'PRIVACY_NOT_AGREED', '请先阅读并同意《隐私保护指引》');
    }
  };

  const view = async (id: string): Promise<MeView> => {
    const user = await users.findById(id);
    if (!user) throw new AppError(404, 'USER_NOT_FOUND', '账号不存在');
    const village = user.village_code ? await regions.find(user.village_code) : undefined;
    const township = village?.parentCode ? await regions.find(village.parentCode) : undefined;
    const scope: RegionInfo | undefined = user.scope_code ? await regions.find(user.scope_code) : undefined;
    return {
      id: user.id,
      name: user.name,
      phone: user.phone,
      role: user.role,
      village: village ? { code: village.code, name: village.name, township: township ? { code: township.code, name: township.name } : null } : null,
      scope: scope ? { code: scope.code, name: scope.name, level: scope.level } : null,
      privacy: {
        version: user.privacy_version,
        agreedAt: user.privacy_agreed_at,
        current: user.privacy_version === PRIVACY_VERSION,
        currentVersion: PRIVACY_VERSION,
      },
      profileComplete: Boolean(user.name && user.phone && user.village_code),
    };
  };

  return {
    getMe: (user: UserRow) => view(user.id),

    async updateProfile(user: UserRow, input: ProfileInput): Promise<MeView> {
      const patch: { name?: string; phone?: string; village_code?: string } = {};
      if (input.name !== undefined) {
        const name = input.name.trim();
        if (!NAME_PATTERN.test(name)) throw new AppError(400, 'NAME_INVALID', '姓名请填1到20个字');
        patch.name = name;
      }
      if (input.phone !== undefined) {
        requirePrivacy(user);
        if (!PHONE_PATTERN.test(input.phone)) throw new AppError(400, 'PHONE_INVALID', '手机号应为11位数字，请检查');
        patch.phone = input.phone;
      }
      if (input.villageCode !== undefined) {
        const village = await regions.find(input.villageCode);
        if (!village || village.level !== 'village') throw new AppError(400, 'VILLAGE_NOT_FOUND', '没有这个村（社区），请重新选择');
        patch.village_code = village.code;
      }
      await users.updateProfile(user.id, patch);
      return view(user.id);
    },

    async agreePrivacy(user: UserRow, version: string): Promise<MeView> {
      if (version !== PRIVACY_VERSION) throw new AppError(409, 'PRIVACY_VERSION_OUTDATED', '隐私保护指引已更新，请刷新后重新阅读');
      await users.agreePrivacy(user.id, version);
      return view(user.id);
    },

    // weapp: the getPhoneNumber button gives a one-time code that only the server can redeem.
    async setPhoneFromWechat(user: UserRow, code: string): Promise<MeView> {
      requirePrivacy(user);
      const { purePhoneNumber } = await wechat.getPhoneNumber(code);
      if (!PHONE_PATTERN.test(purePhoneNumber)) throw new AppError(400, 'PHONE_INVALID', '暂不支持这个手机号，请手动填写');
      await users.updateProfile(user.id, { phone: purePhoneNumber });
      return view(user.id);
    },

    // A village's cadres (to hand a case over): for its cadres and the admins above it.
    async villageCadres(user: UserRow, villageCode: string) {
      if (!user.scope_code || !isWithinRegion(villageCode, user.scope_code)) {
        throw new AppError(403, 'SCOPE_FORBIDDEN', '只能查看您负责的村（社区）');
      }
      return users.cadresOf(villageCode);
    },

    exportData: (user: UserRow) => exportPersonalData(db, user.id),

    closeAccount: (user: UserRow) => erasePersonalData(db, user.id),
  };
}

export type UserService = ReturnType<typeof createUserService>;
