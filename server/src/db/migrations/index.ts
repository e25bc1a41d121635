import type { Migration } from 'kysely';
import { catalogue } from './0001_catalogue';

// A static list rather than a folder scan, so it works the same under tsx, jest and a bundle.
// Names sort in the order they run; never rename or edit one that has shipped.
export const migrations: Record<string, Migration> = {
  '0001_catalogue': catalogue,
};
