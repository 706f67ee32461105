/** Deterministic test data shared by ours and the reference, built before any timing starts. */

/** `u<n>` for n in 0..users-1, so keys spread over the partitions like real user ids. */
export const userId = (n: number, users: number) => `u${n % users}`;

/** A JSON event of exactly `bytes` bytes (ASCII), padded with a `pad` field. */
export function eventJson(index: number, user: string, bytes: number): string {
  const head = `{"type":"view","userId":"${user}","itemId":"i${(index * 7919) % 100_000}","n":${index},"pad":"`;
  const tail = `"}`;
  const padding = Math.max(0, bytes - head.length - tail.length);
  return `${head}${"x".repeat(padding)}${tail}`;
}

/** A small linear congruential generator: the same picks in every run and on every side. */
export function seededPicker(seed: number): (below: number) => number {
  let state = seed >>> 0 || 1;
  return (below) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

/** Runs `work` on every item with at most `limit` in flight; rejects with the first failure. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Consecutive slices of `size` items. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The value at quantile q (0..1) of unsorted samples, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
