/** Vectors in word2vec's text format (`count dim` header, then `id v1 v2 ...`), readable by gensim and others. */
export function word2vecText(ids: readonly string[], dimension: number, vectors: Float32Array): string {
  const lines = [`${ids.length} ${dimension}`];
  for (const [row, id] of ids.entries()) {
    const values = Array.from(vectors.subarray(row * dimension, (row + 1) * dimension), (v) =>
      v.toPrecision(6),
    );
    lines.push(`${id} ${values.join(" ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** One JSON document per line. */
export function jsonLines(records: Iterable<unknown>): string {
  let out = "";
  for (const record of records) out += `${JSON.stringify(record)}\n`;
  return out;
}
