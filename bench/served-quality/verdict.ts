/** Issue 7's acceptance: served HR@10 within 5% (relative) of the offline figure, and at least the ranker's 0.09. */
export const TARGETS = { relativeTolerance: 0.05, minimumHr10: 0.09 } as const;

export interface Verdict {
  /** served / offline (NaN when offline is 0). */
  readonly ratio: number;
  readonly withinTolerance: boolean;
  readonly aboveMinimum: boolean;
  readonly pass: boolean;
}

/** Rounding slack, so that a ratio of exactly 0.95 in decimal counts as within 5%. */
const EPSILON = 1e-9;

export function judge(servedHr10: number, offlineHr10: number): Verdict {
  const ratio = offlineHr10 === 0 ? Number.NaN : servedHr10 / offlineHr10;
  const withinTolerance =
    Number.isFinite(ratio) && Math.abs(ratio - 1) <= TARGETS.relativeTolerance + EPSILON;
  const aboveMinimum = servedHr10 >= TARGETS.minimumHr10 - EPSILON;
  return { ratio, withinTolerance, aboveMinimum, pass: withinTolerance && aboveMinimum };
}
