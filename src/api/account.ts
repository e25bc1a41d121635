import Taro from '@tarojs/taro';
import { request } from './client';
import { authed, getSession, setSession, type TokenPair } from './session';

export type Role = 'resident' | 'cadre' | 'township_admin' | 'county_admin';

export const ROLE_LABELS: Record<Role, string> = {
  resident: '村民',
  cadre: '村干部',
  township_admin: '乡镇管理员',
  county_admin: '县级管理员',
};

export interface Me {
  id: string;
  name: string | null;
  phone: string | null;
  role: Role;
  village: { code: string; name: string; township: { code: string; name: string } | null } | null;
  scope: { code: string; name: string; level: string } | null;
  privacy: { version: string | null; agreedAt: string | null; current: boolean; currentVersion: string };
  profileComplete: boolean;
}

export interface DemoIdentity {
  key: string;
  label: string;
  name: string;
  role: Role;
  villageCode: string;
  villageName: string;
}

export interface Region {
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
}

export async function loginWithWechat(): Promise<void> {
  const { code } = await Taro.login();
  setSession((await request<TokenPair>('/api/v1/auth/wechat', { method: 'POST', data: { code } })).data);
}

export async function loginAsDemo(identity: Pick<DemoIdentity, 'name' | 'role' | 'villageCode'>): Promise<void> {
  setSession((await request<TokenPair>('/api/v1/auth/dev', { method: 'POST', data: identity })).data);
}

export async function demoIdentities(): Promise<DemoIdentity[]> {
  return (await request<{ items: DemoIdentity[] }>('/api/v1/auth/dev/identities')).data.items;
}

export async function logout(): Promise<void> {
  const session = getSession();
  setSession(null);
  if (session) await request('/api/v1/auth/logout', { method: 'POST', data: { refreshToken: session.refreshToken } }).catch(() => undefined);
}

export const fetchMe = () => authed<Me>('/api/v1/me');
export const updateMe = (patch: { name?: string; phone?: string; villageCode?: string }) =>
  authed<Me>('/api/v1/me', { method: 'PATCH', data: patch });
export const agreePrivacy = (version: string) => authed<Me>('/api/v1/me/privacy', { method: 'POST', data: { version } });
export const phoneFromWechat = (code: string) => authed<Me>('/api/v1/me/phone', { method: 'POST', data: { code } });
export const redeemBinding = (code: string) => authed<Me>('/api/v1/me/binding', { method: 'POST', data: { code } });
export const exportMyData = () => authed<unknown>('/api/v1/me/export');
export const closeAccount = async () => {
  await authed<null>('/api/v1/me', { method: 'DELETE' });
  setSession(null);
};
export const issueBinding = (input: { role: Exclude<Role, 'resident'>; scopeCode: string; name?: string; phone?: string }) =>
  authed<{ code: string; expiresAt: string; scope: { code: string; name: string } }>('/api/v1/bindings', { method: 'POST', data: input });

export async function listRegions(parent?: string): Promise<Region[]> {
  return (await request<{ items: Region[] }>(`/api/v1/regions${parent ? `?parent=${parent}` : ''}`)).data.items;
}
