import { Redis } from "ioredis";

/** A SCAN MATCH pattern matching exactly the keys that start with `prefix` (glob characters escaped). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
}

/** Deletes every key starting with `prefix` (SCAN, then UNLINK in pages); for test namespaces. Returns the count. */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  if (prefix.length === 0) throw new Error("refusing to delete every key: the prefix is empty");
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    let cursor = "0";
    let deleted = 0;
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", prefixPattern(prefix), "COUNT", 500);
      if (keys.length > 0) deleted += await client.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
    return deleted;
  } finally {
    client.disconnect();
  }
}
