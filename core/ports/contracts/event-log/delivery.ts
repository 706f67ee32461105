import assert from "node:assert/strict";
import { it } from "node:test";
import type { EventLog, LogRecord, ProduceAck, RecordBatch } from "../../event-log.ts";
import type { ContractHarness } from "../harness.ts";
import {
  collector,
  keyedRecords,
  newTopic,
  placeOf,
  readyWithin,
  TEST_OPTIONS,
  uniqueName,
  waitForCommitted,
  waitForCount,
  withLog,
} from "./fixture.ts";

/** What one group receives: everything, in per-key order, with its fields intact. */
export function delivery(harness: ContractHarness<EventLog>): void {
  it("delivers same-key records from one partition in produce order", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 4);
      const sent = keyedRecords(30, 600);
      const acks: ProduceAck[] = [];
      for (let start = 0; start < sent.length; start += 60) {
        acks.push(...(await log.produce(topic, sent.slice(start, start + 60))));
      }
      const { records, handler } = collector();
      await log.subscribe({ groupId: uniqueName("group"), topics: [topic], fromBeginning: true, handler });
      await waitForCount(records, sent.length);
      const byKey = new Map<string, LogRecord[]>();
      for (const record of records) byKey.set(record.key, [...(byKey.get(record.key) ?? []), record]);
      sent.forEach((record, i) => {
        assert.equal(records.find((r) => r.value === record.value)?.partition, acks[i]?.partition);
      });
      for (const [key, received] of byKey) {
        assert.equal(new Set(received.map((r) => r.partition)).size, 1, `${key} stays in one partition`);
        const expected = sent.filter((r) => r.key === key).map((r) => r.value);
        assert.deepEqual(
          received.map((r) => r.value),
          expected,
          `${key} in produce order`,
        );
      }
    }),
  );

  it("gives a group starting from the beginning every record, old and new", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 3);
      await log.produce(topic, keyedRecords(6, 30, "old"));
      const { records, handler } = collector();
      const consumer = await log.subscribe({
        groupId: uniqueName("group"),
        topics: [topic],
        fromBeginning: true,
        handler,
      });
      await readyWithin(consumer);
      await log.produce(topic, keyedRecords(6, 30, "new"));
      await waitForCount(records, 60);
      const values = new Set(records.map((r) => r.value));
      for (const r of [...keyedRecords(6, 30, "old"), ...keyedRecords(6, 30, "new")])
        assert.ok(values.has(r.value));
    }),
  );

  it("gives a group starting at the end only the records produced after it joined", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 3);
      await log.produce(topic, keyedRecords(6, 30, "old"));
      const { records, handler } = collector();
      const consumer = await log.subscribe({
        groupId: uniqueName("group"),
        topics: [topic],
        fromBeginning: false,
        handler,
      });
      await readyWithin(consumer);
      const fresh = keyedRecords(6, 30, "new");
      await log.produce(topic, fresh);
      await waitForCount(records, fresh.length);
      assert.deepEqual(new Set(records.map((r) => r.value)), new Set(fresh.map((r) => r.value)));
    }),
  );

  it("round-trips null values, headers and producer timestamps", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 2);
      const acks = await log.produce(topic, [
        {
          key: "tombstone",
          value: null,
          headers: { source: "contract", "trace-id": "t-1" },
          timestamp: 1_700_000_000_123,
        },
        { key: "plain", value: "héllo \n wörld" },
      ]);
      const { records, handler } = collector();
      await log.subscribe({ groupId: uniqueName("group"), topics: [topic], fromBeginning: true, handler });
      await waitForCount(records, 2);
      const tombstone = records.find((r) => r.key === "tombstone");
      const plain = records.find((r) => r.key === "plain");
      assert.ok(tombstone && plain);
      assert.equal(tombstone.value, null);
      assert.deepEqual({ ...tombstone.headers }, { source: "contract", "trace-id": "t-1" });
      assert.equal(tombstone.timestamp, 1_700_000_000_123);
      assert.equal(tombstone.topic, topic);
      assert.deepEqual({ partition: tombstone.partition, offset: tombstone.offset }, acks[0]);
      assert.equal(plain.value, "héllo \n wörld");
      assert.deepEqual({ ...plain.headers }, {});
      assert.ok(Number.isFinite(plain.timestamp) && plain.timestamp > 0);
    }),
  );

  it("redelivers a batch whose handler threw, skipping nothing", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 1);
      const sent = keyedRecords(3, 10);
      await log.produce(topic, sent);
      const failed: RecordBatch[] = [];
      const { records, batches, handler } = collector();
      await log.subscribe({
        groupId: uniqueName("group"),
        topics: [topic],
        fromBeginning: true,
        handler: async (batch, consumer) => {
          if (failed.length === 0) {
            failed.push(batch);
            throw new Error("handler fails once on purpose");
          }
          await handler(batch, consumer);
        },
      });
      await waitForCount(records, sent.length);
      const failedOffsets = failed[0]?.records.map((r) => r.offset) ?? [];
      assert.ok(failedOffsets.length > 0);
      assert.equal(batches[0]?.records[0]?.offset, failedOffsets[0], "redelivery starts at the failed batch");
      assert.deepEqual(
        records.map((r) => r.value),
        sent.map((r) => r.value),
      );
    }),
  );

  it("gives two groups every record independently, and commits each group's progress", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 3);
      const acks = await log.produce(topic, keyedRecords(9, 45));
      const [groupA, groupB] = [uniqueName("group-a"), uniqueName("group-b")];
      const a = collector();
      const b = collector();
      await log.subscribe({ groupId: groupA, topics: [topic], fromBeginning: true, handler: a.handler });
      await log.subscribe({ groupId: groupB, topics: [topic], fromBeginning: true, handler: b.handler });
      await Promise.all([waitForCount(a.records, acks.length), waitForCount(b.records, acks.length)]);
      const expected = new Set(acks.map(placeOf));
      assert.deepEqual(new Set(a.records.map(placeOf)), expected);
      assert.deepEqual(new Set(b.records.map(placeOf)), expected);
      await waitForCommitted(log, groupA, topic);
      await waitForCommitted(log, groupB, topic);
      assert.deepEqual(await log.committedOffsets(groupA, topic), await log.endOffsets(topic));
    }),
  );
}
