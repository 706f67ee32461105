import { TopK } from "../../core/ann/top-k.ts";
import type { AnnIndex } from "../../core/ports/index.ts";
import { fourWayDot } from "../../core/vector-dot.ts";
import type { ItemVectors } from "./types.ts";

/** One model's item vectors, row-major, rows in the given id order (ties in search go to the earlier row). */
export interface VectorTable {
  readonly model: string;
  readonly ids: readonly string[];
  readonly dimension: number;
  readonly vectors: Float32Array;
}

/**
 * Unit-length copy of each row, normalised exactly as the offline evaluation does (sum of squares in double,
 * multiplied by its inverse root), so online cosines equal offline ones; a zero row stays zero.
 */
function unitRows(table: VectorTable): Float32Array {
  const unit = Float32Array.from(table.vectors);
  const { dimension } = table;
  for (let base = 0; base < unit.length; base += dimension) {
    let sum = 0;
    for (let d = 0; d < dimension; d++) sum += (unit[base + d] as number) * (unit[base + d] as number);
    if (sum === 0) continue;
    const scale = 1 / Math.sqrt(sum);
    for (let d = 0; d < dimension; d++) unit[base + d] = (unit[base + d] as number) * scale;
  }
  return unit;
}

/** The rows in descending norm order (a copy of the matrix in that order), for the inner-product scan. */
interface RowsByNorm {
  readonly dimension: number;
  /** Row number of each position. */
  readonly rows: Int32Array;
  /** Norm (in double) of each position's row, descending. */
  readonly norms: Float64Array;
  /** The rows' vectors, position-major. */
  readonly vectors: Float32Array;
}

function rowsByNorm(vectors: Float32Array, count: number, dimension: number): RowsByNorm {
  const norms = new Float64Array(count);
  for (let row = 0, base = 0; row < count; row++, base += dimension) {
    let sum = 0;
    for (let d = 0; d < dimension; d++) sum += (vectors[base + d] as number) * (vectors[base + d] as number);
    norms[row] = Math.sqrt(sum);
  }
  // NaN norms sort first, so such rows are always scored rather than cut off.
  const order = Array.from({ length: count }, (_, row) => row).sort((a, b) => {
    const na = norms[a] as number;
    const nb = norms[b] as number;
    if (Number.isNaN(na) || Number.isNaN(nb))
      return Number(Number.isNaN(nb)) - Number(Number.isNaN(na)) || a - b;
    return nb - na || a - b;
  });
  const sorted = new Float32Array(count * dimension);
  order.forEach((row, at) => {
    sorted.set(vectors.subarray(row * dimension, (row + 1) * dimension), at * dimension);
  });
  return {
    dimension,
    rows: Int32Array.from(order),
    norms: Float64Array.from(order, (row) => norms[row] as number),
    vectors: sorted,
  };
}

/**
 * Offers `top` every row's `dotPlain` score with `query`, except excluded rows, with the same outcome as
 * offering them all in row order (TopK keeps the same pairs whatever the order) but mostly without computing it.
 * Products of float32 values are exact in double, so the four-way and the sequential sums of a row differ by
 * summation rounding only: each within (dimension + 3) ulps of the sum of |products|, at most |query| × |row| by
 * Cauchy-Schwarz. `slack` (that bound per unit of row norm, with room for the norms' own rounding) turns the cheap
 * four-way sum into an upper bound of the score; rows whose bound cannot enter the top k skip the sequential sum,
 * and once (|query| + slack) × |row| cannot either, no later (shorter) row can and the scan stops.
 */
function scanByNorm(
  byNorm: RowsByNorm,
  query: Float32Array,
  top: TopK,
  excluded: ((row: number) => boolean) | undefined,
): void {
  const { dimension, rows, norms, vectors } = byNorm;
  let sum = 0;
  for (let d = 0; d < dimension; d++) sum += (query[d] as number) * (query[d] as number);
  const queryNorm = Math.sqrt(sum);
  const slack = 4 * (dimension + 4) * Number.EPSILON * queryNorm;
  const reach = queryNorm + slack;
  for (let at = 0, base = 0; at < rows.length; at++, base += dimension) {
    const norm = norms[at] as number;
    // Row -1 wins every tie, so a refusal means the bound is strictly below the k-th kept score.
    const most = reach * norm;
    if (!Number.isNaN(most) && !top.accepts(-1, most)) return;
    const row = rows[at] as number;
    const bound = fourWayDot(query, vectors, base) + slack * norm;
    if (!Number.isNaN(bound) && !top.accepts(row, bound)) continue;
    const score = dotPlain(query, vectors, base);
    if (top.accepts(row, score) && !excluded?.(row)) top.offer(row, score);
  }
}

