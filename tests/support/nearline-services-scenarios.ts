import assert from "node:assert/strict";
import { type NearlineDataset, produceEvents, ratingEvent } from "./nearline-dataset.ts";

import { counterValue, type NearlineProfile } from "./nearline-harness.ts";
import { startPauseProxy } from "./nearline-pause-proxy.ts";
import { assertFinalState, inWorld, someApplied } from "./nearline-scenarios.ts";

/** The nearline's Redis command timeout (infra/port-adapters.ts makes it at least 10 s). */
const NEARLINE_COMMAND_TIMEOUT_MS = 10_000;

/**
 * Scenario 5: Redis stops answering the consumer for `pauseMs` mid-stream (its connection stays open). Nothing is
 * dead-lettered or lost, the pause is not mistaken for lost data (no rebuild), the lag drains, and the state
 * equals the uninterrupted one. Longer than the nearline's command timeout, the writes time out, are retried,
 * and the late-arriving ones are skipped by the checkpoint.
 */
export async function redisPauseLosesNothing(
  profile: NearlineProfile,
  redisUrl: string,
  data: NearlineDataset,
  pauseMs: number,
): Promise<void> {
  const proxy = await startPauseProxy(redisUrl);
  try {
    await inWorld(profile, data, async (world) => {
      const member = await world.startMember({ RECSYS_CACHE_URL: proxy.url });
      const events = data.ratings.map(ratingEvent);
      const half = Math.floor(events.length / 2);
      await produceEvents(world.stores.eventLog, events.slice(0, half));
      await someApplied(world);
      const paused = proxy.pause(pauseMs);
      await produceEvents(world.stores.eventLog, events.slice(half));
      await paused;
      await assertFinalState(world, data, [member]);
      assert.equal(await counterValue(member.metrics.rebuilds), 0, "a pause is not a loss");
      // Only a pause longer than the command timeout makes a write fail (a shorter one just delays it).
      if (pauseMs > NEARLINE_COMMAND_TIMEOUT_MS)
        assert.ok((await counterValue(member.metrics.retries)) > 0, "the timed-out batch was retried");
    });
  } finally {
    await proxy.close();
  }
}
