// The people of the demo village offered on H5's "选择演示身份" screen (MULIN_DEV_LOGIN only).
import { DEMO_VILLAGES } from '../../db/seed/demo-regions';
import type { Role } from '../../http/access';

export interface DevIdentity {
  key: string;
  label: string;
  name: string;
  role: Role;
  villageCode: string;
}

const VILLAGE = DEMO_VILLAGES[0];

export const DEV_IDENTITIES: DevIdentity[] = [
  { key: 'resident', label: '村民：办事、预约代办', name: '王秀英', role: 'resident', villageCode: VILLAGE },
  { key: 'resident2', label: '村民：另一位邻居', name: '李德贵', role: 'resident', villageCode: VILLAGE },
  { key: 'leader', label: '村民：微家带头人', name: '赵桂兰', role: 'resident', villageCode: VILLAGE },
  { key: 'cadre', label: '值班村干部：受理和办理', name: '张建华', role: 'cadre', villageCode: VILLAGE },
  { key: 'township', label: '乡镇管理员：督办、发放绑定码', name: '刘芳', role: 'township_admin', villageCode: VILLAGE },
  { key: 'county', label: '县级管理员：全县统计', name: '陈明', role: 'county_admin', villageCode: VILLAGE },
];
