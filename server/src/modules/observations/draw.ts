// The 月观摩 draw as a pure function, so anyone holding a draw's record (seed, candidates, count)
// can re-run it and get the same rooms: seedrandom's default ARC4 generator seeded with the seed
// text drives a Fisher–Yates shuffle of the first `count` places of the candidate list.
import { randomBytes } from 'node:crypto';
import seedrandom from 'seedrandom';

// Stored with every draw: if the method ever changes, old draws still say how they were made.
export const DRAW_ALGORITHM = 'seedrandom@3.0.5 arc4; partial Fisher–Yates over candidates sorted by village code';

export function drawRooms(seed: string, candidates: readonly string[], count: number): string[] {
  const rng = seedrandom(seed);
  const pool = [...candidates];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

// A fresh seed when the county does not choose one: 16 hex digits, shown and recorded.
export function randomSeed(): string {
  return randomBytes(8).toString('hex');
}
