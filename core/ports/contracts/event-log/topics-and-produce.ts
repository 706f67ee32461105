import assert from "node:assert/strict";
import { it } from "node:test";
import { StarlingError, ValidationError } from "../../../errors.ts";
import type { EventLog } from "../../event-log.ts";
import type { ContractHarness } from "../harness.ts";
import { keyedRecords, lastAckedOffsets, newTopic, TEST_OPTIONS, uniqueName, withLog } from "./fixture.ts";

/** Topic creation, produce acknowledgements and end offsets. */
export function topicsAndProduce(harness: ContractHarness<EventLog>): void {
  it("creates topics, reports partition counts, and keeps an existing topic's count", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const [wide, narrow] = [uniqueName("wide"), uniqueName("narrow")];
      await log.createTopics([
        { name: wide, partitions: 3 },
        { name: narrow, partitions: 1 },
      ]);
      assert.equal(await log.partitionCount(wide), 3);
      assert.equal(await log.partitionCount(narrow), 1);
      assert.equal(await log.partitionCount(uniqueName("missing")), undefined);
      await log.createTopics([{ name: wide, partitions: 5 }]);
      assert.equal(await log.partitionCount(wide), 3);
    }),
  );

  it("rejects bad topic specs with a ValidationError", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const bad = [
        { name: uniqueName("zero"), partitions: 0 },
        { name: uniqueName("negative"), partitions: -2 },
        { name: uniqueName("fraction"), partitions: 1.5 },
        { name: "", partitions: 1 },
        { name: `${uniqueName("slash")}/x`, partitions: 1 },
        { name: `${uniqueName("dots")}..x`, partitions: 1 },
      ];
      for (const spec of bad) {
        await assert.rejects(() => log.createTopics([spec]), ValidationError, JSON.stringify(spec));
      }
    }),
  );

  it("acknowledges a batch in input order with increasing offsets per partition", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      const topic = await newTopic(log, 3);
      const first = await log.produce(topic, keyedRecords(10, 60));
      assert.equal(first.length, 60);
      const partitionOfKey = new Map<string, number>();
      const lastOffset = new Map<number, number>();
      keyedRecords(10, 60).forEach((record, i) => {
        const ack = first[i];
        assert.ok(ack, `ack ${i}`);
        assert.equal(ack.partition, partitionOfKey.get(record.key) ?? ack.partition, `key ${record.key}`);
        partitionOfKey.set(record.key, ack.partition);
        assert.ok(ack.offset > (lastOffset.get(ack.partition) ?? -1), `offset of ack ${i} increases`);
        lastOffset.set(ack.partition, ack.offset);
      });
      const second = await log.produce(topic, keyedRecords(10, 10, "w"));
      for (const ack of second) assert.ok(ack.offset > (lastOffset.get(ack.partition) ?? -1));
      assert.deepEqual(await log.produce(topic, []), []);
    }),
  );

  it("rejects a produce to a topic that was never created", TEST_OPTIONS, () =>
    withLog(harness, async (log) => {
      await assert.rejects(
        () => log.produce(uniqueName("missing"), [{ key: "k", value: "v" }]),
        (error: unknown) => error instanceof StarlingError && error.code === "unknown_topic",
      );
    }),
  );

  it(
    "reports end offsets one past the last acknowledged offset, and 0 commits for a new group",
    TEST_OPTIONS,
    () =>
      withLog(harness, async (log) => {
        const topic = await newTopic(log, 2);
        assert.deepEqual(await log.endOffsets(topic), [0, 0]);
        assert.deepEqual(await log.committedOffsets(uniqueName("group"), topic), [0, 0]);
        const last = lastAckedOffsets(await log.produce(topic, keyedRecords(8, 40)));
        const ends = await log.endOffsets(topic);
        assert.equal(ends.length, 2);
        ends.forEach((end, partition) => {
          assert.equal(end, (last.get(partition) ?? -1) + 1, `partition ${partition}`);
        });
        assert.deepEqual(await log.committedOffsets(uniqueName("group"), topic), [0, 0]);
      }),
  );
}
