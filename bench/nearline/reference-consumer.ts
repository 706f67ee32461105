import { Kafka, logLevel } from "kafkajs";
import { TOPICS } from "../../schemas/index.ts";
import { within } from "../stores/alternate.ts";

/** The same fetch wait as our KafkaEventLog's default, so both poll the broker alike. */
const MAX_WAIT_MS = 500;

/**
 * The ceiling: kafkajs used directly, a fresh group reading the namespace's rating and click topics from the
 * beginning with a no-op eachBatch, until `expected` records arrived. Seconds from connect to the last record,
 * the same window as the nearline's (which also connects and joins its group inside it).
 */
export async function referenceConsume(
  brokers: string[],
  namespace: string,
  expected: number,
  timeoutMs: number,
): Promise<number> {
  const kafka = new Kafka({ clientId: "bench-nearline-reference", brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${namespace}.bench-reference`, maxWaitTimeInMs: MAX_WAIT_MS });
  let received = 0;
  let finish: (at: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const started = performance.now();
  try {
    await consumer.connect();
    const topics = [TOPICS.ratings, TOPICS.clicks].map((t) => `${namespace}.${t}`);
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        received += batch.messages.length;
        if (received >= expected) finish(performance.now());
      },
    });
    const ended = await within(timeoutMs, `reading ${expected} records with kafkajs`, done);
    return (ended - started) / 1000;
  } finally {
    await consumer.disconnect();
  }
}
