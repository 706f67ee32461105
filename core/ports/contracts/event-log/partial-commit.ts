import assert from "node:assert/strict";
import { it } from "node:test";
import type { EventLog, RecordBatch } from "../../event-log.ts";
import type { ContractHarness } from "../harness.ts";
import { waitFor } from "../wait-for.ts";
import { collector, keyedRecords, newTopic, TEST_OPTIONS, uniqueName, WAIT_MS, withLog } from "./fixture.ts";

/** A manual commit inside a batch that never succeeds, followed by a close without stopping the consumer. */
export function partialCommit(harness: ContractHarness<EventLog>): void {
  it(
    "restart resumes at the committed offset after a partial commit and a close without stop",
    TEST_OPTIONS,
    async () => {
      const groupId = uniqueName("group");
      let topic = "";
      let k = -1;
      await withLog(harness, async (log) => {
        topic = await newTopic(log, 1);
        await log.produce(topic, keyedRecords(1, 10));
        await log.subscribe({
          groupId,
          topics: [topic],
          fromBeginning: true,
          handler: async (batch: RecordBatch, consumer) => {
            // Adapters may deliver single records; those succeed until a batch has a middle to commit.
            if (k < 0 && batch.records.length < 2) return;
            if (k < 0) {
              const middle = batch.records[Math.floor(batch.records.length / 2)];
              assert.ok(middle);
              await consumer.commit(topic, 0, middle.offset);
              k = middle.offset;
            }
            throw new Error("this batch never succeeds, so it is never committed whole");
          },
        });
        await waitFor(async () => k >= 0 && (await log.committedOffsets(groupId, topic))[0] === k, {
          timeoutMs: WAIT_MS,
          message: "the partial commit",
        });
      });
      await withLog(harness, async (log) => {
        assert.deepEqual(await log.committedOffsets(groupId, topic), [k]);
        const { records, handler } = collector();
        await log.subscribe({ groupId, topics: [topic], fromBeginning: true, handler });
        await waitFor(() => records.length > 0, { timeoutMs: WAIT_MS, message: "a record after restart" });
        assert.equal(records[0]?.offset, k, "the first record after restart is the committed offset");
      });
    },
  );
}
