/** Artifact kinds stored in the BulkStore and pointed at by ControlStore versions. */
export const ARTIFACT_KINDS = {
  /** Per-item statistics (count, mean, Bayesian average), key = item id, value = JSON. */
  itemStats: "item-stats",
  /** Top items per genre by Bayesian average, key = genre (or `*`), value = JSON array of item ids. */
  genreTop: "genre-top",
  /** The most rated items, key `all`, value = JSON array of item ids. */
  popularity: "popularity",
  /** Engineered item features, key = item id, value = JSON. */
  itemFeatures: "item-features",
  /** Engineered user features, key = user id, value = JSON. */
  userFeatures: "user-features",
  /** The fitted feature transforms (vocabularies, min-max ranges, bucket boundaries), key `spec`, value = JSON. */
  featureTransforms: "feature-transforms",
  /** Item vectors, key = `<model>:<item id>`, value = little-endian Float32 bytes. */
  itemEmbeddings: "item-embeddings",
  /** User vectors, key = `<model>:<user id>`, value = little-endian Float32 bytes. */
  userEmbeddings: "user-embeddings",
  /** The item transition graph, chunked: keys `graph:part:<n>`, value = core/graph's binary encoding. */
  behaviourGraph: "behaviour-graph",
  /** ANN indexes, chunked: keys `<index kind>:<model>:part:<n>`, value = the AnnIndex's serialised bytes. */
  annIndexes: "ann-index",
  /** The ranking model, key `model`, value = JSON (core/ranking's format). */
  ranker: "ranker",
  /** The evaluation report the version was promoted on, key `report`, value = JSON. */
  evaluation: "evaluation",
  /** What the version wrote elsewhere, so pruning can remove it: key `cache-keys:<n>`, value = JSON array. */
  manifest: "manifest",
} as const;

/** Kinds of version pointer kept in the ControlStore; one pointer covers a consistent set of artifacts. */
export const VERSION_KINDS = {
  /** Item statistics, genre top lists and the popularity list, published together. */
  popularity: "popularity",
  /** Item and user features with their transforms. */
  features: "features",
  /** Item and user embeddings and the evaluation they were promoted on. */
  embeddings: "embeddings",
} as const;

/** Models whose vectors the embeddings version holds; the prefix of their artifact keys. */
export const EMBEDDING_MODELS = {
  item2vec: "item2vec",
  /** Item2Vec user vectors weighted toward recent items (item vectors are Item2Vec's). */
  item2vecRecent: "item2vec-recent",
  /** Skip-gram over random walks on the behaviour graph. */
  deepwalk: "deepwalk",
  /** Skip-gram over p/q-biased second-order walks on the behaviour graph. */
  node2vec: "node2vec",
  /** Implicit ALS factors; user vectors are the user factors. */
  als: "als",
} as const;

export type ArtifactKind = (typeof ARTIFACT_KINDS)[keyof typeof ARTIFACT_KINDS];

/** The artifact key of one model's vector: `<model>:<id>`. */
export function embeddingKey(model: string, id: string): string {
  return `${model}:${id}`;
}

/** Version ids sort by time: `v<yyyymmddHHMMss>-<suffix>`. */
export function newVersionId(now: number, suffix: string): string {
  const stamp = new Date(now).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `v${stamp}-${suffix}`;
}
