import { SeededRandom } from "./random.ts";
import type { ResolvedShape } from "./synthetic-params.ts";
import { planUserCounts } from "./user-counts.ts";

/** Independent random streams, so changing one part of the plan never shifts another. */
export const STREAM = { items: 1, genres: 2, counts: 3, users: 4 } as const;

/**
 * The planted structure of a synthetic data set, all in typed arrays sized by users or items.
 * Items are shuffled into a global popularity order; the item at global rank k belongs to cluster
 * k % clusters with in-cluster rank floor(k / clusters), so popular items are popular in their cluster too.
 */
export interface SyntheticPlan {
  shape: ResolvedShape;
  /** Item index (id - 1) at each global popularity rank. */
  byRank: Uint32Array;
  /** Taste cluster of each item index. */
  itemCluster: Uint16Array;
  /** Main genre of each item index (always one of its cluster's two core genres, or a random one). */
  itemGenre: Uint16Array;
  /** Per-item quality added to every rating of the item. */
  itemQuality: Float32Array;
  /** Two core genres per cluster: [c * 2], [c * 2 + 1]. */
  clusterGenres: Uint16Array;
  /** Number of items in each cluster. */
  clusterSize: Uint32Array;
  /** Ratings per user index, summing to `shape.ratings`. */
  userCounts: Uint32Array;
}

/** Share of an item's main genres taken from its cluster's core genres. */
const CORE_GENRE_SHARE = 0.85;

/** Builds the plan deterministically from the shape's seed. */
export function planSynthetic(shape: ResolvedShape): SyntheticPlan {
  const { items, clusters, genres, seed } = shape;
  const random = new SeededRandom(seed, STREAM.items);
  const byRank = shuffledIndices(items, random);
  const clusterGenres = new Uint16Array(clusters * 2);
  for (let c = 0; c < clusters; c++) {
    clusterGenres[c * 2] = c % genres;
    clusterGenres[c * 2 + 1] = random.int(genres);
  }
  const itemCluster = new Uint16Array(items);
  const itemGenre = new Uint16Array(items);
  const itemQuality = new Float32Array(items);
  const clusterSize = new Uint32Array(clusters);
  for (let rank = 0; rank < items; rank++) {
    const item = byRank[rank] as number;
    const cluster = rank % clusters;
    itemCluster[item] = cluster;
    clusterSize[cluster] = (clusterSize[cluster] as number) + 1;
    const core = clusterGenres[cluster * 2 + random.int(2)] as number;
    itemGenre[item] = random.next() < CORE_GENRE_SHARE ? core : random.int(genres);
    itemQuality[item] = random.normal() * 0.35;
  }
  const userCounts = planUserCounts(shape, new SeededRandom(seed, STREAM.counts));
  return { shape, byRank, itemCluster, itemGenre, itemQuality, clusterGenres, clusterSize, userCounts };
}

function shuffledIndices(n: number, random: SeededRandom): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}
