import assert from "node:assert/strict";
import { it } from "node:test";
import type { EventLog } from "../../event-log.ts";
import type { ContractHarness } from "../harness.ts";
import { waitFor } from "../wait-for.ts";
import {
  collector,
  keyedRecords,
  newTopic,
  readyWithin,
  TEST_OPTIONS,
  uniqueName,
  WAIT_MS,
  waitForCommitted,
  waitForCount,
  withLog,
} from "./fixture.ts";

/** pause, resume and seek on a consumer. */
export function flowControl(harness: ContractHarness<EventLog>): void {
  it("pauses one partition until it is resumed, while the others keep flowing", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 2);
      const { records, handler } = collector();
      const consumer = await log.subscribe({
        groupId: uniqueName("group"),
        topics: [topic],
        fromBeginning: true,
        handler,
      });
      await readyWithin(consumer);
      await waitFor(() => consumer.assignment().get(topic)?.length === 2, {
        timeoutMs: WAIT_MS,
        message: "both partitions",
      });
      consumer.pause(topic, [0]);
      const acks = await log.produce(topic, keyedRecords(20, 40));
      const onPartition = (p: number) => acks.filter((ack) => ack.partition === p).length;
      assert.ok(onPartition(0) > 0 && onPartition(1) > 0, "keys cover both partitions");
      await waitFor(() => records.filter((r) => r.partition === 1).length === onPartition(1), {
        timeoutMs: WAIT_MS,
        message: "the unpaused partition",
      });
      assert.equal(records.filter((r) => r.partition === 0).length, 0, "nothing from the paused partition");
      consumer.resume(topic, [0]);
      await waitForCount(records, acks.length);
      assert.equal(records.filter((r) => r.partition === 0).length, onPartition(0));
    }),
  );

  it("replays a partition from the earliest record after seek(0)", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 1);
      const groupId = uniqueName("group");
      const sent = keyedRecords(2, 6);
      await log.produce(topic, sent);
      const { records, handler } = collector();
      const consumer = await log.subscribe({ groupId, topics: [topic], fromBeginning: true, handler });
      await waitForCount(records, sent.length);
      await waitForCommitted(log, groupId, topic);
      consumer.seek(topic, 0, 0);
      await waitForCount(records, sent.length * 2);
      const values = sent.map((r) => r.value);
      assert.deepEqual(
        records.map((r) => r.value),
        [...values, ...values],
      );
      assert.deepEqual(
        records.slice(sent.length).map((r) => r.offset),
        records.slice(0, sent.length).map((r) => r.offset),
      );
    }),
  );
}
