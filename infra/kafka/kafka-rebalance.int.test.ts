import assert from "node:assert/strict";
import { it } from "node:test";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import type { Consumer, EventLog, ProduceAck, RecordBatch } from "../../core/ports/event-log.ts";
import { realService } from "../../tests/support/real-services.ts";
import { createKafkaEventLog } from "./create-kafka-event-log.ts";
import { describeOnKafka, testLogger, testOptions } from "./kafka-test-support.ts";

const service = await realService("kafka");
const WAIT = { timeoutMs: 30_000 };
const PARTITIONS = 4;

/** Every delivery and every successful commit, in one sequence, so "delivered after committed" is checkable. */
function ledger() {
  let seq = 0;
  const deliveries: { member: string; place: string; seq: number }[] = [];
  const committedAt = new Map<string, number>();
  const handler =
    (member: string) =>
    async (batch: RecordBatch, consumer: Consumer): Promise<void> => {
      const places = batch.records.map((r) => `${r.partition}:${r.offset}`);
      for (const place of places) deliveries.push({ member, place, seq: seq++ });
      const last = batch.records[batch.records.length - 1];
      if (!last) return;
      await consumer.commit(batch.topic, batch.partition, last.offset + 1);
      const at = seq++;
      for (const place of places) if (!committedAt.has(place)) committedAt.set(place, at);
    };
  return { deliveries, committedAt, handler };
}

/** Produce keyed records in a loop until stopped; returns the acks so far. */
function producing(log: EventLog, topic: string) {
  const acks: ProduceAck[] = [];
  let running = true;
  const done = (async () => {
    for (let n = 0; running; n += 1) {
      const records = Array.from({ length: 10 }, (_, i) => ({
        key: `user-${(n * 10 + i) % 37}`,
        value: `${n}.${i}`,
      }));
      acks.push(...(await log.produce(topic, records)));
    }
  })();
  return {
    acks,
    stop: () => {
      running = false;
      return done;
    },
  };
}

const owned = (c: Consumer, topic: string) => c.assignment().get(topic) ?? [];

describeOnKafka("KafkaEventLog rebalancing on a real kafka", service, (brokers, namespace) => {
  it("loses nothing and never redelivers a committed record while members join and leave under load", {
    timeout: 120_000,
  }, async (t) => {
    const [one, two] = await Promise.all(
      [0, 1].map(() => createKafkaEventLog({ logger: testLogger() }, testOptions(brokers, namespace))),
    );
    assert.ok(one && two);
    try {
      await one.createTopics([{ name: "flow", partitions: PARTITIONS }]);
      const { deliveries, committedAt, handler } = ledger();
      const options = { groupId: "rebalance", topics: ["flow"], fromBeginning: true, maxBatchSize: 25 };
      const first = await one.subscribe({ ...options, handler: handler("first") });
      const load = producing(one, "flow");
      await waitFor(() => deliveries.length > 100, { ...WAIT, message: "first member consuming" });
      const second = await two.subscribe({ ...options, handler: handler("second") });
      await waitFor(() => owned(first, "flow").length > 0 && owned(second, "flow").length > 0, {
        ...WAIT,
        message: "split",
      });
      const secondSeen = () => deliveries.filter((d) => d.member === "second").length;
      await waitFor(() => secondSeen() > 50, { ...WAIT, message: "second member consuming" });
      await first.stop();
      await waitFor(() => owned(second, "flow").length === PARTITIONS, { ...WAIT, message: "takeover" });
      const before = secondSeen();
      await waitFor(() => secondSeen() > before + 50, { ...WAIT, message: "second member consuming alone" });
      await load.stop();
      const produced = new Set(load.acks.map((a) => `${a.partition}:${a.offset}`));
      const delivered = () => new Set(deliveries.map((d) => d.place));
      await waitFor(() => [...produced].every((p) => delivered().has(p)), {
        ...WAIT,
        message: "every produced record",
      });
      await waitFor(
        async () =>
          String(await two.committedOffsets("rebalance", "flow")) === String(await two.endOffsets("flow")),
        { ...WAIT, message: "all committed" },
      );
      for (const d of deliveries) {
        const committed = committedAt.get(d.place);
        assert.ok(
          committed === undefined || d.seq < committed,
          `${d.place} delivered to ${d.member} after it was committed`,
        );
      }
      assert.ok(load.acks.length > 300, `produced ${load.acks.length} records under load`);
      t.diagnostic(
        `produced ${load.acks.length}, delivered ${deliveries.length} (${deliveries.length - produced.size} redelivered, uncommitted when first seen)`,
      );
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
