/** Ids per IN list: large enough for few round trips, small enough to keep each statement short. */
export const IN_LIST_CHUNK = 1000;

/** Rows per multi-row INSERT. */
export const INSERT_CHUNK = 500;

/** Split a list into consecutive slices of at most `size` elements. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
  return out;
}
