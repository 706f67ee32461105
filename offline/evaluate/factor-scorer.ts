import type { Scorer } from "./types.ts";

/** User and item factor rows whose dot product predicts a preference (e.g. an implicit-ALS model). */
export interface FactorModel {
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly dimension: number;
  /** Row-major userIds.length x dimension. */
  readonly userFactors: Float32Array;
  /** Row-major itemIds.length x dimension. */
  readonly itemFactors: Float32Array;
}

/**
 * Scores dot(user factors, item factors), ignoring the history (the factors already encode it). Catalogue items
 * the model lacks score -Infinity; a user the model lacks scores 0 on every item it knows, so ranking falls to
 * catalogue order, as the embedding scorers do for a user with no known liked item.
 */
export function factorScorer(name: string, model: FactorModel, catalogue: readonly string[]): Scorer {
  const k = model.dimension;
  checkShape(model);
  const userRow = new Map<string, number>();
  model.userIds.forEach((userId, row) => {
    if (!userRow.has(userId)) userRow.set(userId, row);
  });
  const itemRow = new Map<string, number>();
  model.itemIds.forEach((itemId, row) => {
    if (!itemRow.has(itemId)) itemRow.set(itemId, row);
  });
  const rowOfPosition = Int32Array.from(catalogue, (itemId) => itemRow.get(itemId) ?? -1);
  const { userFactors, itemFactors } = model;
  return {
    name,
    score(userId, _history, out) {
      const user = userRow.get(userId);
      for (let position = 0; position < rowOfPosition.length; position++) {
        const item = rowOfPosition[position] as number;
        if (item < 0) out[position] = Number.NEGATIVE_INFINITY;
        else if (user === undefined) out[position] = 0;
        else out[position] = dotRows(userFactors, user * k, itemFactors, item * k, k);
      }
    },
  };
}

function dotRows(a: Float32Array, aBase: number, b: Float32Array, bBase: number, k: number): number {
  let sum = 0;
  for (let d = 0; d < k; d++) sum += (a[aBase + d] as number) * (b[bBase + d] as number);
  return sum;
}

function checkShape(model: FactorModel): void {
  const { dimension, userIds, itemIds, userFactors, itemFactors } = model;
  if (!Number.isSafeInteger(dimension) || dimension < 1) {
    throw new RangeError(`factor model dimension must be a positive integer, got ${dimension}`);
  }
  if (userFactors.length !== userIds.length * dimension) {
    throw new RangeError(
      `userFactors holds ${userFactors.length} floats, expected ${userIds.length} x ${dimension}`,
    );
  }
  if (itemFactors.length !== itemIds.length * dimension) {
    throw new RangeError(
      `itemFactors holds ${itemFactors.length} floats, expected ${itemIds.length} x ${dimension}`,
    );
  }
}
