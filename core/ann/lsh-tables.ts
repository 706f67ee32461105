import type { LshParams } from "../ports/ann-index.ts";
import { seededRandom } from "./random.ts";
import { dotRow } from "./vectors.ts";

/** Random unit directions, `count` rows of `dimension`, as Spark's BucketedRandomProjectionLSH draws them. */
export function randomDirections(count: number, dimension: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(count * dimension);
  for (let row = 0; row < count; row++) {
    let sum = 0;
    for (let d = 0; d < dimension; d++) {
      const value = random.gaussian();
      out[row * dimension + d] = value;
      sum += value * value;
    }
    const norm = Math.sqrt(sum);
    for (let d = 0; d < dimension; d++)
      out[row * dimension + d] = (out[row * dimension + d] as number) / norm;
  }
  return out;
}

/**
 * One table's key for `vector`: its bucket floor(a·v / bucketLength) on each of the table's projections (AND),
 * hashed to 32 bits. A hash collision only adds candidates, which the exact re-ranking then sorts out.
 */
export function tableKey(
  vector: Float32Array,
  directions: Float32Array,
  table: number,
  params: LshParams,
): number {
  const first = table * params.projectionsPerTable;
  let hash = 0x811c9dc5;
  for (let p = first; p < first + params.projectionsPerTable; p++) {
    const bucket = Math.floor(dotRow(vector, directions, p) / params.bucketLength);
    hash = Math.imul(hash ^ (bucket | 0), 0x01000193);
    hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  }
  return hash >>> 0;
}

/** The rows of each bucket of one table, grouped: rows `members[starts[b]..starts[b + 1])` share bucket b. */
export interface BucketTable {
  readonly ordinalOf: ReadonlyMap<number, number>;
  readonly starts: Int32Array;
  readonly members: Int32Array;
}

/** Hashes every row of `vectors` into `params.tables` tables. */
export function buildTables(
  vectors: Float32Array,
  dimension: number,
  directions: Float32Array,
  params: LshParams,
): BucketTable[] {
  const size = vectors.length / dimension;
  const keys = new Uint32Array(size);
  const tables: BucketTable[] = [];
  for (let table = 0; table < params.tables; table++) {
    for (let row = 0; row < size; row++) {
      keys[row] = tableKey(
        vectors.subarray(row * dimension, (row + 1) * dimension),
        directions,
        table,
        params,
      );
    }
    tables.push(groupByKey(keys));
  }
  return tables;
}

function groupByKey(keys: Uint32Array): BucketTable {
  const members = Int32Array.from(keys.keys()).sort(
    (a, b) => (keys[a] as number) - (keys[b] as number) || a - b,
  );
  const ordinalOf = new Map<number, number>();
  const starts: number[] = [];
  for (let i = 0; i < members.length; i++) {
    const key = keys[members[i] as number] as number;
    if (i === 0 || key !== keys[members[i - 1] as number]) {
      ordinalOf.set(key, starts.length);
      starts.push(i);
    }
  }
  starts.push(members.length);
  return { ordinalOf, starts: Int32Array.from(starts), members };
}
