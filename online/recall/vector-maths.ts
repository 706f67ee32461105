import { fourWayDot } from "../../core/vector-dot.ts";
import type { ItemVectors } from "../lookup/types.ts";

/**
 * Channel scores computed with the offline channels' arithmetic, operation for operation (see
 * offline/evaluate/catalogue-embeddings.ts and factor-scorer.ts; tests/online-ranking-parity.unit.test.ts holds
 * them equal): the snapshot's float32 unit vectors (normalised as offline), user queries kept in float64 (the
 * snapshot's own `score` takes a float32 query, whose rounding can move a cosine by one float32 step), cosines
 * by a four-way unrolled dot product. Scores therefore match offline to the bit once stored as float32, which is what makes
 * ranks, ties and the ranker's features the same in both tiers.
 */

/** How a channel compares a query with an item: cosine (walk and Item2Vec models) or inner product (ALS). */
export type VectorMetric = ItemVectors["metric"];

/** A prepared query: the float64 user vector and, for cosine, 1 / its norm (0 for a zero vector). */
export interface VectorQuery {
  readonly metric: VectorMetric;
  readonly vector: Float64Array;
  readonly scale: number;
}

/** Prepares `vector` (null: no direction, every known item scores 0, as offline). */
export function vectorQuery(
  metric: VectorMetric,
  vector: Float64Array | null,
  dimension: number,
): VectorQuery {
  const v = vector ?? new Float64Array(dimension);
  if (metric === "dot") return { metric, vector: v, scale: 1 };
  let sum = 0;
  for (let d = 0; d < v.length; d++) sum += (v[d] as number) * (v[d] as number);
  const norm = Math.sqrt(sum);
  return { metric, vector: v, scale: norm > 0 ? 1 / norm : 0 };
}

/** The channel score of one item: cosine with its unit vector, or inner product with its raw vector. */
export function scoreItem(vectors: ItemVectors, query: VectorQuery, itemId: string): number {
  if (query.metric === "dot") {
    const raw = vectors.vectors.get(itemId);
    return raw === undefined ? Number.NEGATIVE_INFINITY : sequentialDot(query.vector, raw);
  }
  const unit = vectors.unitVectors.get(itemId);
  return unit === undefined ? Number.NEGATIVE_INFINITY : fourWayDot(query.vector, unit, 0) * query.scale;
}

/** `scoreItem` of each of `itemIds` into `out` (unknown items are left as they are). */
export function scoreItems(
  vectors: ItemVectors,
  query: VectorQuery,
  itemIds: readonly string[],
  out: Float32Array,
): void {
  const user = query.vector;
  if (query.metric === "dot") {
    for (let i = 0; i < itemIds.length; i++) {
      const raw = vectors.vectors.get(itemIds[i] as string);
      if (raw !== undefined) out[i] = sequentialDot(user, raw);
    }
    return;
  }
  for (let i = 0; i < itemIds.length; i++) {
    const unit = vectors.unitVectors.get(itemIds[i] as string);
    if (unit !== undefined) out[i] = fourWayDot(user, unit, 0) * query.scale;
  }
}

/** Sum of the unit vectors of the known items (in the given order), divided by their count; null when none. */
export function meanOfUnitVectors(vectors: ItemVectors, itemIds: readonly string[]): Float64Array | null {
  const sum = new Float64Array(vectors.dimension);
  let known = 0;
  for (const itemId of itemIds) {
    const unit = vectors.unitVectors.get(itemId);
    if (unit === undefined) continue;
    for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) + (unit[d] as number);
    known++;
  }
  if (known === 0) return null;
  for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) / known;
  return sum;
}

/** One accumulator, as offline's factor scorer. */
function sequentialDot(user: Float64Array, item: Float32Array): number {
  let sum = 0;
  const n = Math.min(user.length, item.length);
  for (let d = 0; d < n; d++) sum += (user[d] as number) * (item[d] as number);
  return sum;
}
