import { Kafka, logLevel, type Message, Partitioners } from "kafkajs";
import type { ProduceRecord } from "../../core/ports/event-log.ts";
import { createKafkaEventLog } from "../../infra/kafka/index.ts";
import { secondsSince, within } from "./alternate.ts";

/** How long one consume may take before the run fails (the broker is local, so this means a bug). */
const CONSUME_TIMEOUT_MS = 120_000;

export interface ConsumeTiming {
  /** From the subscribe call to the last expected record received (includes connect and group join). */
  totalSeconds: number;
  /** From the subscribe call to the first batch handed over: connect, group join, offsets, first fetch. */
  firstSeconds: number;
}

/** A producer/consumer pair measured the same way: our adapter, or kafkajs used directly. */
export interface KafkaSide {
  readonly name: string;
  createTopic(name: string, partitions: number): Promise<void>;
  /** Sends the batches one after the other, each awaited; resolves with the seconds taken. */
  produce(topic: string, batches: readonly (readonly ProduceRecord[])[]): Promise<number>;
  /** Joins a fresh group from the beginning and waits until `expected` records arrived. */
  consume(topic: string, group: string, expected: number): Promise<ConsumeTiming>;
  close(): Promise<void>;
}

/** Counts arrivals; `reached()` resolves with the time the expected count was reached. */
function arrivals(expected: number) {
  let received = 0;
  let first: number | undefined;
  let finish: (at: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  return {
    add(count: number) {
      first ??= performance.now();
      received += count;
      if (received >= expected) finish(performance.now());
    },
    /** Resolves when the expected count arrived; fails after CONSUME_TIMEOUT_MS. */
    reached: () => within(CONSUME_TIMEOUT_MS, `consuming ${expected} records`, done),
    timing(started: number, ended: number): ConsumeTiming {
      return { totalSeconds: (ended - started) / 1000, firstSeconds: ((first ?? ended) - started) / 1000 };
    },
  };
}

/** Our KafkaEventLog with its defaults (idempotent producer, acks=all, a commit after every handler call). */
export async function ourKafkaSide(brokers: string[], topicPrefix: string): Promise<KafkaSide> {
  const log = await createKafkaEventLog({}, { brokers, replicationFactor: 1, topicPrefix });
  return {
    name: "KafkaEventLog",
    createTopic: (name, partitions) => log.createTopics([{ name, partitions }]),
    async produce(topic, batches) {
      const started = performance.now();
      for (const batch of batches) await log.produce(topic, batch);
      return secondsSince(started);
    },
    async consume(topic, group, expected) {
      const tracker = arrivals(expected);
      const started = performance.now();
      const consumer = await log.subscribe({
        groupId: group,
        topics: [topic],
        fromBeginning: true,
        maxBatchSize: 500,
        handler: async (batch) => tracker.add(batch.records.length),
      });
      const ended = await tracker.reached().finally(() => consumer.stop());
      return tracker.timing(started, ended);
    },
    close: () => log.close(),
  };
}

const toMessage = (record: ProduceRecord): Message => ({
  key: record.key,
  value: record.value,
  timestamp: String(record.timestamp),
});

/** kafkajs used directly with its defaults (acks=-1, murmur2 partitioner, auto-commit): the client's ceiling. */
export async function rawKafkaSide(brokers: string[], prefix: string): Promise<KafkaSide> {
  const kafka = new Kafka({ clientId: "starling-bench-raw", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await Promise.all([admin.connect(), producer.connect()]);
  return {
    name: "raw kafkajs",
    async createTopic(name, numPartitions) {
      await admin.createTopics({
        topics: [{ topic: `${prefix}${name}`, numPartitions }],
        waitForLeaders: true,
      });
    },
    async produce(topic, batches) {
      const messages = batches.map((batch) => batch.map(toMessage));
      const started = performance.now();
      for (const batch of messages)
        await producer.send({ topic: `${prefix}${topic}`, messages: batch, acks: -1 });
      return secondsSince(started);
    },
    async consume(topic, group, expected) {
      const tracker = arrivals(expected);
      const consumer = kafka.consumer({ groupId: `${prefix}${group}`, maxWaitTimeInMs: 500 });
      const started = performance.now();
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: [`${prefix}${topic}`], fromBeginning: true });
        await consumer.run({ eachBatch: async ({ batch }) => tracker.add(batch.messages.length) });
        return tracker.timing(started, await tracker.reached());
      } finally {
        await consumer.disconnect();
      }
    },
    close: async () => {
      await Promise.all([producer.disconnect(), admin.disconnect()]);
    },
  };
}

/** Deletes the namespace's consumer groups, then its topics (and so their data); returns what it deleted. */
export async function deleteKafkaNamespace(brokers: string[], prefix: string): Promise<string> {
  const admin = new Kafka({
    clientId: "starling-bench-cleanup",
    brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    return `${topics.length} topics and ${groups.length} groups`;
  } finally {
    await admin.disconnect();
  }
}
