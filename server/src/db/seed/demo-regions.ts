// Demo regions (MULIN_DEMO): 岳池县, 四川省广安市 (511621), with four of its towns and three
// villages each, every village with a living room. The town names are real; their codes follow
// the county's statistical numbering as far as it could be checked, not an official download.
// The villages are illustrative, not the towns' real villages: a real county loads its official
// list with `npm run regions:import -- --file villages.csv`.
import { livingRoomName } from '../../modules/regions/import';
import { createRegionsRepository, type NewLivingRoom, type RegionRow } from '../../modules/regions/repository';
import type { Room } from '../../modules/regions/schemas';
import type { Db } from '../database';

interface DemoTownship {
  code: string;
  name: string;
  villages: { code: string; name: string; proxyPoint: boolean }[];
}

export const DEMO_COUNTY = { code: '511621', name: '岳池县' } as const;

const townships: DemoTownship[] = [
  {
    code: '511621102',
    name: '坪滩镇',
    villages: [
      { code: '511621102201', name: '桂花村', proxyPoint: true },
      { code: '511621102202', name: '石桥村', proxyPoint: false },
      { code: '511621102203', name: '青龙村', proxyPoint: true },
    ],
  },
  {
    code: '511621110',
    name: '顾县镇',
    villages: [
      { code: '511621110201', name: '白鹤村', proxyPoint: true },
      { code: '511621110202', name: '柏林村', proxyPoint: false },
      { code: '511621110203', name: '双河村', proxyPoint: false },
    ],
  },
  {
    code: '511621111',
    name: '苟角镇',
    villages: [
      { code: '511621111201', name: '金竹村', proxyPoint: false },
      { code: '511621111202', name: '红岩村', proxyPoint: true },
      { code: '511621111203', name: '响水村', proxyPoint: false },
    ],
  },
  {
    code: '511621115',
    name: '罗渡镇',
    villages: [
      { code: '511621115201', name: '杨柳村', proxyPoint: true },
      { code: '511621115202', name: '龙井村', proxyPoint: false },
      { code: '511621115203', name: '松林村', proxyPoint: true },
    ],
  },
];

export const DEMO_TOWNSHIPS: readonly string[] = townships.map((t) => t.code);
// The first is the default demo village (桂花村, 坪滩镇): tests and the demo name it.
export const DEMO_VILLAGES: readonly string[] = townships.flatMap((t) => t.villages.map((v) => v.code));

const ROOMS: Room[] = [
  { id: 'service', name: '便民服务室', kind: 'service' },
  { id: 'studio', name: '微家工作室', kind: 'studio' },
  { id: 'activity', name: '微家活动室', kind: 'activity' },
];

const HOURS = '工作日 9:00—12:00，14:00—17:30';

export interface DemoRegionsResult {
  counties: number;
  townships: number;
  villages: number;
  livingRooms: number;
}

type DemoLivingRoom = Omit<NewLivingRoom, 'updated_at' | 'slot_capacity'>;

function regionRows(): RegionRow[] {
  return [
    { ...DEMO_COUNTY, level: 'county', parent_code: null, sort: 1 },
    ...townships.map((t, i): RegionRow => ({ code: t.code, name: t.name, level: 'township', parent_code: DEMO_COUNTY.code, sort: i + 1 })),
    ...townships.flatMap((t) =>
      t.villages.map((v, i): RegionRow => ({ code: v.code, name: v.name, level: 'village', parent_code: t.code, sort: i + 1 })),
    ),
  ];
}

function livingRoomRows(): DemoLivingRoom[] {
  return townships.flatMap((t) =>
    t.villages.map((v) => ({
      village_code: v.code,
      name: livingRoomName(v.name),
      address: `${DEMO_COUNTY.name}${t.name}${v.name}村委会`,
      // Illustrative villages have no real place on a map.
      lat: null,
      lng: null,
      hours: HOURS,
      // No duty phone is invented: the app shows none rather than a number nobody answers.
      phone: '',
      proxy_point: v.proxyPoint ? 1 : 0,
      rooms: JSON.stringify(ROOMS),
    })),
  );
}

// Idempotent: the files win, and a living room is rewritten (and its updated_at moved) only
// when its demo content changed.
export async function seedDemoRegions(db: Db): Promise<DemoRegionsResult> {
  return db.transaction().execute(async (trx) => {
    const repo = createRegionsRepository(trx);
    const regions = regionRows();
    await repo.upsertRegions(regions);

    const rooms = livingRoomRows();
    const existing = await repo.livingRoomsByCode(rooms.map((r) => r.village_code));
    const changed = rooms.filter((room) => {
      const old = existing.get(room.village_code);
      return !old || (Object.keys(room) as (keyof DemoLivingRoom)[]).some((k) => old[k] !== room[k]);
    });
    const now = new Date().toISOString();
    await repo.upsertLivingRooms(changed.map((room) => ({ ...room, updated_at: now })));

    return {
      counties: 1,
      townships: townships.length,
      villages: DEMO_VILLAGES.length,
      livingRooms: rooms.length,
    };
  });
}