/** Plain left-to-right dot product, as the offline factor (ALS) scorer sums. */
function dotPlain(query: Float32Array, matrix: Float32Array, base: number): number {
  let sum = 0;
  for (let d = 0; d < query.length; d++) sum += (query[d] as number) * (matrix[base + d] as number);
  return sum;
}

function rowViews(
  ids: readonly string[],
  matrix: Float32Array,
  dimension: number,
): Map<string, Float32Array> {
  const views = new Map<string, Float32Array>();
  ids.forEach((id, row) => {
    if (!views.has(id)) views.set(id, matrix.subarray(row * dimension, (row + 1) * dimension));
  });
  return views;
}

/**
 * Item vectors scored as the offline channels score them: `cosine` (item2vec, deepwalk, node2vec) is the dot
 * product with the item's unit vector divided by the query's norm; `dot` (ALS) is the plain inner product with
 * the published factors. Cosine search uses `index` (the published HNSW) when given, rescoring its hits with
 * `score` so recall and ranking features agree; otherwise, and always for `dot`, every row is scanned.
 */
export function createItemVectors(
  table: VectorTable,
  metric: "cosine" | "dot",
  index: AnnIndex | null = null,
): ItemVectors {
  const { ids, dimension, model } = table;
  const unit = unitRows(table);
  const rowOf = new Map<string, number>();
  ids.forEach((id, row) => {
    if (!rowOf.has(id)) rowOf.set(id, row);
  });
  const matrix = metric === "cosine" ? unit : table.vectors;

  const queryScale = (query: Float32Array): number => {
    if (metric === "dot") return 1;
    let sum = 0;
    for (const x of query) sum += x * x;
    const norm = Math.sqrt(sum);
    return norm > 0 ? 1 / norm : 0;
  };
  const rowScore = (query: Float32Array, row: number, scale: number): number =>
    metric === "cosine"
      ? fourWayDot(query, matrix, row * dimension) * scale
      : dotPlain(query, matrix, row * dimension);

  const checkQuery = (query: Float32Array) => {
    if (query.length !== dimension) {
      throw new RangeError(`${model} query has length ${query.length}, the item vectors ${dimension}`);
    }
  };

  const byNorm = metric === "dot" ? rowsByNorm(table.vectors, ids.length, dimension) : null;

  const scan = (query: Float32Array, k: number, exclude?: ReadonlySet<string>) => {
    const top = new TopK(k);
    if (byNorm === null) {
      const scale = queryScale(query);
      for (let row = 0, base = 0; row < ids.length; row++, base += dimension) {
        const score = fourWayDot(query, matrix, base) * scale;
        // The set lookup runs only for rows that would enter the top k, which is rare after the first few.
        if (top.accepts(row, score) && !exclude?.has(ids[row] as string)) top.offer(row, score);
      }
    } else {
      scanByNorm(
        byNorm,
        query,
        top,
        exclude === undefined ? undefined : (row) => exclude.has(ids[row] as string),
      );
    }
    return top.sorted().map((hit) => ({ id: ids[hit.row] as string, score: hit.score }));
  };

  const viaIndex = (ann: AnnIndex, query: Float32Array, k: number, exclude?: ReadonlySet<string>) => {
    const scale = queryScale(query);
    const hits = ann.search(query, k, exclude ? { exclude } : {});
    const rescored = hits.map((hit) => {
      const row = rowOf.get(hit.id);
      return { id: hit.id, score: row === undefined ? hit.score : rowScore(query, row, scale) };
    });
    return rescored.sort((a, b) => b.score - a.score);
  };

  return {
    model,
    dimension,
    metric,
    vectors: rowViews(ids, table.vectors, dimension),
    unitVectors: rowViews(ids, unit, dimension),
    search(query, k, exclude) {
      checkQuery(query);
      if (!(k > 0)) return [];
      return metric === "cosine" && index ? viaIndex(index, query, k, exclude) : scan(query, k, exclude);
    },
    score(query, itemId) {
      checkQuery(query);
      const row = rowOf.get(itemId);
      return row === undefined ? Number.NEGATIVE_INFINITY : rowScore(query, row, queryScale(query));
    },
  };
}
