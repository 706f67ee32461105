/**
 * Trending counts with exponential time decay and no decay job. An event at time t adds 2^((t - start) / h) to
 * its item's score in the sorted set of its epoch (an epoch spans EPOCH_HALF_LIVES half-lives h and starts at
 * `start`). Within one epoch, scores rank exactly like counts decayed to any common time, because every
 * score shrinks by the same factor as time passes; reading the current and the previous epoch covers at least
 * EPOCH_HALF_LIVES half-lives of history while keeping every score below 2^EPOCH_HALF_LIVES.
 */
export const EPOCH_HALF_LIVES = 32;

/** The epoch an event time falls in, and the weight it adds there. */
export function trendingIncrement(timestamp: number, halfLifeMs: number): { epoch: number; weight: number } {
  const span = halfLifeMs * EPOCH_HALF_LIVES;
  const epoch = Math.floor(timestamp / span);
  return { epoch, weight: 2 ** ((timestamp - epoch * span) / halfLifeMs) };
}

/** A stored score of `epoch` as a count decayed to time `now` (each event counts 1 at its own time). */
export function decayedCount(score: number, epoch: number, now: number, halfLifeMs: number): number {
  const start = epoch * halfLifeMs * EPOCH_HALF_LIVES;
  return score * 2 ** ((start - now) / halfLifeMs);
}

/** The epoch of time `now`; read it and the one before it. */
export function currentEpoch(now: number, halfLifeMs: number): number {
  return Math.floor(now / (halfLifeMs * EPOCH_HALF_LIVES));
}
