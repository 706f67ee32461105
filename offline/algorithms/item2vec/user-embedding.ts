import { cachedIndex, type Item2VecModel } from "./model.ts";

/** Mean of the vectors of the known items (repeats count again); null when none is known. */
export function userEmbeddingMean(model: Item2VecModel, itemIds: readonly string[]): Float32Array | null {
  return weightedMean(
    model,
    itemIds.map((itemId) => ({ itemId, weight: 1 })),
  );
}

/**
 * Mean of the known items' vectors weighted by 0.5^((latest - t) / halfLifeMs), where latest is the newest
 * known item's timestamp; null when none is known.
 */
export function userEmbeddingRecency(
  model: Item2VecModel,
  items: readonly { itemId: string; timestamp: number }[],
  halfLifeMs: number,
): Float32Array | null {
  if (!(halfLifeMs > 0) || !Number.isFinite(halfLifeMs)) {
    throw new Error(`Item2Vec: halfLifeMs must be a finite number > 0, got ${halfLifeMs}`);
  }
  const index = cachedIndex(model);
  const known = items.filter((item) => index.has(item.itemId));
  const latest = known.reduce((max, item) => Math.max(max, item.timestamp), Number.NEGATIVE_INFINITY);
  return weightedMean(
    model,
    known.map((item) => ({ itemId: item.itemId, weight: 0.5 ** ((latest - item.timestamp) / halfLifeMs) })),
  );
}

function weightedMean(
  model: Item2VecModel,
  items: readonly { itemId: string; weight: number }[],
): Float32Array | null {
  const index = cachedIndex(model);
  const dim = model.dimension;
  const sum = new Float64Array(dim);
  let total = 0;
  for (const { itemId, weight } of items) {
    const row = index.get(itemId);
    if (row === undefined) continue;
    for (let d = 0; d < dim; d++)
      sum[d] = (sum[d] as number) + weight * (model.vectors[row * dim + d] as number);
    total += weight;
  }
  if (total === 0) return null;
  return Float32Array.from(sum, (value) => value / total);
}
