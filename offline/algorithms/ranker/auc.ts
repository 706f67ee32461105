/**
 * Area under the ROC curve of `scores` against 0/1 `labels` (rank statistic, ties count half), over `rows` or
 * every row; NaN when only one class is present.
 */
export function auc(scores: ArrayLike<number>, labels: Uint8Array, rows?: Int32Array): number {
  const order = rows === undefined ? Int32Array.from({ length: labels.length }, (_, r) => r) : rows.slice();
  order.sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    const score = scores[order[start] as number] as number;
    let end = start + 1;
    while (end < order.length && scores[order[end] as number] === score) end++;
    // Tied rows share the mean of the 1-based ranks start + 1 .. end.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        positiveRankSum += rank;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
