import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { describe, it } from "node:test";
import type { RawEvent } from "../core/ports/index.ts";
import { loadHistory } from "../offline/jobs/training/load-history.ts";
import { embeddedJobDeps } from "./support/offline-job-deps.ts";

function rating(userId: string, itemId: string, value: number, timestamp: number): RawEvent {
  const eventId = `r:${userId}:${itemId}:${timestamp}`;
  const body = JSON.stringify({ eventId, type: "rating", userId, itemId, rating: value, timestamp });
  return { eventId, type: "rating", userId, itemId, timestamp, body };
}

describe("loading the history", () => {
  it("keeps one rating per user and item, the latest, and skips unreadable events", async () => {
    const deps = await embeddedJobDeps();
    try {
      await deps.control.upsertItems(
        ["10", "9", "100"].map((itemId) => ({
          itemId,
          title: itemId,
          year: null,
          genres: [],
          eligible: true,
        })),
      );
      const broken = { ...rating("u1", "9", 1, 1_000), eventId: "broken", body: "{not json" };
      await deps.bulk.appendEvents([
        rating("u1", "10", 2, 1_000),
        rating("u2", "10", 4, 1_500),
        rating("u1", "9", 5, 2_000),
        rating("u1", "10", 4.5, 3_000),
        broken,
      ]);
      const history = await loadHistory(deps, {});
      const rows = history.ratings.map((r) => `${r.userId}/${r.itemId}=${r.rating}@${r.timestamp}`).sort();
      assert.deepEqual(rows, ["u1/10=4.5@3000", "u1/9=5@2000", "u2/10=4@1500"]);
      assert.equal(history.latestTimestamp, 3_000);
      assert.deepEqual(
        history.items.map((i) => i.itemId),
        ["9", "10", "100"],
        "numeric ids in numeric order",
      );
    } finally {
      await rm(deps.artifactDir, { recursive: true, force: true });
    }
  });
});
