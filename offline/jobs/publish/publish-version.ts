import { ConfigError, StarlingError } from "../../../core/errors.ts";
import type { ArtifactEntry, CacheWrite } from "../../../core/ports/index.ts";
import { ARTIFACT_KINDS, newVersionId } from "../../../schemas/index.ts";
import type { JobDeps } from "../job-deps.ts";
import { cacheManifest } from "./cache-manifest.ts";
import { pruneVersions } from "./prune-versions.ts";
import type { VersionBundle } from "./version-bundle.ts";
import { decidePromotion, readVersionScore, scoreArtifact } from "./version-score.ts";

const ARTIFACT_BATCH = 500;
const CACHE_BATCH = 500;

export interface PublishOptions {
  /** Largest relative drop of the score against the serving version that still promotes. */
  readonly margin: number;
  /** Promote even when the gate says no. */
  readonly force: boolean;
  /** Called right before the pointer switch; throwing stops the publish (e.g. a lost publish lease). */
  readonly beforeSwitch?: () => Promise<void>;
}

export interface PublishResult {
  readonly version: string;
  readonly promoted: boolean;
  /** Why it was or was not promoted. */
  readonly reason: string;
  /** The version that served before, now kept for rollback. */
  readonly previous: string | null;
  readonly pruned: readonly string[];
}

async function writeArtifacts(deps: JobDeps, version: string, bundle: VersionBundle): Promise<void> {
  const all = [
    ...bundle.artifacts,
    { kind: ARTIFACT_KINDS.manifest, entries: cacheManifest(bundle.cacheWrites) },
  ];
  if (bundle.score) all.push(scoreArtifact(bundle.score));
  const total = all.reduce((n, a) => n + a.entries.length, 0);
  const progress = deps.progress({ label: "publish artifacts", unit: "entries", total });
  let done = 0;
  for (const { kind, entries } of all) {
    for (let start = 0; start < entries.length; start += ARTIFACT_BATCH) {
      const batch: readonly ArtifactEntry[] = entries.slice(start, start + ARTIFACT_BATCH);
      await deps.bulk.putArtifacts(kind, version, batch);
      done += batch.length;
      progress.update(done);
    }
  }
  progress.finish();
}

async function warmCache(deps: JobDeps, writes: readonly CacheWrite[]): Promise<void> {
  const progress = deps.progress({ label: "warm cache", unit: "keys", total: writes.length });
  for (let start = 0; start < writes.length; start += CACHE_BATCH) {
    await deps.cache.batch(writes.slice(start, start + CACHE_BATCH));
    progress.update(Math.min(writes.length, start + CACHE_BATCH));
  }
  progress.finish();
}

/** Refuses to move a pointer backwards: a newer version published by another run meanwhile wins. */
async function checkStillNewest(deps: JobDeps, pointers: readonly string[], version: string): Promise<void> {
  for (const kind of pointers) {
    const current = await deps.control.activeVersion(kind);
    if (current !== null && current > version) {
      throw new StarlingError(
        `version ${current} of ${kind} was published while ${version} was being written`,
        {
          code: "superseded",
        },
      );
    }
  }
}

/** Housekeeping once the version serves: a failure here is logged, never reported as a failed publish. */
async function afterSwitch(deps: JobDeps, version: string): Promise<readonly string[]> {
  try {
    await deps.files?.markActive(version);
    return await pruneVersions(deps);
  } catch (error) {
    deps.logger.warn("the version serves, but marking its files or pruning old versions failed", {
      version,
      error: String(error),
    });
    return [];
  }
}

/** A fresh version id from the job's clock and id source; ids sort by time. */
export function nextVersionId(deps: JobDeps): string {
  return newVersionId(deps.clock.now(), deps.newId());
}

/**
 * Publishes a version: unless the gate rejects it, stages it, writes its artifacts, file copy and cache keys
 * (all version-tagged, so invisible to readers), then switches every pointer in one ControlStore transaction.
 * A failure before the switch leaves the serving version untouched; its leftovers are pruned by a later run.
 */
export async function publishVersion(
  deps: JobDeps,
  version: string,
  bundle: VersionBundle,
  options: PublishOptions,
): Promise<PublishResult> {
  const [gateKind] = bundle.pointers;
  if (gateKind === undefined) throw new ConfigError("a version bundle needs at least one pointer kind");
  const previous = await deps.control.activeVersion(gateKind);
  const serving = previous === null ? null : await readVersionScore(deps, previous);
  const decision = decidePromotion(bundle.score, serving, options.margin);
  if (!decision.promote && !options.force) {
    deps.logger.warn("version not promoted", { version, reason: decision.reason });
    return { version, promoted: false, reason: decision.reason, previous, pruned: [] };
  }
  for (const kind of bundle.pointers) await deps.control.stageVersion(kind, version);
  await writeArtifacts(deps, version, bundle);
  await deps.files?.writeVersion(version, bundle.files);
  await warmCache(deps, bundle.cacheWrites);
  await options.beforeSwitch?.();
  await checkStillNewest(deps, bundle.pointers, version);
  await deps.control.activateVersions(Object.fromEntries(bundle.pointers.map((kind) => [kind, version])));
  const pruned = await afterSwitch(deps, version);
  const reason = decision.promote ? decision.reason : `forced: ${decision.reason}`;
  deps.logger.info("version published", { version, previous: previous ?? "none", reason });
  return { version, promoted: true, reason, previous, pruned };
}
