/**
 * Boundaries of `parts` contiguous row ranges of about equal work (range t is rows splits[t]..splits[t+1]-1),
 * where a row costs its number of entries plus `rowCost`, the fixed part of a solve in the same units.
 */
export function rowSplits(offsets: Int32Array, parts: number, rowCost: number): Int32Array {
  const rows = offsets.length - 1;
  const entries = offsets[rows] as number;
  const total = entries + rows * rowCost;
  const splits = new Int32Array(parts + 1);
  splits[parts] = rows;
  let row = 0;
  for (let t = 1; t < parts; t++) {
    const target = (total * t) / parts;
    while (row < rows && (offsets[row + 1] as number) + (row + 1) * rowCost <= target) row++;
    splits[t] = row;
  }
  return splits;
}
