import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../core/clock.ts";
import { silentLogger } from "../../core/logger.ts";
import { createFileEventLog } from "../../infra/embedded/event-log/index.ts";
import { readAll, withTempDir } from "../../infra/embedded/event-log/test-helpers.ts";
import { impressionEventSchema, TOPICS } from "../../schemas/index.ts";
import { createBreakerGuard } from "../resilience/breaker-guard.ts";
import { createImpressionLogger } from "./impression-logger.ts";

const NOW = Date.UTC(2024, 5, 1);

describe("impression logger on the embedded event log", () => {
  it("appends valid impression events to the impressions topic, keyed by user id", async () => {
    await withTempDir(async (dir) => {
      const log = await createFileEventLog({ dir, clock: new ManualClock(NOW), logger: silentLogger });
      const guard = createBreakerGuard({ errorThresholdPercent: 50, resetTimeoutMs: 1000 });
      try {
        await log.createTopics([{ name: TOPICS.impressions, partitions: 2 }]);
        let next = 0;
        const impressions = createImpressionLogger(
          {
            eventLog: log,
            guard,
            clock: new ManualClock(NOW),
            newId: () => `imp-${++next}`,
            logger: silentLogger,
          },
          { maxInFlight: 100, timeoutMs: 2000 },
        );
        for (const user of ["u1", "u2", "u1"]) {
          impressions.log({
            requestId: `req-${user}`,
            userId: user,
            itemIds: ["i9", "i4"],
            modelVersion: "v3",
            experiment: { id: "exp", arm: "b" },
          });
        }
        await impressions.flush();
        assert.deepEqual(impressions.counts(), {
          produced: 3,
          dropped: 0,
          failed: 0,
          invalid: 0,
          inFlight: 0,
        });
        const records = await readAll(log, TOPICS.impressions);
        assert.equal(records.length, 3);
        const partitionOf = new Map<string, number>();
        for (const record of records) {
          const event = impressionEventSchema.parse(JSON.parse(record.value ?? "null"));
          assert.equal(record.key, event.userId);
          assert.equal(record.headers.eventId, event.eventId);
          assert.deepEqual(event.items, [
            { itemId: "i9", position: 0 },
            { itemId: "i4", position: 1 },
          ]);
          assert.deepEqual([event.modelVersion, event.experimentArm], ["v3", "exp:b"]);
          const partition = partitionOf.get(record.key) ?? record.partition;
          assert.equal(record.partition, partition, "one user's impressions share a partition");
          partitionOf.set(record.key, partition);
        }
      } finally {
        guard.close();
        await log.close();
      }
    });
  });

  it("counts impressions as failed when the topic does not exist, and keeps serving", async () => {
    await withTempDir(async (dir) => {
      const log = await createFileEventLog({ dir, clock: new ManualClock(NOW), logger: silentLogger });
      const guard = createBreakerGuard({ errorThresholdPercent: 50, resetTimeoutMs: 1000 });
      try {
        const impressions = createImpressionLogger(
          { eventLog: log, guard, clock: new ManualClock(NOW), newId: () => "imp", logger: silentLogger },
          { maxInFlight: 100, timeoutMs: 2000 },
        );
        impressions.log({ requestId: "r", userId: "u1", itemIds: ["i1"] });
        await impressions.flush();
        assert.equal(impressions.counts().failed, 1);
      } finally {
        guard.close();
        await log.close();
      }
    });
  });
});
