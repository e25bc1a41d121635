import type { Migration } from 'kysely';
import { catalogue } from './0001_catalogue';
import { regions } from './0002_regions';
import { identity } from './0003_identity';
import { cases } from './0004_cases';
import { groups } from './0005_groups';
import { mediationsTalks } from './0006_mediations_talks';
import { scaleIndexes } from './0007_scale_indexes';
import { rateLimits } from './0008_rate_limits';
import { oversight } from './0009_oversight';
import { catalogueVersions } from './0010_catalogue_versions';
import { perfIndexes } from './0011_perf_indexes';
import { figures } from './0012_figures';
import { monthCountsCover } from './0013_month_counts_cover';
import { holidaysVersion } from './0014_holidays_version';
import { rateLimitsUnlogged } from './0015_rate_limits_unlogged';

// A static list rather than a folder scan, so it works the same under tsx, jest and a bundle.
// Names sort in the order they run; never rename or edit one that has shipped.
export const migrations: Record<string, Migration> = {
  '0001_catalogue': catalogue,
  '0002_regions': regions,
  '0003_identity': identity,
  '0004_cases': cases,
  '0005_groups': groups,
  '0006_mediations_talks': mediationsTalks,
  '0007_scale_indexes': scaleIndexes,
  '0008_rate_limits': rateLimits,
  '0009_oversight': oversight,
  '0010_catalogue_versions': catalogueVersions,
  '0011_perf_indexes': perfIndexes,
  '0012_figures': figures,
  '0013_month_counts_cover': monthCountsCover,
  '0014_holidays_version': holidaysVersion,
  '0015_rate_limits_unlogged': rateLimitsUnlogged,
};
