import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StarlingError } from "../../../core/errors.ts";
import { partitionForKey } from "../../../core/partitioner.ts";
import { waitFor } from "../../../core/ports/contracts/wait-for.ts";
import type { LogRecord, RecordBatch } from "../../../core/ports/event-log.ts";
import { createFileEventLog, type FileEventLog } from "./index.ts";
import { tempDir } from "./test-helpers.ts";

/** Run `body` with a log in a fresh temp dir; closes the log and deletes the dir afterwards. */
async function withTempLog(body: (log: FileEventLog) => Promise<void>): Promise<void> {
  const { dir, remove } = await tempDir();
  const log = await createFileEventLog({ dir, pollIntervalMs: 50 });
  try {
    await body(log);
  } finally {
    await log.close();
    await remove();
  }
}

/** `count` records whose keys all land on `partition` of a topic with `partitions` partitions. */
function recordsOn(partition: number, partitions: number, count: number, tag: string) {
  const keys: string[] = [];
  for (let i = 0; keys.length < count; i++) {
    if (partitionForKey(`user-${i}`, partitions) === partition) keys.push(`user-${i}`);
  }
  return keys.map((key, i) => ({ key, value: `${tag}-${i}` }));
}

describe("FileEventLog consumer groups", () => {
  it("finishes and commits a moving partition's batch in flight before the new member gets it", () =>
    withTempLog(async (log) => {
      await log.createTopics([{ name: "t", partitions: 2 }]);
      await log.produce("t", [...recordsOn(0, 2, 5, "zero"), ...recordsOn(1, 2, 5, "one")]);
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const heldBatches: RecordBatch[] = [];
      const firstGot: LogRecord[] = [];
      const first = await log.subscribe({
        groupId: "g",
        topics: ["t"],
        fromBeginning: true,
        handler: async (batch) => {
          if (batch.partition === 1 && heldBatches.length === 0) {
            heldBatches.push(batch);
            await gate;
          }
          firstGot.push(...batch.records);
        },
      });
      await waitFor(() => heldBatches.length === 1 && firstGot.length === 5, {
        message: "partition 0 done, 1 held",
      });
      const secondGot: LogRecord[] = [];
      const second = await log.subscribe({
        groupId: "g",
        topics: ["t"],
        fromBeginning: true,
        handler: async (batch) => {
          secondGot.push(...batch.records);
        },
      });
      await log.produce("t", recordsOn(0, 2, 3, "zero-more"));
      await waitFor(() => firstGot.length === 8, { message: "first keeps partition 0" });
      assert.deepEqual([...second.assignment()], [], "partition 1 is not handed over mid-batch");
      assert.deepEqual((await log.committedOffsets("g", "t"))[1], 0);

      release();
      await waitFor(() => second.assignment().get("t")?.[0] === 1, { message: "handover" });
      assert.deepEqual(first.assignment().get("t"), [0]);
      assert.deepEqual((await log.committedOffsets("g", "t"))[1], 5, "the held batch was committed");
      await log.produce("t", recordsOn(1, 2, 4, "one-more"));
      await waitFor(() => secondGot.length === 4, { message: "new member consumes partition 1" });
      assert.ok(
        secondGot.every((r) => r.value?.startsWith("one-more")),
        "nothing of the held batch twice",
      );
    }));

  it("pausing a whole topic stops every partition until it is resumed", () =>
    withTempLog(async (log) => {
      await log.createTopics([{ name: "t", partitions: 3 }]);
      const paused: LogRecord[] = [];
      const witness: LogRecord[] = [];
      const consumer = await log.subscribe({
        groupId: "paused",
        topics: ["t"],
        fromBeginning: true,
        handler: async (batch) => {
          paused.push(...batch.records);
        },
      });
      await consumer.ready();
      consumer.pause("t");
      await log.subscribe({
        groupId: "witness",
        topics: ["t"],
        fromBeginning: true,
        handler: async (batch) => {
          witness.push(...batch.records);
        },
      });
      await log.produce("t", [
        ...recordsOn(0, 3, 4, "a"),
        ...recordsOn(1, 3, 4, "b"),
        ...recordsOn(2, 3, 4, "c"),
      ]);
      await waitFor(() => witness.length === 12, { message: "witness group gets everything" });
      assert.equal(paused.length, 0);
      consumer.resume("t", [2]);
      await waitFor(() => paused.length === 4, { message: "partition 2 resumed" });
      assert.ok(paused.every((r) => r.partition === 2));
      consumer.resume("t");
      await waitFor(() => paused.length === 12, { message: "all resumed" });
    }));

  it("stops a member whose handler keeps failing, leaving its offsets uncommitted", () =>
    withTempLog(async (log) => {
      await log.createTopics([{ name: "t", partitions: 1 }]);
      await log.produce("t", [{ key: "k", value: "poison" }]);
      let calls = 0;
      const consumer = await log.subscribe({
        groupId: "g",
        topics: ["t"],
        fromBeginning: true,
        handler: async () => {
          calls++;
          throw new Error("always fails");
        },
      });
      await waitFor(() => calls >= 3, { message: "redelivered after backoff" });
      await consumer.stop();
      const callsAtStop = calls;
      assert.deepEqual(await log.committedOffsets("g", "t"), [0]);
      assert.deepEqual([...consumer.assignment()], []);
      const witness: LogRecord[] = [];
      const other = await log.subscribe({
        groupId: "g",
        topics: ["t"],
        fromBeginning: true,
        handler: async (batch) => {
          witness.push(...batch.records);
        },
      });
      await waitFor(() => witness.length === 1, { message: "next member gets the batch again" });
      await other.stop();
      assert.equal(calls, callsAtStop, "no delivery after stop resolved");
    }));

  it("rejects ready() of a member that stops before it owned any partition", () =>
    withTempLog(async (log) => {
      await log.createTopics([{ name: "t", partitions: 1 }]);
      const handler = async () => {};
      const owner = await log.subscribe({ groupId: "g", topics: ["t"], fromBeginning: true, handler });
      await owner.ready();
      const idle = await log.subscribe({ groupId: "g", topics: ["t"], fromBeginning: true, handler });
      const ready = idle.ready();
      await idle.stop();
      await assert.rejects(
        ready,
        (e: unknown) => e instanceof StarlingError && e.code === "consumer_stopped",
      );
      assert.deepEqual(owner.assignment().get("t"), [0]);
    }));
});
