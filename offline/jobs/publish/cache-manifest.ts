import type { ArtifactEntry, CacheWrite } from "../../../core/ports/index.ts";
import { ARTIFACT_KINDS } from "../../../schemas/index.ts";
import type { JobDeps } from "../job-deps.ts";
import { jsonBytes, parseJsonBytes } from "./version-bundle.ts";

const KEYS_PER_ENTRY = 1000;
const PREFIX = "cache-keys:";

/** The manifest entries listing every cache key the writes touch, in chunks small enough for any store. */
export function cacheManifest(writes: readonly CacheWrite[]): ArtifactEntry[] {
  const keys = [...new Set(writes.map((w) => w.key))];
  const entries: ArtifactEntry[] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_ENTRY) {
    const n = String(start / KEYS_PER_ENTRY).padStart(6, "0");
    entries.push({ key: `${PREFIX}${n}`, value: jsonBytes(keys.slice(start, start + KEYS_PER_ENTRY)) });
  }
  return entries;
}

/** The cache keys a version recorded in its manifest; empty for versions without one. */
export async function manifestCacheKeys(deps: JobDeps, version: string): Promise<string[]> {
  const names: string[] = [];
  for await (const key of deps.bulk.listArtifactKeys(ARTIFACT_KINDS.manifest, version)) {
    if (key.startsWith(PREFIX)) names.push(key);
  }
  const values = await deps.bulk.getArtifacts(ARTIFACT_KINDS.manifest, version, names);
  return values.flatMap((bytes) => (bytes === null ? [] : (parseJsonBytes(bytes) as string[])));
}
