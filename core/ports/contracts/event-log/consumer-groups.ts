import assert from "node:assert/strict";
import { it } from "node:test";
import type { Consumer, EventLog } from "../../event-log.ts";
import type { ContractHarness } from "../harness.ts";
import { waitFor } from "../wait-for.ts";
import {
  collector,
  keyedRecords,
  newTopic,
  placeOf,
  readyWithin,
  TEST_OPTIONS,
  uniqueName,
  WAIT_MS,
  waitForCommitted,
  waitForCount,
  withLog,
} from "./fixture.ts";

const owned = (consumer: Consumer, topic: string) => consumer.assignment().get(topic) ?? [];

/** Wait until the consumers own disjoint, non-empty sets of the topic's partitions that cover all of them. */
function waitForSplit(consumers: readonly Consumer[], topic: string, partitions: number): Promise<void> {
  return waitFor(
    () => {
      const sets = consumers.map((c) => owned(c, topic));
      const all = sets.flat();
      return sets.every((s) => s.length > 0) && all.length === partitions && new Set(all).size === partitions;
    },
    { timeoutMs: WAIT_MS, message: `${consumers.length} consumers to split ${partitions} partitions` },
  );
}

/** Committed offsets across restarts and members sharing a group. */
export function consumerGroups(harness: ContractHarness<EventLog>): void {
  it("resumes a restarted group at its committed offsets", TEST_OPTIONS, async () => {
    const groupId = uniqueName("group");
    let topic = "";
    const first = keyedRecords(5, 20, "before");
    await withLog(harness, async (log) => {
      topic = await newTopic(log, 2);
      await log.produce(topic, first);
      const { records, handler } = collector();
      const consumer = await log.subscribe({ groupId, topics: [topic], fromBeginning: true, handler });
      await waitForCount(records, first.length);
      await waitForCommitted(log, groupId, topic);
      await consumer.stop();
      await consumer.stop();
    });
    const rest = keyedRecords(5, 15, "after");
    await withLog(harness, async (log) => {
      assert.deepEqual(await log.committedOffsets(groupId, topic), await log.endOffsets(topic));
      await log.produce(topic, rest);
      const { records, handler } = collector();
      await log.subscribe({ groupId, topics: [topic], fromBeginning: true, handler });
      await waitForCount(records, rest.length);
      await waitForCommitted(log, groupId, topic);
      assert.deepEqual(new Set(records.map((r) => r.value)), new Set(rest.map((r) => r.value)));
      assert.deepEqual(await log.committedOffsets(groupId, topic), await log.endOffsets(topic));
    });
  });

  it("splits the partitions between two members, each record going to exactly one", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 4);
      const groupId = uniqueName("group");
      const [a, b] = [collector(), collector()];
      const first = await log.subscribe({
        groupId,
        topics: [topic],
        fromBeginning: true,
        handler: a.handler,
      });
      await readyWithin(first);
      const second = await log.subscribe({
        groupId,
        topics: [topic],
        fromBeginning: true,
        handler: b.handler,
      });
      await readyWithin(second);
      await waitForSplit([first, second], topic, 4);
      const acks = await log.produce(topic, keyedRecords(40, 200));
      await waitFor(() => a.records.length + b.records.length >= acks.length, {
        timeoutMs: WAIT_MS,
        message: "all records",
      });
      await waitForCommitted(log, groupId, topic);
      const received = [...a.records, ...b.records].map(placeOf);
      assert.equal(received.length, acks.length, "no record twice");
      assert.deepEqual(new Set(received), new Set(acks.map(placeOf)));
      for (const r of a.records)
        assert.ok(owned(first, topic).includes(r.partition), "first got only its partitions");
      for (const r of b.records)
        assert.ok(owned(second, topic).includes(r.partition), "second got only its partitions");
    }),
  );

  it("hands a stopped member's partitions to the members that remain", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 3);
      const groupId = uniqueName("group");
      const [a, b] = [collector(), collector()];
      const stays = await log.subscribe({
        groupId,
        topics: [topic],
        fromBeginning: true,
        handler: a.handler,
      });
      const leaves = await log.subscribe({
        groupId,
        topics: [topic],
        fromBeginning: true,
        handler: b.handler,
      });
      await waitForSplit([stays, leaves], topic, 3);
      const early = await log.produce(topic, keyedRecords(12, 30, "early"));
      await waitFor(() => a.records.length + b.records.length >= early.length, {
        timeoutMs: WAIT_MS,
        message: "early",
      });
      await leaves.stop();
      assert.equal(owned(leaves, topic).length, 0, "a stopped member owns nothing");
      await waitFor(() => owned(stays, topic).length === 3, { timeoutMs: WAIT_MS, message: "takeover" });
      const late = await log.produce(topic, keyedRecords(12, 30, "late"));
      await waitFor(() => a.records.filter((r) => r.value?.includes("#late")).length >= late.length, {
        timeoutMs: WAIT_MS,
        message: "late records at the remaining member",
      });
      assert.equal(b.records.filter((r) => r.value?.includes("#late")).length, 0);
    }),
  );
}
