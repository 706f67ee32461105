import { getOrCreate } from "../../core/get-or-create.ts";
import type { BulkStore } from "../../core/ports/index.ts";
import { bytesToFloat32 } from "../../core/vector-bytes.ts";
import { ARTIFACT_KINDS, EMBEDDING_MODELS } from "../../schemas/index.ts";

/** How a user vector of a model is made from item vectors, as the offline tier defines it. */
export interface UserEmbeddingModel {
  /** The user vector's model name (its cache key). */
  readonly model: string;
  /** The model whose item vectors it averages. */
  readonly source: string;
  /** `mean`: plain mean of liked items; `recency`: weighted toward the newest liked item. */
  readonly kind: "mean" | "recency";
}

/** The user vectors the nearline keeps current; ALS user factors are not a mean of items and wait for the offline run. */
export const USER_EMBEDDING_MODELS: readonly UserEmbeddingModel[] = [
  { model: EMBEDDING_MODELS.item2vec, source: EMBEDDING_MODELS.item2vec, kind: "mean" },
  { model: EMBEDDING_MODELS.item2vecRecent, source: EMBEDDING_MODELS.item2vec, kind: "recency" },
  { model: EMBEDDING_MODELS.deepwalk, source: EMBEDDING_MODELS.deepwalk, kind: "mean" },
  { model: EMBEDDING_MODELS.node2vec, source: EMBEDDING_MODELS.node2vec, kind: "mean" },
];

/** One model's item vectors of one version. */
export interface ItemVectorTable {
  readonly dimension: number;
  readonly vectors: ReadonlyMap<string, Float32Array>;
}

/** The item vectors of one embeddings version, for the models the nearline needs. */
export interface ItemVectors {
  readonly version: string;
  readonly tables: ReadonlyMap<string, ItemVectorTable>;
  /** The user models whose source vectors this version has. */
  readonly models: readonly UserEmbeddingModel[];
}

const CHUNK = 1000;

/** Reads the version's item vectors of every source model from the BulkStore. */
export async function loadItemVectors(bulk: BulkStore, version: string): Promise<ItemVectors> {
  const wanted = new Set(USER_EMBEDDING_MODELS.map((m) => m.source));
  const keys: string[] = [];
  for await (const key of bulk.listArtifactKeys(ARTIFACT_KINDS.itemEmbeddings, version)) {
    if (wanted.has(key.slice(0, key.indexOf(":")))) keys.push(key);
  }
  const tables = new Map<string, { dimension: number; vectors: Map<string, Float32Array> }>();
  for (let start = 0; start < keys.length; start += CHUNK) {
    const chunk = keys.slice(start, start + CHUNK);
    const values = await bulk.getArtifacts(ARTIFACT_KINDS.itemEmbeddings, version, chunk);
    chunk.forEach((key, i) => {
      const bytes = values[i];
      if (!bytes) return;
      const colon = key.indexOf(":");
      const model = key.slice(0, colon);
      const vector = bytesToFloat32(bytes);
      const table = getOrCreate(tables, model, () => ({ dimension: vector.length, vectors: new Map() }));
      if (vector.length === table.dimension) table.vectors.set(key.slice(colon + 1), vector);
    });
  }
  const models = USER_EMBEDDING_MODELS.filter((m) => tables.has(m.source));
  return { version, tables, models };
}
