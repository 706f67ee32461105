import { NotFoundError } from "../../core/errors.ts";
import { bytesToFloat32 } from "../../core/vector-bytes.ts";
import { ARTIFACT_KINDS, EMBEDDING_MODELS, embeddingKey, VERSION_KINDS } from "../../schemas/index.ts";
import { type Item2VecModel, type ScoredItem, similar } from "../algorithms/item2vec/index.ts";
import type { JobDeps } from "./job-deps.ts";

const READ_BATCH = 1000;

export interface SimilarItem extends ScoredItem {
  readonly title: string | null;
}

/** The serving version's Item2Vec item vectors, read back from the BulkStore. */
async function servingItem2Vec(deps: JobDeps): Promise<{ version: string; model: Item2VecModel }> {
  const version = await deps.control.activeVersion(VERSION_KINDS.embeddings);
  if (version === null)
    throw new NotFoundError("no embeddings version is serving: run `recsys offline train` first");
  const prefix = embeddingKey(EMBEDDING_MODELS.item2vec, "");
  const keys: string[] = [];
  for await (const key of deps.bulk.listArtifactKeys(ARTIFACT_KINDS.itemEmbeddings, version)) {
    if (key.startsWith(prefix)) keys.push(key);
  }
  const rows: Float32Array[] = [];
  for (let start = 0; start < keys.length; start += READ_BATCH) {
    const values = await deps.bulk.getArtifacts(
      ARTIFACT_KINDS.itemEmbeddings,
      version,
      keys.slice(start, start + READ_BATCH),
    );
    for (const value of values) rows.push(value === null ? new Float32Array(0) : bytesToFloat32(value));
  }
  const dimension = rows[0]?.length ?? 0;
  const vectors = new Float32Array(rows.length * dimension);
  for (const [i, row] of rows.entries()) vectors.set(row.subarray(0, dimension), i * dimension);
  return { version, model: { itemIds: keys.map((key) => key.slice(prefix.length)), dimension, vectors } };
}

/** The `k` items nearest to `itemId` in the serving Item2Vec version, with their titles, for inspection. */
export async function similarItems(deps: JobDeps, itemId: string, k: number) {
  const { version, model } = await servingItem2Vec(deps);
  const found = similar(model, itemId, k);
  if (found.length === 0)
    throw new NotFoundError(`item "${itemId}" has no Item2Vec vector in version ${version}`, "itemId");
  const records = await deps.control.getItems([itemId, ...found.map((s) => s.itemId)]);
  const titles = records.map((r) => r?.title ?? null);
  const items: SimilarItem[] = found.map((s, i) => ({ ...s, title: titles[i + 1] ?? null }));
  return { version, itemId, title: titles[0] ?? null, items };
}
