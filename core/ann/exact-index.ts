import type { AnnHit, AnnIndex, AnnSearchOptions } from "../ports/ann-index.ts";
import { bytesToFloat32, float32ToBytes } from "../vector-bytes.ts";
import { type AnnFile, corrupt, encodeAnnFile } from "./ann-format.ts";
import { rankRows } from "./top-k.ts";
import { hitCount, type UnitRows, unitQuery, unitRows } from "./vectors.ts";

/** Brute-force cosine search over every row: the ground truth the approximate indexes are measured against. */
export class ExactAnnIndex implements AnnIndex {
  readonly kind = "exact" as const;
  readonly dimension: number;
  readonly size: number;

  private constructor(private readonly rows: UnitRows) {
    this.dimension = rows.dimension;
    this.size = rows.ids.length;
  }

  /** Builds over normalised copies of `vectors` (row i is `ids[i]`). */
  static build(ids: readonly string[], vectors: Float32Array, dimension: number): ExactAnnIndex {
    return new ExactAnnIndex(unitRows(ids, vectors, dimension));
  }

  /** Rebuilds the index a decoded `exact` file describes. */
  static fromFile(file: AnnFile): ExactAnnIndex {
    return new ExactAnnIndex(rowsFromFile(file));
  }

  search(query: Float32Array, k: number, options: AnnSearchOptions = {}): AnnHit[] {
    const unit = unitQuery(query, this.dimension);
    return rankRows(this.rows, unit, this.size, hitCount(k, this.size), options.exclude);
  }

  serialize(): Uint8Array {
    return encodeAnnFile({
      ...fileOf(this.rows),
      kind: "exact",
      params: {},
      blobs: [float32ToBytes(this.rows.vectors)],
    });
  }
}

/** The header fields of a file holding `rows`. */
export function fileOf(rows: UnitRows): Pick<AnnFile, "dimension" | "size" | "ids"> {
  return { dimension: rows.dimension, size: rows.ids.length, ids: rows.ids };
}

/** The unit rows stored as the first blob of `file`, after checking their length. */
export function rowsFromFile(file: AnnFile): UnitRows {
  const blob = file.blobs[0];
  if (file.dimension < 1) corrupt("declare dimension 0");
  if (blob === undefined || blob.length !== file.size * file.dimension * 4) {
    corrupt(`hold ${blob?.length ?? 0} vector bytes, not ${file.size} x ${file.dimension} float32`);
  }
  return { ids: file.ids, dimension: file.dimension, vectors: bytesToFloat32(blob) };
}
