import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { systemClock } from "../core/clock.ts";
import { silentLogger } from "../core/logger.ts";
import { createProgress } from "../core/progress.ts";
import { createSqliteBulkStore } from "../infra/embedded/bulk-store/index.ts";
import { createSqliteControlStore } from "../infra/embedded/control-store/index.ts";
import { createInMemoryFeatureCache } from "../infra/embedded/feature-cache/index.ts";
import { buildPopularity } from "../offline/jobs/build-popularity.ts";
import { createApp } from "../online/app.ts";
import { tinyDataset } from "./support/tiny-dataset.ts";

async function stores() {
  return {
    bulk: createSqliteBulkStore({ path: ":memory:" }),
    control: createSqliteControlStore({ path: ":memory:" }),
  };
}

describe("catalogue publish and read", () => {
  it("publishes through the ports and reads top lists from the cache, then from the BulkStore on a cold cache", async () => {
    const { bulk, control } = await stores();
    const warm = createInMemoryFeatureCache({ maxEntries: 10_000, clock: systemClock });
    const deps = {
      bulk,
      control,
      cache: warm,
      clock: systemClock,
      logger: silentLogger,
      progress: createProgress,
      newId: () => "test",
    };
    const result = await buildPopularity(deps, { dataset: tinyDataset(), priorWeight: 10, topK: 10 });
    assert.equal(result.ratings, 61);
    assert.equal(await control.activeVersion("popularity"), result.version);

    for (const cache of [warm, createInMemoryFeatureCache({ maxEntries: 10_000, clock: systemClock })]) {
      const app = createApp({ bulk, control, cache, logger: silentLogger, bodyLimitBytes: 1024 });
      const response = await app.request("/api/v1/genres/Comedy/items?k=5");
      assert.equal(response.status, 200);
      const body = (await response.json()) as { items: { itemId: string; ratingCount: number }[] };
      assert.deepEqual(
        body.items.map((i) => i.itemId),
        ["1", "2"],
      );
      assert.deepEqual(
        body.items.map((i) => i.ratingCount),
        [30, 1],
      );
    }
    await Promise.all([bulk.close(), control.close()]);
  });

  it("answers 503 with Retry-After before anything is published", async () => {
    const { bulk, control } = await stores();
    const cache = createInMemoryFeatureCache({ maxEntries: 100, clock: systemClock });
    const app = createApp({ bulk, control, cache, logger: silentLogger, bodyLimitBytes: 1024 });
    const response = await app.request("/api/v1/genres/Comedy/items");
    assert.equal(response.status, 503);
    assert.equal(response.headers.get("retry-after"), "1");
    assert.equal((await app.request("/healthz")).status, 503);
    assert.equal((await app.request("/nope")).status, 404);
    await Promise.all([bulk.close(), control.close()]);
  });
});
