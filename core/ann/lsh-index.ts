import type { AnnHit, AnnIndex, AnnSearchOptions, LshParams } from "../ports/ann-index.ts";
import { bytesToFloat32, float32ToBytes } from "../vector-bytes.ts";
import { type AnnFile, corrupt, encodeAnnFile, storedParams } from "./ann-format.ts";
import { fileOf, rowsFromFile } from "./exact-index.ts";
import { resolveLshParams } from "./lsh-params.ts";
import { type BucketTable, buildTables, randomDirections, tableKey } from "./lsh-tables.ts";
import { rankRows } from "./top-k.ts";
import { hitCount, type UnitRows, unitQuery, unitRows } from "./vectors.ts";

/**
 * Random-projection LSH as the reference design uses it (Spark's BucketedRandomProjectionLSH): every item sits
 * in one bucket per table; the candidates of a query are the items sharing its bucket in any table (OR), a
 * table's bucket being the tuple of its projections' buckets (AND); candidates are ranked by exact cosine.
 */
export class LshAnnIndex implements AnnIndex {
  readonly kind = "lsh" as const;
  readonly dimension: number;
  readonly size: number;
  readonly params: LshParams;
  private readonly tables: BucketTable[];
  // Marks rows already collected for the current query without clearing an array per query.
  private readonly stamps: Uint32Array;
  private stamp = 0;

  private constructor(
    private readonly rows: UnitRows,
    private readonly directions: Float32Array,
    params: LshParams,
  ) {
    this.dimension = rows.dimension;
    this.size = rows.ids.length;
    this.params = params;
    this.tables = buildTables(rows.vectors, rows.dimension, directions, params);
    this.stamps = new Uint32Array(this.size);
  }

  /** Builds over normalised copies of `vectors` with directions drawn from `params.seed`. */
  static build(
    ids: readonly string[],
    vectors: Float32Array,
    dimension: number,
    params: Partial<LshParams> = {},
  ): LshAnnIndex {
    const resolved = resolveLshParams(params);
    const rows = unitRows(ids, vectors, dimension);
    const count = resolved.tables * resolved.projectionsPerTable;
    return new LshAnnIndex(rows, randomDirections(count, dimension, resolved.seed), resolved);
  }

  /** Rebuilds the index a decoded `lsh` file describes, with its stored directions (not re-drawn). */
  static fromFile(file: AnnFile): LshAnnIndex {
    const stored = storedParams(file, ["bucketLength", "tables", "projectionsPerTable", "seed"]);
    let params: LshParams;
    try {
      params = resolveLshParams(stored);
    } catch (error) {
      return corrupt(`hold invalid LSH params: ${(error as Error).message}`);
    }
    const rows = rowsFromFile(file);
    const blob = file.blobs[1];
    if (blob?.length !== params.tables * params.projectionsPerTable * file.dimension * 4) {
      corrupt("hold projection directions that do not match the LSH params");
    }
    return new LshAnnIndex(rows, bytesToFloat32(blob), params);
  }

  /** Rows sharing a bucket with `query` in at least one table, each once, in discovery order. */
  candidates(query: Float32Array): Int32Array {
    return this.collect(unitQuery(query, this.dimension));
  }

  search(query: Float32Array, k: number, options: AnnSearchOptions = {}): AnnHit[] {
    const unit = unitQuery(query, this.dimension);
    return rankRows(this.rows, unit, this.collect(unit), hitCount(k, this.size), options.exclude);
  }

  serialize(): Uint8Array {
    return encodeAnnFile({
      ...fileOf(this.rows),
      kind: "lsh",
      params: this.params,
      blobs: [float32ToBytes(this.rows.vectors), float32ToBytes(this.directions)],
    });
  }

  private collect(unit: Float32Array): Int32Array {
    this.stamp = this.nextStamp();
    const found: number[] = [];
    for (let t = 0; t < this.tables.length; t++) {
      const table = this.tables[t] as BucketTable;
      const ordinal = table.ordinalOf.get(tableKey(unit, this.directions, t, this.params));
      if (ordinal === undefined) continue;
      const end = table.starts[ordinal + 1] as number;
      for (let i = table.starts[ordinal] as number; i < end; i++) {
        const row = table.members[i] as number;
        if (this.stamps[row] === this.stamp) continue;
        this.stamps[row] = this.stamp;
        found.push(row);
      }
    }
    return Int32Array.from(found);
  }

  private nextStamp(): number {
    if (this.stamp < 0xffffffff) return this.stamp + 1;
    this.stamps.fill(0);
    return 1;
  }
}
