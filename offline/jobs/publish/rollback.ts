import { NotFoundError } from "../../../core/errors.ts";
import { ARTIFACT_KINDS, VERSION_KINDS } from "../../../schemas/index.ts";
import type { JobDeps } from "../job-deps.ts";
import { withPublishLease } from "./publish-lease.ts";

export interface RollbackResult {
  readonly from: string;
  readonly to: string;
  readonly pointers: readonly string[];
}

/**
 * Points every kind that serves the current embeddings version back at the version that served before it,
 * in one transaction. Rolling back twice returns to where it started.
 */
export function rollback(deps: JobDeps): Promise<RollbackResult> {
  return withPublishLease(deps, () => switchBack(deps));
}

async function switchBack(deps: JobDeps): Promise<RollbackResult> {
  const gate = VERSION_KINDS.embeddings;
  const versions = await deps.control.listVersions(gate);
  const active = versions.find((v) => v.status === "active");
  const previous = versions
    .filter((v) => v.status === "retired" && v.activatedAt !== null)
    .sort((a, b) => (b.activatedAt ?? 0) - (a.activatedAt ?? 0) || (a.version < b.version ? 1 : -1))[0];
  if (active === undefined || previous === undefined) {
    throw new NotFoundError("there is no previous version to roll back to: run `recsys offline train` first");
  }
  const stored = await deps.bulk.listVersions(ARTIFACT_KINDS.evaluation);
  if (!stored.some((v) => v.version === previous.version)) {
    throw new NotFoundError(
      `the previous version ${previous.version} has been deleted; there is nothing to roll back to`,
    );
  }
  const current = await deps.control.activeVersions();
  const pointers = Object.values(VERSION_KINDS).filter((kind) => current[kind] === active.version);
  await deps.control.activateVersions(Object.fromEntries(pointers.map((kind) => [kind, previous.version])));
  await deps.files?.markActive(previous.version);
  deps.logger.info("rolled back", { from: active.version, to: previous.version });
  return { from: active.version, to: previous.version, pointers };
}
