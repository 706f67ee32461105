import { recallAtK, unitRows } from "../../core/ann/index.ts";
import type { AnnHit, AnnIndex } from "../../core/ports/ann-index.ts";
import type { BenchDataset } from "./types.ts";

/** Every query's top 10 from `index`, with the data set's excludes. */
export function searchAll(index: AnnIndex, data: BenchDataset): AnnHit[][] {
  return data.queries.map((query, i) => index.search(query, 10, { exclude: data.excludes[i] }));
}

/** Mean recall@10 of `found` against `truth`, query by query. */
export function meanRecall(truth: readonly AnnHit[][], found: readonly AnnHit[][]): number {
  let sum = 0;
  for (let i = 0; i < truth.length; i++) sum += recallAtK(truth[i] ?? [], found[i] ?? [], 10);
  return sum / truth.length;
}

/** Queries per second of one pass over all queries, one query at a time. */
export function timedPass(index: AnnIndex, data: BenchDataset): number {
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < data.queries.length; i++) {
    sink += index.search(data.queries[i] as Float32Array, 10, { exclude: data.excludes[i] }).length;
  }
  const seconds = (performance.now() - started) / 1000;
  if (sink < 0) throw new Error("unreachable: keeps the searches from being optimised away");
  return data.queries.length / seconds;
}

/** Seconds `run` takes, with its result. */
export function timed<T>(run: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/** Length of the mean unit vector of the data set. */
export function centroidNorm(data: BenchDataset): number {
  const { vectors } = unitRows(data.ids, data.vectors, data.dimension);
  const mean = new Float64Array(data.dimension);
  for (let i = 0; i < vectors.length; i++) {
    const d = i % data.dimension;
    mean[d] = (mean[d] as number) + (vectors[i] as number);
  }
  return Math.hypot(...mean) / data.ids.length;
}
