/** Maps each catalogue item id to its position; a duplicated id keeps its first position. */
export function catalogueIndex(catalogue: readonly string[]): ReadonlyMap<string, number> {
  const index = new Map<string, number>();
  catalogue.forEach((itemId, position) => {
    if (!index.has(itemId)) index.set(itemId, position);
  });
  return index;
}
