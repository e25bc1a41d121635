import type { Migration } from 'kysely';
import { catalogue } from './0001_catalogue';
import { regions } from './0002_regions';
import { identity } from './0003_identity';
import { cases } from './0004_cases';
import { groups } from './0005_groups';
import { mediationsTalks } from './0006_mediations_talks';
import { scaleIndexes } from './0007_scale_indexes';
import { rateLimits } from './0008_rate_limits';

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
};
