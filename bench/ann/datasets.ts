import { clusteredVectors, seededRandom } from "../../core/ann/index.ts";
import {
  buildCorpus,
  DEFAULT_ITEM2VEC_PARAMS,
  trainItem2Vec,
} from "../../offline/algorithms/item2vec/index.ts";
import { openDataset } from "../../offline/data/index.ts";
import { sharedDataDir } from "../../tests/support/shared-data.ts";
import type { BenchDataset } from "./types.ts";

const LIKED = 3.5;

/**
 * Item2Vec vectors of ml-latest-small (RECSYS_DATA_DIR, else the shared copy), trained with the default
 * parameters on each user's liked movies in time order; queries are sampled items, each excluding itself,
 * as "similar items" asks.
 */
export async function movieLensDataset(queryCount: number, seed: number): Promise<BenchDataset> {
  const started = performance.now();
  const dir = sharedDataDir();
  const byUser = new Map<string, { itemId: string; timestamp: number }[]>();
  for await (const r of (await openDataset(dir)).ratings()) {
    if (r.rating < LIKED) continue;
    const list = byUser.get(r.userId) ?? [];
    list.push({ itemId: r.itemId, timestamp: r.timestamp });
    byUser.set(r.userId, list);
  }
  const sentences = [...byUser.values()].map((list) =>
    list
      .sort((a, b) => a.timestamp - b.timestamp || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0))
      .map((entry) => entry.itemId),
  );
  const corpus = buildCorpus(sentences, DEFAULT_ITEM2VEC_PARAMS.minCount);
  const model = await trainItem2Vec(corpus, DEFAULT_ITEM2VEC_PARAMS);
  const { itemIds: ids, dimension, vectors } = model;
  const rows = sampleRows(ids.length, queryCount, seed);
  return {
    name: "ml-latest-small",
    description: `Item2Vec (${dimension}-d, ${DEFAULT_ITEM2VEC_PARAMS.epochs} epochs) of ${ids.length} liked movies in ${dir}`,
    ids,
    dimension,
    vectors,
    queries: rows.map((row) => vectors.subarray(row * dimension, (row + 1) * dimension)),
    excludes: rows.map((row) => new Set([ids[row] as string])),
    prepareSeconds: (performance.now() - started) / 1000,
  };
}

/** `count` clustered vectors to index plus `queryCount` more from the same clusters to ask with. */
export function syntheticDataset(
  count: number,
  dimension: number,
  queryCount: number,
  seed: number,
): BenchDataset {
  const started = performance.now();
  const clusters = 100;
  const spread = 0.5;
  const all = clusteredVectors({ count: count + queryCount, dimension, clusters, spread, seed });
  return {
    name: "synthetic clustered",
    description: `${count} vectors around ${clusters} random unit centres, offset ${spread} on average, seed ${seed}; queries are ${queryCount} more from the same clusters`,
    ids: Array.from({ length: count }, (_, i) => `s${i}`),
    dimension,
    vectors: all.subarray(0, count * dimension),
    queries: Array.from({ length: queryCount }, (_, i) =>
      all.subarray((count + i) * dimension, (count + i + 1) * dimension),
    ),
    excludes: [],
    prepareSeconds: (performance.now() - started) / 1000,
  };
}

/** `count` distinct rows of `size` (all of them when count >= size), in a seeded random order. */
function sampleRows(size: number, count: number, seed: number): number[] {
  const rows = Array.from({ length: size }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as number, rows[i] as number];
  }
  return rows.slice(0, Math.min(count, size));
}
