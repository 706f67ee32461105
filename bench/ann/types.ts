import type { Spread } from "../lib/stats.ts";

/** Vectors to index and the queries to ask, with what each query must not return. */
export interface BenchDataset {
  name: string;
  description: string;
  ids: readonly string[];
  dimension: number;
  vectors: Float32Array;
  queries: readonly Float32Array[];
  /** Per query: ids to exclude (the query item itself when queries come from the index). */
  excludes: readonly (ReadonlySet<string> | undefined)[];
  /** Seconds spent making the vectors (training, generation), for the record. */
  prepareSeconds: number;
}

/** One index configuration as measured on one data set. */
export interface ConfigResult {
  kind: "exact" | "hnsw" | "lsh";
  label: string;
  params: Record<string, number>;
  /** Seconds to build; an HNSW row at another ef shares its graph, so it repeats the graph's build time. */
  buildSeconds: number;
  serializedBytes: number;
  loadSeconds: number;
  recallAt10: number;
  /** Mean share of the index an LSH query re-ranks exactly. */
  candidateShare?: number;
  qps: Spread;
  /** Median QPS over the exact index's median QPS in the same run. */
  ratioToExact: number;
}

export interface DatasetResult {
  name: string;
  description: string;
  size: number;
  dimension: number;
  queries: number;
  prepareSeconds: number;
  /** How spread out the data is: mean cosine of each query's 1st and 10th true neighbour. */
  neighbourCosine: { first: number; tenth: number };
  /** Length of the mean of the unit vectors: near 0 when they point every way, near 1 when all point alike. */
  centroidNorm: number;
  configs: ConfigResult[];
}
