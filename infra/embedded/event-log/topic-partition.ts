/** A map key for one topic partition; topic names cannot contain '/', so it is unambiguous. */
export function tpKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}

/** Undo {@link tpKey}. */
export function parseTpKey(key: string): { topic: string; partition: number } {
  const slash = key.lastIndexOf("/");
  return { topic: key.slice(0, slash), partition: Number(key.slice(slash + 1)) };
}
