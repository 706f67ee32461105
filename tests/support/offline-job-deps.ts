import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../../core/clock.ts";
import { silentLogger } from "../../core/logger.ts";
import { createProgress } from "../../core/progress.ts";
import { createSqliteBulkStore } from "../../infra/embedded/bulk-store/index.ts";
import { createSqliteControlStore } from "../../infra/embedded/control-store/index.ts";
import { createInMemoryFeatureCache } from "../../infra/embedded/feature-cache/index.ts";
import { createArtifactDirectory } from "../../infra/files/artifact-directory.ts";
import type { JobDeps } from "../../offline/jobs/job-deps.ts";

/** Offline job dependencies on embedded adapters in memory, a manual clock and a temporary artifact folder. */
export async function embeddedJobDeps(): Promise<JobDeps & { clock: ManualClock; artifactDir: string }> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const artifactDir = await mkdtemp(join(tmpdir(), "starling-offline-"));
  let n = 0;
  return {
    bulk: createSqliteBulkStore({ path: ":memory:" }),
    control: createSqliteControlStore({ path: ":memory:", clock }),
    cache: createInMemoryFeatureCache({ maxEntries: 1_000_000, clock }),
    files: createArtifactDirectory({ dir: artifactDir }),
    clock,
    logger: silentLogger,
    progress: (options) => createProgress({ ...options, write: () => {} }),
    newId: () => `run${n++}`,
    artifactDir,
  };
}
