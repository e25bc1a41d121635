// What identity needs of the region tree: does a code exist and what is it. Scope checks
// (is a village inside a township) use the code structure in modules/regions/codes.ts.
import type { RegionsRepository } from '../regions/repository';
import type { RegionLevel } from '../regions/codes';

export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface RegionLookup {
  find(code: string): Promise<RegionInfo | undefined>;
}

export function createRegionLookup(repo: Pick<RegionsRepository, 'findRegion'>): RegionLookup {
  return {
    async find(code) {
      const row = await repo.findRegion(code);
      return row && { code: row.code, name: row.name, level: row.level as RegionLevel, parentCode: row.parent_code };
    },
  };
}
