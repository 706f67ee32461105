/** Rating counts and sums per item, with the global mean: the inputs of popularity and Bayesian averages. */
export interface ItemStatsTable {
  readonly count: Map<string, number>;
  readonly sum: Map<string, number>;
  readonly globalMean: number;
  readonly ratings: number;
}

export interface RatingLike {
  readonly itemId: string;
  readonly rating: number;
}

/** Accumulates per-item counts and sums one rating at a time, so a stream of any length fits in memory. */
export class ItemStatsAccumulator {
  private readonly count = new Map<string, number>();
  private readonly sum = new Map<string, number>();
  private total = 0;
  private ratings = 0;

  add(rating: RatingLike): void {
    this.count.set(rating.itemId, (this.count.get(rating.itemId) ?? 0) + 1);
    this.sum.set(rating.itemId, (this.sum.get(rating.itemId) ?? 0) + rating.rating);
    this.total += rating.rating;
    this.ratings += 1;
  }

  result(): ItemStatsTable {
    const globalMean = this.ratings === 0 ? 0 : this.total / this.ratings;
    return { count: this.count, sum: this.sum, globalMean, ratings: this.ratings };
  }
}

/**
 * The mean rating pulled towards the global mean as if the item had `priorWeight` extra average ratings,
 * so an item with one 5-star rating does not outrank one with a thousand 4.5s.
 */
export function bayesianAverage(sum: number, count: number, globalMean: number, priorWeight: number): number {
  return (priorWeight * globalMean + sum) / (priorWeight + count);
}
