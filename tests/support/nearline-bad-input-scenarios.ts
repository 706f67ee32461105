import assert from "node:assert/strict";
import type { EventLog, ProduceAck, ProduceRecord } from "../../core/ports/index.ts";
import type { Rating } from "../../offline/data/index.ts";
import { TOPICS } from "../../schemas/index.ts";
import { type NearlineDataset, produceEvents, ratingEvent } from "./nearline-dataset.ts";
import { expectedState } from "./nearline-expected.ts";
import { clickEvent, only, ratingsOf, storedEvents } from "./nearline-fixtures.ts";
import { counterValue, type NearlineProfile, readDeadLetters, waitForDrain } from "./nearline-harness.ts";
import { inWorld } from "./nearline-scenarios.ts";
import { assertStateMatches } from "./nearline-state-check.ts";

/** The poison records of scenario 2, each with the reason its dead letter must give. */
function poison(data: NearlineDataset): { record: ProduceRecord; reason: string }[] {
  const valid = ratingEvent(ratingsOf("p1", data, [4])[0] as Rating);
  const click = clickEvent("p1", valid.itemId, valid.timestamp, "x-click");
  const large = (bytes: number) => JSON.stringify({ ...valid, eventId: "x-large", pad: "x".repeat(bytes) });
  return [
    { record: { key: "p1", value: "{not json" }, reason: "not_json" },
    { record: { key: "p1", value: null }, reason: "empty_value" },
    {
      record: { key: "p1", value: JSON.stringify({ ...valid, eventId: "x-str", rating: "5" }) },
      reason: "invalid_event",
    },
    { record: { key: "p1", value: large(300_000) }, reason: "too_large" },
    {
      record: { key: "p1", value: JSON.stringify({ ...valid, eventId: "x-key", userId: "p2" }) },
      reason: "key_mismatch",
    },
    { record: { key: "p1", value: JSON.stringify(click) }, reason: "wrong_topic" },
  ];
}

/** Produces a 2 MB record alone; Kafka's default 1 MB message limit refuses it, the embedded log takes 16 MB. */
async function tryHuge(produce: (records: ProduceRecord[]) => Promise<ProduceAck[]>) {
  const value = JSON.stringify({ eventId: "x-huge", pad: "y".repeat(2 * 1024 * 1024) });
  try {
    return { acks: await produce([{ key: "p1", value }]), error: null };
  } catch (error) {
    return { acks: [], error: error as Error };
  }
}

/** The dead-letter topic holds exactly one letter per bad record, naming its origin and reason. */
async function assertDeadLetters(eventLog: EventLog, wanted: { reason: string; ack: ProduceAck }[]) {
  const letters = (await readDeadLetters(eventLog)).map((r) => JSON.parse(r.value ?? "null"));
  assert.equal(letters.length, wanted.length, JSON.stringify(letters.map((l) => l.reason)));
  for (const { reason, ack } of wanted) {
    const { partition, offset } = ack;
    const letter = letters.find((l) => l.origin.offset === offset && l.origin.partition === partition);
    assert.ok(letter, `a dead letter for offset ${offset} (${reason})`);
    assert.deepEqual(letter.origin, { topic: TOPICS.ratings, partition, offset, key: "p1" });
    assert.equal(letter.reason, reason);
    assert.ok(letter.errors.length > 0 && typeof letter.failedAt === "number");
    if (reason === "too_large") assert.ok(letter.truncated && letter.value.length <= 16 * 1024);
  }
}

/**
 * Scenario 2: poison records between valid ones on one partition. Every valid event is applied (also those after
 * the poison), every bad record is in the dead-letter topic with its origin and reason, valid + dead = produced.
 * Returns whether the log accepted the 2 MB record.
 */
export async function poisonGoesToDeadLetters(
  profile: NearlineProfile,
  data: NearlineDataset,
): Promise<boolean> {
  return inWorld(profile, data, async (world) => {
    const member = await world.startMember();
    const { eventLog } = world.stores;
    const produce = (records: ProduceRecord[]) => eventLog.produce(TOPICS.ratings, records);
    const valid = ratingsOf("p1", data, [4, 2, 5, 4.5, 3.5]);
    await produceEvents(eventLog, valid.slice(0, 2).map(ratingEvent));
    const bad = poison(data);
    const acks = await produce(bad.map((b) => b.record));
    const huge = await tryHuge(produce);
    if (huge.error) assert.match(huge.error.message, /too large|size/i);
    await produceEvents(eventLog, valid.slice(2).map(ratingEvent));
    await waitForDrain(world.stores, 60_000, member.log);
    const wanted = [...bad.map((b, i) => ({ reason: b.reason, ack: acks[i] as ProduceAck }))];
    if (huge.acks[0]) wanted.push({ reason: "too_large", ack: huge.acks[0] });
    await assertDeadLetters(eventLog, wanted);
    const applied = await counterValue(member.metrics.events, { outcome: "applied" });
    const dead = await counterValue(member.metrics.events, { outcome: "dead_letter" });
    assert.equal(applied, valid.length);
    assert.equal(applied + dead, valid.length + wanted.length, "valid + dead = produced");
    await assertStateMatches(world.stores.cache, expectedState(only(data, valid), world.settings));
    assert.equal((await storedEvents(world, "p1")).length, valid.length, "only valid events are stored");
    return huge.error === null;
  });
}
