// PostgreSQL: a condition that makes the statement it sits in commit without waiting for the
// disk flush. A single statement is its own transaction, so set_config(…, true) lasts exactly as
// long as it does; one round trip instead of begin / set local / statement / commit. For writes
// whose loss in a power cut does no harm, or whose WAL any later durable commit flushes anyway.
import { sql } from 'kysely';

export const UNFLUSHED = sql<boolean>`set_config('synchronous_commit', 'off', true) is not null`;
