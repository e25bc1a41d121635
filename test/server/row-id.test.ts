// New rows' ids sort in the order the rows were made (UUIDv7), so an insert lands at the end of
// the id's index instead of on a random page of it (fewer pages per commit on either database).
import { newRowId } from '../../server/src/db/row-id';

describe('row ids', () => {
  it('are UUIDs that sort in the order they were made, many to a millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newRowId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});
