// Regions rules: which codes are well formed, what exists, and the village lookups and scope
// checks other modules (users, cases, bookings) build on.
import { AppError } from '../../http/app-error';
import { isCodeOfLevel, levelOfCode } from './codes';
import type { RegionsRepository } from './repository';
import type { LivingRoom, RegionDetail, RegionSummary } from './schemas';

export { isVillageInTownship, isWithinRegion } from './codes';

export interface Village {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  countyName: string;
}

const regionNotFound = () => new AppError(404, 'REGION_NOT_FOUND', '没有找到这个地区，请返回重新选择');

function requireRegionCode(code: string): void {
  if (!levelOfCode(code)) {
    throw new AppError(400, 'BAD_REGION_CODE', '地区代码应为 6 位（县）、9 位（乡镇）或 12 位（村、社区）数字，请返回重新选择');
  }
}

export function createRegionsService(repo: RegionsRepository) {
  return {
    // The children of a county or township; with no parent, the counties.
    async listRegions(parent?: string): Promise<RegionSummary[]> {
      if (parent === undefined) return repo.listCounties();
      requireRegionCode(parent);
      if (!(await repo.findRegion(parent))) throw regionNotFound();
      return repo.listChildren(parent);
    },

    async getRegion(code: string): Promise<RegionDetail> {
      requireRegionCode(code);
      const path = await repo.findPath(code);
      const region = path.at(-1);
      if (!region || region.code !== code) throw regionNotFound();
      return {
        code: region.code,
        name: region.name,
        level: region.level,
        parentCode: region.parent_code,
        path: path.map((r) => ({ code: r.code, name: r.name, level: r.level })),
      };
    },

    async getLivingRoom(villageCode: string): Promise<LivingRoom> {
      if (!isCodeOfLevel(villageCode, 'village')) {
        throw new AppError(400, 'BAD_REGION_CODE', '村（社区）代码应为 12 位数字，请返回重新选择');
      }
      const room = await repo.findLivingRoom(villageCode);
      if (!room) throw new AppError(404, 'LIVING_ROOM_NOT_FOUND', '没有找到这个村（社区）的睦邻客厅，请返回重新选择');
      return room;
    },

    // The village with its township and county, or undefined when the code names no village:
    // the caller decides what that means (a bad profile field, a case for nowhere, …).
    async villageOf(code: string): Promise<Village | undefined> {
      if (!isCodeOfLevel(code, 'village')) return undefined;
      const path = await repo.findPath(code);
      if (path.length !== 3) return undefined;
      const [county, township, village] = path;
      return {
        code: village.code,
        name: village.name,
        townshipCode: township.code,
        townshipName: township.name,
        countyCode: county.code,
        countyName: county.name,
      };
    },
  };
}

export type RegionsService = ReturnType<typeof createRegionsService>;
