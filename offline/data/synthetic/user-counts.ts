import type { SeededRandom } from "./random.ts";
import type { ResolvedShape } from "./synthetic-params.ts";

/** Every user rates at least this many items when the total allows it. */
const MIN_PER_USER = 5;
/** Pareto tail index of the activity weights: smaller means a heavier tail. */
const PARETO_ALPHA = 1.5;
/** Caps one user's weight so no single user takes a large share of the ratings. */
const MAX_WEIGHT = 300;

/**
 * Ratings per user: a floor of a few each, the rest split by Pareto-distributed weights, each
 * user capped at the item count, and rounding leftovers handed out round-robin. Sums exactly.
 */
export function planUserCounts(shape: ResolvedShape, random: SeededRandom): Uint32Array {
  const { users, items, ratings } = shape;
  const floor = Math.min(MIN_PER_USER, Math.floor(ratings / users), items);
  const weights = new Float64Array(users);
  let total = 0;
  for (let u = 0; u < users; u++) {
    const w = Math.min(MAX_WEIGHT, (1 - random.next()) ** (-1 / PARETO_ALPHA));
    weights[u] = w;
    total += w;
  }
  const extra = ratings - floor * users;
  const counts = new Uint32Array(users);
  let assigned = 0;
  for (let u = 0; u < users; u++) {
    const count = Math.min(items, floor + Math.floor((extra * (weights[u] as number)) / total));
    counts[u] = count;
    assigned += count;
  }
  // Leftovers from rounding and capping; ratings <= users * items guarantees this ends.
  for (let u = 0; assigned < ratings; u = (u + 1) % users) {
    if ((counts[u] as number) < items) {
      counts[u] = (counts[u] as number) + 1;
      assigned += 1;
    }
  }
  return counts;
}
