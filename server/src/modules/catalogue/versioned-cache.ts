// Catalogue answers computed once per catalogue version (a counter the database bumps on every
// change to services or categories, migration 0011), so every process sharing one database sees
// an edit on its next request. A read starts once the current turn of the event loop is done, so
// the requests that turn brought in share it, and those arriving while it is in flight share the
// next one: one query per turn or round trip however many requests wait.
import { createHash } from 'node:crypto';

export interface CachedBody {
  body: string;
  etag: string;
}

export interface Generation {
  readonly version: string;
  // Data derived from the catalogue (rows, ranked lists): kept for the whole version.
  data<T>(key: string, build: () => Promise<T>): Promise<T>;
  // Serialised answers with their ETags; at most `maxResponses` (searches are open-ended).
  response(key: string, build: () => Promise<string>): Promise<CachedBody>;
}

export interface VersionedCache {
  // A generation at least as new as the database was when this was called.
  fresh(): Promise<Generation>;
}

export const strongEtag = (body: string) => `"${createHash('sha256').update(body).digest('base64url')}"`;

function createGeneration(version: string, maxResponses: number): Generation {
  const data = new Map<string, Promise<unknown>>();
  const responses = new Map<string, Promise<CachedBody>>();
  // A failed build (a 404, a bad cursor) is not kept: the next request tries again.
  const remember = <T>(map: Map<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> => {
    const known = map.get(key);
    if (known) return known;
    const made = build();
    map.set(key, made);
    made.catch(() => map.delete(key));
    return made;
  };
  return {
    version,
    data: <T>(key: string, build: () => Promise<T>) => remember(data as Map<string, Promise<T>>, key, build),
    response(key, build) {
      const known = responses.get(key);
      if (known) {
        // Least recently used goes first: a hit moves to the back.
        responses.delete(key);
        responses.set(key, known);
        return known;
      }
      const made = remember(responses, key, async () => {
        const body = await build();
        return { body, etag: strongEtag(body) };
      });
      if (responses.size > maxResponses) responses.delete(responses.keys().next().value as string);
      return made;
    },
  };
}

// After the I/O callbacks of this turn (each request the poll phase delivers runs its hooks there).
const turnEnd = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createVersionedCache(readVersion: () => Promise<string>, { maxResponses = 500 } = {}): VersionedCache {
  let generation = createGeneration('', maxResponses);
  // The read not yet started, which late arrivals join; and the one in flight, which they must not
  // join (it may have read the database before they arrived).
  let waiting: Promise<Generation> | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();

  return {
    fresh() {
      if (waiting) return waiting;
      const next = inFlight.then(turnEnd).then(async () => {
        waiting = null;
        const version = await readVersion();
        if (version !== generation.version) generation = createGeneration(version, maxResponses);
        return generation;
      });
      waiting = next;
      inFlight = next.catch(() => undefined);
      return next;
    },
  };
}
