import type { Migration } from 'kysely';
import { catalogue } from './0001_catalogue';
import { regions } from './0002_regions';
import { identity } from './0003_identity';
import { cases } from './0004_cases';

// A static list rather than a folder scan, so it works the same under tsx, jest and a bundle.
// Names sort in the order they run; never rename or edit one that has shipped.
export const migrations: Record<string, Migration> = {
  '0001_catalogue': catalogue,
  '0002_regions': regions,
  '0003_identity': identity,
  '0004_cases': cases,
};
