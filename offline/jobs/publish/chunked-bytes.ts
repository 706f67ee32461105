import type { ArtifactEntry, BulkStore } from "../../../core/ports/index.ts";

/** Blobs are split so no single value approaches Cassandra's comfortable cell size. */
export const CHUNK_BYTES = 256 * 1024;

const partKey = (name: string, part: number) => `${name}:part:${String(part).padStart(6, "0")}`;

/** A blob as artifact entries `<name>:part:000000`, `…001`, …, in order. */
export function chunkedEntries(name: string, bytes: Uint8Array, chunkBytes = CHUNK_BYTES): ArtifactEntry[] {
  const entries: ArtifactEntry[] = [];
  for (let start = 0, part = 0; start < bytes.length || part === 0; start += chunkBytes, part++) {
    entries.push({ key: partKey(name, part), value: bytes.subarray(start, start + chunkBytes) });
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
  const expected = keys.map((_, i) => partKey(name, i));
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
