/**
 * A sparse matrix in compressed-row form: row r holds columns `indices[offsets[r] .. offsets[r + 1])` with the
 * matching `values`; `offsets` has one entry more than there are rows, and columns are ascending within a row.
 */
export interface Csr {
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Number of rows of `csr`. */
export function csrRows(csr: Csr): number {
  return csr.offsets.length - 1;
}

/** The transpose of `csr` (whose columns lie in 0..columns-1), rows again ascending by column. */
export function transposeCsr(csr: Csr, columns: number): Csr {
  const { offsets, indices, values } = csr;
  const counts = new Int32Array(columns + 1);
  for (let n = 0; n < indices.length; n++) {
    const column = indices[n] as number;
    counts[column + 1] = (counts[column + 1] as number) + 1;
  }
  for (let c = 0; c < columns; c++) counts[c + 1] = (counts[c + 1] as number) + (counts[c] as number);
  const outOffsets = Int32Array.from(counts);
  const outIndices = new Int32Array(indices.length);
  const outValues = new Float32Array(values.length);
  // Walking rows in order leaves every output row sorted by its (former) row index.
  for (let row = 0; row + 1 < offsets.length; row++) {
    for (let n = offsets[row] as number; n < (offsets[row + 1] as number); n++) {
      const column = indices[n] as number;
      const slot = counts[column] as number;
      counts[column] = slot + 1;
      outIndices[slot] = row;
      outValues[slot] = values[n] as number;
    }
  }
  return { offsets: outOffsets, indices: outIndices, values: outValues };
}

/** Throws unless `csr` is a well-formed matrix of `rows` rows whose columns lie in 0..columns-1. */
export function validateCsr(name: string, csr: Csr, rows: number, columns: number): void {
  const { offsets, indices, values } = csr;
  if (offsets.length !== rows + 1) fail(name, `offsets must have ${rows + 1} entries, got ${offsets.length}`);
  if (offsets[0] !== 0 || offsets[rows] !== indices.length) {
    fail(name, "offsets must start at 0 and end at indices.length");
  }
  if (values.length !== indices.length) fail(name, "values must have one entry per index");
  for (let row = 0; row < rows; row++) {
    if ((offsets[row + 1] as number) < (offsets[row] as number)) fail(name, "offsets must be ascending");
  }
  for (let n = 0; n < indices.length; n++) {
    const column = indices[n] as number;
    if (column < 0 || column >= columns) fail(name, `index ${column} is outside 0..${columns - 1}`);
    if (!Number.isFinite(values[n] as number) || (values[n] as number) < 0) {
      fail(name, `value ${values[n]} must be a finite number >= 0`);
    }
  }
}

function fail(name: string, rule: string): never {
  throw new Error(`ALS: interactions.${name} ${rule}`);
}
