/** Trained item vectors. */
export interface Item2VecModel {
  readonly itemIds: readonly string[];
  readonly dimension: number;
  /** Row-major itemIds.length x dimension: the input (syn0) vectors. */
  readonly vectors: Float32Array;
}

const indexCache = new WeakMap<Item2VecModel, ReadonlyMap<string, number>>();

/** Row of each item id; a fresh Map the caller may change. */
export function itemIndex(model: Item2VecModel): Map<string, number> {
  return new Map(cachedIndex(model));
}

/** Row of each item id, built once per model. */
export function cachedIndex(model: Item2VecModel): ReadonlyMap<string, number> {
  let index = indexCache.get(model);
  if (index === undefined) {
    index = new Map(model.itemIds.map((id, row) => [id, row]));
    indexCache.set(model, index);
  }
  return index;
}
