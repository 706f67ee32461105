import { cachedIndex, type Item2VecModel } from "./model.ts";

export interface ScoredItem {
  itemId: string;
  score: number;
}

const normCache = new WeakMap<Item2VecModel, Float64Array>();

/** The `k` items with the highest cosine similarity to `itemId`, best first, ties by row; [] for an unknown id. */
export function similar(model: Item2VecModel, itemId: string, k: number): ScoredItem[] {
  const row = cachedIndex(model).get(itemId);
  if (row === undefined || k <= 0) return [];
  const { vectors, dimension: dim } = model;
  const norms = rowNorms(model);
  const queryNorm = norms[row] as number;
  const best: { row: number; score: number }[] = [];
  for (let other = 0; other < model.itemIds.length; other++) {
    if (other === row) continue;
    let dot = 0;
    for (let d = 0; d < dim; d++)
      dot += (vectors[row * dim + d] as number) * (vectors[other * dim + d] as number);
    const denominator = queryNorm * (norms[other] as number);
    const score = denominator > 0 ? dot / denominator : 0;
    if (best.length === k && score <= (best[k - 1] as { score: number }).score) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1] as { score: number }).score < score) at--;
    best.splice(at, 0, { row: other, score });
    if (best.length > k) best.pop();
  }
  return best.map((entry) => ({ itemId: model.itemIds[entry.row] as string, score: entry.score }));
}

function rowNorms(model: Item2VecModel): Float64Array {
  let norms = normCache.get(model);
  if (norms !== undefined) return norms;
  const { vectors, dimension: dim } = model;
  norms = new Float64Array(model.itemIds.length);
  for (let row = 0; row < norms.length; row++) {
    let sum = 0;
    for (let d = 0; d < dim; d++) sum += (vectors[row * dim + d] as number) ** 2;
    norms[row] = Math.sqrt(sum);
  }
  normCache.set(model, norms);
  return norms;
}
