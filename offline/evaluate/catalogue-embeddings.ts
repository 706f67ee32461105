import { fourWayDot } from "../../core/vector-dot.ts";
import type { EmbeddingTable } from "./types.ts";

/** An embedding table with unit-length rows, plus a copy laid along the catalogue; built once per scorer. */
export interface CatalogueEmbeddings {
  readonly dimension: number;
  /** The table's vectors normalised, same rows as the table (for building user vectors). */
  readonly tableUnit: Float32Array;
  /** Item id -> row in `tableUnit`; the first row wins for a duplicated id. */
  readonly rowOf: ReadonlyMap<string, number>;
  /** catalogue.length x dimension, row-major, for scoring; rows of unknown items are zero. */
  readonly unit: Float32Array;
  /** 1 where the model has a vector for the catalogue item. */
  readonly known: Uint8Array;
}

/** Normalises the table's vectors and aligns them with the catalogue; a zero vector stays zero (cosine 0). */
export function alignToCatalogue(table: EmbeddingTable, catalogue: readonly string[]): CatalogueEmbeddings {
  const { dimension } = table;
  if (table.vectors.length !== table.itemIds.length * dimension) {
    throw new RangeError(
      `embedding table holds ${table.vectors.length} floats, expected ${table.itemIds.length} x ${dimension}`,
    );
  }
  const tableUnit = Float32Array.from(table.vectors);
  const rowOf = new Map<string, number>();
  table.itemIds.forEach((itemId, row) => {
    normaliseInPlace(tableUnit.subarray(row * dimension, (row + 1) * dimension));
    if (!rowOf.has(itemId)) rowOf.set(itemId, row);
  });
  const unit = new Float32Array(catalogue.length * dimension);
  const known = new Uint8Array(catalogue.length);
  catalogue.forEach((itemId, position) => {
    const row = rowOf.get(itemId);
    if (row === undefined) return;
    unit.set(tableUnit.subarray(row * dimension, (row + 1) * dimension), position * dimension);
    known[position] = 1;
  });
  return { dimension, tableUnit, rowOf, unit, known };
}

/** Writes the cosine similarity of `user` with every known item into `out`; unknown items get -Infinity. */
export function cosineScores(embeddings: CatalogueEmbeddings, user: Float64Array, out: Float32Array): void {
  const { dimension, unit, known } = embeddings;
  const norm = Math.sqrt(dot64(user, user));
  // A zero user vector has no direction: every known item ties at 0, so ranking falls to catalogue order.
  const scale = norm > 0 ? 1 / norm : 0;
  for (let item = 0; item < known.length; item++) {
    if (known[item] === 0) {
      out[item] = Number.NEGATIVE_INFINITY;
      continue;
    }
    out[item] = fourWayDot(user, unit, item * dimension) * scale;
  }
}

/** Adds the unit vector of `itemId` to `into`; false when the model does not know the item. */
export function addUnitVector(embeddings: CatalogueEmbeddings, itemId: string, into: Float64Array): boolean {
  const row = embeddings.rowOf.get(itemId);
  if (row === undefined) return false;
  const base = row * embeddings.dimension;
  for (let d = 0; d < into.length; d++)
    into[d] = (into[d] as number) + (embeddings.tableUnit[base + d] as number);
  return true;
}

function dot64(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += (a[d] as number) * (b[d] as number);
  return sum;
}

function normaliseInPlace(vector: Float32Array): void {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return;
  const scale = 1 / Math.sqrt(sum);
  for (let d = 0; d < vector.length; d++) vector[d] = (vector[d] as number) * scale;
}
