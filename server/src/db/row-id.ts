// Ids of new rows: UUIDv7, which start with the time, so each insert lands at the end of the id's
// index (one page shared by the rows of a commit) instead of on a random page of it.
import { v7 } from 'uuid';

export const newRowId = (): string => v7();
