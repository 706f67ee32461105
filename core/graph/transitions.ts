/** One step of a user's liked-item sequence: an edge from the earlier item to the next one. */
export type Transition = readonly [from: string, to: string];

/**
 * The transitions one time-ordered sequence contributes to the behaviour graph: each item to the next,
 * skipping repeats of the same item, so there are never self-loops. The nearline tier calls this for the
 * new item and its predecessor, so incremental updates follow exactly the offline definition.
 */
export function transitionsOf(items: readonly string[]): Transition[] {
  const pairs: Transition[] = [];
  let previous: string | undefined;
  for (const item of items) {
    if (previous !== undefined && item !== previous) pairs.push([previous, item]);
    previous = item;
  }
  return pairs;
}
