/** One model's item vectors, row-major: row i belongs to `itemIds[i]`. */
export interface ItemEmbedding {
  readonly model: string;
  readonly itemIds: readonly string[];
  readonly dimension: number;
  readonly vectors: Float32Array;
}

/** One model's user vectors (a model may publish several kinds, e.g. mean and recency-weighted). */
export interface UserEmbedding {
  readonly model: string;
  readonly vectors: ReadonlyMap<string, Float32Array>;
}

/** Every embedding a run publishes. */
export interface EmbeddingSet {
  readonly items: readonly ItemEmbedding[];
  readonly users: readonly UserEmbedding[];
  /** Training wall time per model, in ms. */
  readonly trainingMs: Readonly<Record<string, number>>;
}

/** Item id → its vector (a view into the matrix, not a copy). */
export function itemVectorMap(embedding: ItemEmbedding): Map<string, Float32Array> {
  const { itemIds, dimension, vectors } = embedding;
  return new Map(itemIds.map((id, row) => [id, vectors.subarray(row * dimension, (row + 1) * dimension)]));
}
