import { readChunked } from "../../core/chunked-artifacts.ts";
import { type BehaviourGraph, decodeGraph } from "../../core/graph/index.ts";
import type { Logger } from "../../core/logger.ts";
import type { AnnIndex, AnnIndexFactory, BulkStore } from "../../core/ports/index.ts";
import {
  createRankerScorer,
  parseRankerModel,
  type RankerModel,
  type RankerScorer,
} from "../../core/ranking/index.ts";
import { compareItemIds } from "../../core/rating-order.ts";
import { bytesToFloat32 } from "../../core/vector-bytes.ts";
import { ARTIFACT_KINDS, EMBEDDING_MODELS } from "../../schemas/index.ts";
import { createItemVectors, type VectorTable } from "./item-vectors.ts";
import { artifactKeys, jsonOf, readArtifacts } from "./read-artifacts.ts";
import type { ItemVectors } from "./types.ts";

/** Models whose item vectors are compared by inner product, as the offline channel ranks them. */
const DOT_MODELS: ReadonlySet<string> = new Set([EMBEDDING_MODELS.als]);
/** Models that publish user vectors only (their items are another model's). */
const USER_ONLY_MODELS: ReadonlySet<string> = new Set([EMBEDDING_MODELS.item2vecRecent]);

/** Item ids of each model in the version's item-embeddings keys (`<model>:<item>`). */
function idsByModel(keys: readonly string[]): Map<string, string[]> {
  const byModel = new Map<string, string[]>();
  for (const key of keys) {
    const colon = key.indexOf(":");
    if (colon <= 0) continue;
    const model = key.slice(0, colon);
    if (USER_ONLY_MODELS.has(model)) continue;
    const ids = byModel.get(model);
    if (ids) ids.push(key.slice(colon + 1));
    else byModel.set(model, [key.slice(colon + 1)]);
  }
  return byModel;
}

/** The model's vectors as one table, rows in catalogue (id) order; vectors of an odd length are left out. */
async function vectorTable(
  bulk: BulkStore,
  version: string,
  model: string,
  itemIds: readonly string[],
  logger: Logger,
): Promise<VectorTable | null> {
  const ids = [...itemIds].sort(compareItemIds);
  const bytes = await readArtifacts(
    bulk,
    ARTIFACT_KINDS.itemEmbeddings,
    version,
    ids.map((id) => `${model}:${id}`),
  );
  const first = bytes.values().next().value;
  if (first === undefined || first.length === 0 || first.length % 4 !== 0) return null;
  const dimension = first.length / 4;
  const kept: string[] = [];
  const vectors = new Float32Array(ids.length * dimension);
  for (const id of ids) {
    const value = bytes.get(`${model}:${id}`);
    if (value === undefined || value.length !== dimension * 4) continue;
    vectors.set(bytesToFloat32(value), kept.length * dimension);
    kept.push(id);
  }
  if (kept.length < ids.length)
    logger.warn("item vectors left out", { model, left: ids.length - kept.length });
  return { model, ids: kept, dimension, vectors: vectors.subarray(0, kept.length * dimension) };
}

/** The published HNSW index of a model, or null (absent, unreadable, or of another size). */
async function annIndexOf(
  deps: { bulk: BulkStore; ann: AnnIndexFactory; logger: Logger },
  version: string,
  table: VectorTable,
): Promise<AnnIndex | null> {
  const bytes = await readChunked(deps.bulk, ARTIFACT_KINDS.annIndexes, version, `hnsw:${table.model}`);
  if (bytes === null) return null;
  try {
    const index = deps.ann.load(bytes);
    if (index.dimension === table.dimension) return index;
    deps.logger.warn("the HNSW index does not match the item vectors; scanning instead", {
      model: table.model,
      index: index.dimension,
      vectors: table.dimension,
    });
  } catch (error) {
    deps.logger.warn("the HNSW index is unreadable; scanning instead", {
      model: table.model,
      error: String(error),
    });
  }
  return null;
}

/** Every model's item vectors of the embeddings version, each with its index. */
export async function loadItemVectors(
  deps: { bulk: BulkStore; ann: AnnIndexFactory; logger: Logger },
  version: string | null,
): Promise<Map<string, ItemVectors>> {
  const out = new Map<string, ItemVectors>();
  if (version === null) return out;
  const keys = await artifactKeys(deps.bulk, ARTIFACT_KINDS.itemEmbeddings, version);
  const models = [...idsByModel(keys)];
  const loaded = await Promise.all(
    models.map(async ([model, ids]) => {
      const table = await vectorTable(deps.bulk, version, model, ids, deps.logger);
      if (table === null) return null;
      const metric = DOT_MODELS.has(model) ? "dot" : "cosine";
      const index = metric === "cosine" ? await annIndexOf(deps, version, table) : null;
      return createItemVectors(table, metric, index);
    }),
  );
  for (const vectors of loaded) if (vectors) out.set(vectors.model, vectors);
  return out;
}

/** The version's behaviour graph, or null when it has none or it cannot be read. */
export async function loadGraph(
  bulk: BulkStore,
  version: string | null,
  logger: Logger,
): Promise<BehaviourGraph | null> {
  if (version === null) return null;
  const bytes = await readChunked(bulk, ARTIFACT_KINDS.behaviourGraph, version, "graph");
  if (bytes === null) return null;
  try {
    return decodeGraph(bytes);
  } catch (error) {
    logger.warn("the behaviour graph is unreadable; serving without it", { version, error: String(error) });
    return null;
  }
}

/**
 * The version's ranking model and its scorer (probabilities), or null when it has none or it cannot be read; the
 * model itself lets `explain` show a linear model's weights.
 */
export async function loadRanker(
  bulk: BulkStore,
  version: string | null,
  logger: Logger,
): Promise<{ model: RankerModel; scorer: RankerScorer } | null> {
  if (version === null) return null;
  const bytes = await bulk.getArtifact(ARTIFACT_KINDS.ranker, version, "model");
  if (bytes === null) return null;
  try {
    const model = parseRankerModel(jsonOf(bytes));
    return { model, scorer: createRankerScorer(model) };
  } catch (error) {
    logger.warn("the ranking model is unreadable; serving without it", { version, error: String(error) });
    return null;
  }
}
