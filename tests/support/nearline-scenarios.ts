import assert from "node:assert/strict";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import {
  createScenarioTopics,
  type NearlineDataset,
  produceEvents,
  publishReferenceData,
  ratingEvent,
} from "./nearline-dataset.ts";
import { expectedState } from "./nearline-expected.ts";
import {
  counterValue,
  type NearlineProfile,
  type NearlineWorld,
  progress,
  type RunningMember,
  readDeadLetters,
  waitForDrain,
} from "./nearline-harness.ts";
import { assertStateMatches } from "./nearline-state-check.ts";

/** Opens a world with the data set's reference data published and the topics created, runs `body`, cleans up. */
export async function inWorld<T>(
  profile: NearlineProfile,
  data: NearlineDataset,
  body: (world: NearlineWorld) => Promise<T>,
): Promise<T> {
  const world = await profile.open();
  try {
    await publishReferenceData(world.stores, data);
    await createScenarioTopics(world.stores.eventLog, world.settings.partitions);
    return await body(world);
  } finally {
    await world.close();
  }
}

const logsOf = (members: readonly RunningMember[]) => () => members.map((m) => m.log()).join("\n");

/** After the lag drained: the state equals the offline definitions, nothing dead-lettered, nothing stalled. */
export async function assertFinalState(
  world: NearlineWorld,
  data: NearlineDataset,
  members: readonly RunningMember[],
): Promise<void> {
  await waitForDrain(world.stores, 90_000, logsOf(members));
  await assertStateMatches(world.stores.cache, expectedState(data, world.settings));
  assert.deepEqual(await readDeadLetters(world.stores.eventLog), [], "no dead letters");
  assert.deepEqual(
    members.flatMap((m) => m.stalls),
    [],
    "no stall",
  );
}

/** Scenario 1: a replay of the data set leaves exactly the offline tier's graph, features, vectors and history. */
export async function replayEqualsOffline(profile: NearlineProfile, data: NearlineDataset): Promise<void> {
  await inWorld(profile, data, async (world) => {
    const member = await world.startMember();
    await produceEvents(world.stores.eventLog, data.ratings.map(ratingEvent));
    await assertFinalState(world, data, [member]);
    assert.equal(await counterValue(member.metrics.events, { outcome: "applied" }), data.ratings.length);
    assert.equal(await counterValue(member.metrics.events, { outcome: "duplicate" }), 0);
  });
}

/** Waits until the members applied their first batch. */
export async function someApplied(world: NearlineWorld): Promise<void> {
  await waitFor(async () => (await progress(world.stores)).applied > 0, {
    timeoutMs: 60_000,
    intervalMs: 5,
    message: "the first applied batch",
  });
}

/**
 * Scenario 4: the cache loses everything mid-stream (a Redis restart without persistence). The consumer notices,
 * counts a rebuild, replays the log from the start, and ends with the same state as an uninterrupted run.
 */
export async function cacheLossRebuilds(profile: NearlineProfile, data: NearlineDataset): Promise<void> {
  await inWorld(profile, data, async (world) => {
    const member = await world.startMember();
    const events = data.ratings.map(ratingEvent);
    const half = Math.floor(events.length / 2);
    await produceEvents(world.stores.eventLog, events.slice(0, half));
    await someApplied(world);
    await world.loseCache();
    await produceEvents(world.stores.eventLog, events.slice(half));
    await waitFor(async () => (await counterValue(member.metrics.rebuilds)) >= 1, {
      timeoutMs: 30_000,
      message: "a rebuild after the cache lost its data",
    });
    await assertFinalState(world, data, [member]);
  });
}

const owned = (m: RunningMember) => [...m.nearline.consumer.assignment().values()].flat().length;

/**
 * Scenario 6, under load (K5): a second member joins while the first has lag, then the first leaves while events
 * keep coming. Partitions change owners twice; nothing is lost and nothing is applied twice.
 */
export async function rebalanceUnderLoad(profile: NearlineProfile, data: NearlineDataset): Promise<void> {
  await inWorld(profile, data, async (world) => {
    const events = data.ratings.map(ratingEvent);
    const third = Math.floor(events.length / 3);
    const first = await world.startMember();
    await produceEvents(world.stores.eventLog, events.slice(0, third));
    await someApplied(world);
    const second = await world.startMember();
    await produceEvents(world.stores.eventLog, events.slice(third, 2 * third));
    await first.stop();
    await waitFor(() => owned(second) === 3 * world.settings.partitions, {
      timeoutMs: 60_000,
      message: "the second member owns every partition",
    });
    await produceEvents(world.stores.eventLog, events.slice(2 * third));
    await assertFinalState(world, data, [first, second]);
  });
}

/** Scenario 6: two members of one group split the partitions; together they apply every event exactly once. */
export async function twoMembersShareTheLog(profile: NearlineProfile, data: NearlineDataset): Promise<void> {
  await inWorld(profile, data, async (world) => {
    const first = await world.startMember();
    const second = await world.startMember();
    // Right after a rebalance one member may still report its old assignment, so wait for a consistent split.
    const all = 3 * world.settings.partitions;
    const split = () => owned(first) > 0 && owned(second) > 0 && owned(first) + owned(second) === all;
    await waitFor(split, { timeoutMs: 60_000, message: "each partition owned by one of the two members" });
    await produceEvents(world.stores.eventLog, data.ratings.map(ratingEvent));
    await assertFinalState(world, data, [first, second]);
    const applied = await Promise.all(
      [first, second].map((m) => counterValue(m.metrics.events, { outcome: "applied" })),
    );
    assert.ok(
      applied.every((n) => n > 0),
      `both members applied events: ${applied}`,
    );
    const total = applied.reduce((sum, n) => sum + n, 0);
    assert.equal(total, data.ratings.length, "no event applied twice");
  });
}
