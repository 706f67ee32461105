import type { ModelVersion } from "../../../core/ports/index.ts";
import { ARTIFACT_KINDS, VERSION_KINDS } from "../../../schemas/index.ts";
import type { JobDeps } from "../job-deps.ts";
import { manifestCacheKeys } from "./cache-manifest.ts";

/** The most recently serving first, so the version kept for rollback is the one that served last. */
const lastServedFirst = (a: ModelVersion, b: ModelVersion) =>
  (b.activatedAt ?? 0) - (a.activatedAt ?? 0) || (a.version < b.version ? 1 : -1);

/**
 * Versions nobody should serve again: per pointer kind, every retired version but the one that served last (kept for
 * rollback), and staged versions older than the active one (runs that never finished). A version still
 * active or kept for rollback under any kind is never chosen.
 */
async function versionsToDelete(deps: JobDeps): Promise<string[]> {
  const keep = new Set<string>();
  const drop = new Set<string>();
  for (const kind of Object.values(VERSION_KINDS)) {
    const versions = await deps.control.listVersions(kind);
    const active = versions.find((v) => v.status === "active");
    const retired = versions.filter((v) => v.status === "retired").sort(lastServedFirst);
    if (active) keep.add(active.version);
    if (retired[0]) keep.add(retired[0].version);
    for (const old of retired.slice(1)) drop.add(old.version);
    for (const v of versions) {
      if (v.status === "staged" && active !== undefined && v.version < active.version) drop.add(v.version);
    }
  }
  return [...drop].filter((version) => !keep.has(version));
}

/** Versions that still have artifacts or files; the ControlStore keeps rows of pruned ones as history. */
async function storedVersions(deps: JobDeps): Promise<Set<string>> {
  const found = new Set<string>(await deps.files?.listVersions());
  for (const kind of Object.values(ARTIFACT_KINDS)) {
    for (const { version } of await deps.bulk.listVersions(kind)) found.add(version);
  }
  return found;
}

/** Deletes the artifacts, cache keys and files of versions that are neither serving nor kept for rollback. */
export async function pruneVersions(deps: JobDeps): Promise<string[]> {
  const stored = await storedVersions(deps);
  const doomed = (await versionsToDelete(deps)).filter((version) => stored.has(version));
  for (const version of doomed) {
    const keys = await manifestCacheKeys(deps, version);
    for (let start = 0; start < keys.length; start += 1000)
      await deps.cache.del(keys.slice(start, start + 1000));
    // The manifest goes last: a prune that stops half way can still find the keys next time.
    const kinds = Object.values(ARTIFACT_KINDS).filter((k) => k !== ARTIFACT_KINDS.manifest);
    for (const kind of kinds) await deps.bulk.deleteVersion(kind, version);
    await deps.bulk.deleteVersion(ARTIFACT_KINDS.manifest, version);
    await deps.files?.deleteVersion(version);
  }
  if (doomed.length > 0) deps.logger.info("pruned old versions", { versions: doomed.join(",") });
  return doomed;
}
