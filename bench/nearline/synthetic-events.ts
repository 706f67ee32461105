import { seededRandom } from "../../core/ann/random.ts";
import type { ItemRecord } from "../../core/ports/index.ts";
import type { ClickEvent, RatingEvent, StarlingEvent } from "../../schemas/index.ts";

/** What the nearline benchmark generates: users, a catalogue, and events in time order. */
export interface SyntheticShape {
  readonly users: number;
  readonly items: number;
  /** Share of events that are clicks; the rest are ratings. */
  readonly clickShare: number;
  readonly seed: number;
}

const GENRES = [
  "Action",
  "Adventure",
  "Animation",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Horror",
  "Mystery",
  "Romance",
  "Sci-Fi",
  "Thriller",
  "Western",
];
/** Half stars 0.5..5 and how often each is given: skewed toward 3.5-4, so about 60% are likes (>= 3.5). */
const STARS = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
const STAR_WEIGHTS = [1, 3, 2, 6, 5, 15, 17, 24, 12, 15];
/** Zipf exponent of item popularity: a few items get most events, as in real rating data. */
const ITEM_SKEW = 0.9;

export const userIdOf = (u: number) => `u${u}`;
export const itemIdOf = (i: number) => `i${i}`;

/** Cumulative weights, for drawing index i with probability weights[i] / sum by binary search. */
function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

function draw(cum: Float64Array, u: number): number {
  const target = u * (cum[cum.length - 1] as number);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The catalogue: every item with one to three distinct genres, seeded. */
export function syntheticCatalogue(shape: SyntheticShape): ItemRecord[] {
  const random = seededRandom(shape.seed * 7 + 1);
  return Array.from({ length: shape.items }, (_, i) => {
    const count = 1 + Math.floor(random.uniform() * 3);
    const genres = new Set<string>();
    while (genres.size < count) genres.add(GENRES[Math.floor(random.uniform() * GENRES.length)] as string);
    return {
      itemId: itemIdOf(i),
      title: `Item ${i}`,
      year: 1990 + (i % 35),
      genres: [...genres],
      eligible: true,
    };
  });
}

/** One model's item vectors: uniform in [-1, 1), seeded per model. */
export function syntheticVectors(items: number, dimension: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: items }, () => {
    const v = new Float32Array(dimension);
    for (let d = 0; d < dimension; d++) v[d] = random.uniform() * 2 - 1;
    return v;
  });
}

/**
 * `count` events with strictly increasing times `spacingMs` apart ending at `endAt`, so each user's events are in
 * time order too. Users are drawn uniformly, items by Zipf popularity; ids are unique within one call.
 */
export function* syntheticEvents(
  shape: SyntheticShape,
  count: number,
  endAt: number,
  spacingMs = 5,
): Generator<StarlingEvent> {
  const random = seededRandom(shape.seed);
  const items = cumulative(Array.from({ length: shape.items }, (_, i) => 1 / (i + 1) ** ITEM_SKEW));
  const stars = cumulative(STAR_WEIGHTS);
  const start = endAt - (count - 1) * spacingMs;
  for (let n = 0; n < count; n++) {
    const userId = userIdOf(Math.floor(random.uniform() * shape.users));
    const itemId = itemIdOf(draw(items, random.uniform()));
    const timestamp = start + n * spacingMs;
    const envelope = { eventId: `e${shape.seed}-${n}`, schemaVersion: 1 as const, userId, itemId, timestamp };
    if (random.uniform() < shape.clickShare) {
      yield { ...envelope, type: "click", position: Math.floor(random.uniform() * 20) } satisfies ClickEvent;
    } else {
      const rating = STARS[draw(stars, random.uniform())] as number;
      yield { ...envelope, type: "rating", rating } satisfies RatingEvent;
    }
  }
}
