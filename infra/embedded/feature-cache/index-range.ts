/** Half-open `[from, to)` positions selected by Redis-style inclusive indexes. */
export interface IndexRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Resolves inclusive `start..stop` as LRANGE/ZREVRANGE do: negative indexes count from the end, a stop past the
 * end is clamped, and an empty selection gives from === to.
 */
export function resolveIndexRange(start: number, stop: number, length: number): IndexRange {
  const from = Math.max(start < 0 ? start + length : start, 0);
  const last = Math.min(stop < 0 ? stop + length : stop, length - 1);
  return last < from ? { from: 0, to: 0 } : { from, to: last + 1 };
}
