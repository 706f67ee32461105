import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../core/clock.ts";
import { silentLogger } from "../core/logger.ts";
import { createProgress } from "../core/progress.ts";
import { createSqliteBulkStore } from "../infra/embedded/bulk-store/index.ts";
import { createSqliteControlStore } from "../infra/embedded/control-store/index.ts";
import { createInMemoryFeatureCache } from "../infra/embedded/feature-cache/index.ts";
import { publishPopularity } from "../offline/jobs/publish-popularity.ts";
import { ARTIFACT_KINDS, cacheKeys, VERSION_KINDS } from "../schemas/index.ts";

const summary = { itemId: "1", ratingCount: 3, averageRating: 4, bayesianAverage: 3.9 };
const model = {
  summaries: new Map([["1", summary]]),
  topByGenre: new Map([["Drama", [summary]]]),
  popular: [summary],
};

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  let n = 0;
  const deps = {
    bulk: createSqliteBulkStore({ path: ":memory:" }),
    control: createSqliteControlStore({ path: ":memory:" }),
    cache: createInMemoryFeatureCache({ maxEntries: 1000, clock }),
    clock,
    logger: silentLogger,
    progress: createProgress,
    newId: () => `run${n++}`,
  };
  const publish = async () => {
    clock.advance(60_000);
    return publishPopularity(deps, model);
  };
  const hasArtifacts = async (version: string) =>
    (await deps.bulk.getArtifact(ARTIFACT_KINDS.itemStats, version, "1")) !== null;
  return { deps, clock, publish, hasArtifacts };
}

describe("popularity versions", () => {
  it("keeps the previous version for rollback and prunes older and abandoned ones", async () => {
    const { deps, clock, publish, hasArtifacts } = setup();
    const v1 = await publish();
    // A run that wrote artifacts and staged its version, then crashed before activating it.
    clock.advance(60_000);
    const crashed = "v20260101000300-crashed";
    await deps.bulk.putArtifacts(ARTIFACT_KINDS.itemStats, crashed, [
      { key: "1", value: new Uint8Array([1]) },
    ]);
    await deps.control.stageVersion(VERSION_KINDS.popularity, crashed);
    const v3 = await publish();
    assert.equal(await deps.control.activeVersion(VERSION_KINDS.popularity), v3);
    assert.equal(await hasArtifacts(v1), true, "the previous active version stays for rollback");
    assert.equal(await hasArtifacts(crashed), false, "an abandoned staged version is pruned");
    const v4 = await publish();
    assert.equal(await hasArtifacts(v1), false, "versions older than the rollback one are pruned");
    assert.equal(await hasArtifacts(v3), true);
    assert.equal(await hasArtifacts(v4), true);
    assert.equal(
      await deps.cache.zscore(cacheKeys().popular(v1), "1"),
      null,
      "pruned versions leave the cache",
    );
    assert.equal(await deps.cache.zscore(cacheKeys().popular(v4), "1"), 3);
  });
});
