import type { ArtifactEntry, BulkStore } from "./ports/index.ts";

/**
 * Blobs (the behaviour graph, ANN indexes) are stored as numbered artifact parts so no single value approaches
 * Cassandra's comfortable cell size. The offline tier writes them, the online tier reads them back: both use
 * this one layout.
 */
export const CHUNK_BYTES = 256 * 1024;

/** The key of part `part` of blob `name`: `<name>:part:000000`, zero-padded so key order is part order. */
export function chunkPartKey(name: string, part: number): string {
  return `${name}:part:${String(part).padStart(6, "0")}`;
}

/** A blob as artifact entries `<name>:part:000000`, `…001`, …, in order; an empty blob is one empty part. */
export function chunkedEntries(name: string, bytes: Uint8Array, chunkBytes = CHUNK_BYTES): ArtifactEntry[] {
  const entries: ArtifactEntry[] = [];
  for (let start = 0, part = 0; start < bytes.length || part === 0; start += chunkBytes, part++) {
    entries.push({ key: chunkPartKey(name, part), value: bytes.subarray(start, start + chunkBytes) });
  }
  return entries;
}

/** Reassembles a blob written by `chunkedEntries`; null when the version has no part of it. */
export async function readChunked(
  bulk: BulkStore,
  kind: string,
  version: string,
  name: string,
): Promise<Uint8Array | null> {
  const prefix = `${name}:part:`;
  const keys: string[] = [];
  for await (const key of bulk.listArtifactKeys(kind, version)) if (key.startsWith(prefix)) keys.push(key);
  if (keys.length === 0) return null;
  keys.sort();
  const parts = await bulk.getArtifacts(kind, version, keys);
  const expected = keys.map((_, i) => chunkPartKey(name, i));
  if (parts.some((p) => p === null) || keys.some((k, i) => k !== expected[i])) {
    throw new Error(`artifact ${kind}/${version}/${name} is incomplete: parts ${keys.join(", ")}`);
  }
  const total = parts.reduce((n, p) => n + (p as Uint8Array).length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts as Uint8Array[]) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
