// The structure of China's statistical division codes (统计用区划代码) as the app uses them:
// 6 digits for a county, 9 for a township (乡镇/街道), 12 for a village (村/社区), each code
// starting with its parent's. Scope checks rely on it, so they need no database.
export const REGION_LEVELS = ['county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const CODE_LENGTHS: Record<RegionLevel, number> = { county: 6, township: 9, village: 12 };

export function levelOfCode(code: string): RegionLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  return REGION_LEVELS.find((level) => CODE_LENGTHS[level] === code.length);
}

export function isCodeOfLevel(code: string, level: RegionLevel): boolean {
  return levelOfCode(code) === level;
}

// The codes of the region's county, township and itself, as far as its level goes.
export function pathCodes(code: string): string[] {
  const level = levelOfCode(code);
  if (!level) return [];
  return REGION_LEVELS.slice(0, REGION_LEVELS.indexOf(level) + 1).map((l) => code.slice(0, CODE_LENGTHS[l]));
}

// True when `code` is the region `scope` or lies inside it, e.g. a village in a township
// admin's township or a county admin's county.
export function isWithinRegion(code: string, scope: string): boolean {
  return levelOfCode(code) !== undefined && levelOfCode(scope) !== undefined && code.startsWith(scope);
}

export function isVillageInTownship(villageCode: string, townshipCode: string): boolean {
  return isCodeOfLevel(villageCode, 'village') && isCodeOfLevel(townshipCode, 'township') && villageCode.startsWith(townshipCode);
}
