import type { EachBatchPayload } from "kafkajs";
import type { Logger } from "../../core/logger.ts";
import type { Consumer, RecordBatch } from "../../core/ports/event-log.ts";
import { isRebalancing } from "./kafka-errors.ts";
import { toLogRecord } from "./record-codec.ts";

/** What the eachBatch callback of one member needs. */
export interface BatchRunnerContext {
  readonly handler: (batch: RecordBatch, consumer: Consumer) => Promise<void>;
  readonly consumer: Consumer;
  readonly maxBatchSize: number;
  readonly maxRetryBackoffMs: number;
  readonly heartbeatEveryMs: number;
  readonly logger: Logger;
  /** The port's name of a cluster topic. */
  readonly localTopic: (kafkaTopic: string) => string;
  readonly isPaused: (topic: string, partition: number) => boolean;
  /** Called when the handler was given a batch (for the progress watchdog) and when it succeeded. */
  readonly onDelivered: (succeeded: boolean) => void;
}

type Payload = Pick<
  EachBatchPayload,
  "batch" | "resolveOffset" | "heartbeat" | "isRunning" | "isStale" | "commitOffsetsIfNecessary"
>;

/** Run `work` while heartbeating, so a long handler does not get this member thrown out of the group. */
async function whileHeartbeating<T>(work: Promise<T>, heartbeat: () => Promise<void>, everyMs: number) {
  const timer = setInterval(() => heartbeat().catch(() => undefined), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** Wait before a redelivery, heartbeating, and cut short when the member stops or the partition moves. */
async function backoff(attempt: number, maxMs: number, payload: Payload): Promise<void> {
  const full = Math.min(maxMs, 100 * 2 ** Math.min(attempt - 1, 16));
  const until = Date.now() + full * (0.5 + Math.random() / 2);
  while (Date.now() < until && payload.isRunning() && !payload.isStale()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, until - Date.now())));
    await payload.heartbeat();
  }
}

/**
 * The eachBatch callback: hand the fetched records to the handler in chunks; after a chunk's handler
 * resolves, commit its end and only then resolve it locally. A throwing handler resolves nothing, so the
 * next fetch starts at the same record: the same batch is redelivered after a backoff, forever, without
 * crashing the kafkajs consumer.
 */
export function createBatchRunner(context: BatchRunnerContext) {
  const failures = new Map<string, number>();
  const retryLater = (place: string, payload: Payload) => {
    const attempt = (failures.get(place) ?? 0) + 1;
    failures.set(place, attempt);
    return backoff(attempt, context.maxRetryBackoffMs, payload);
  };
  return async (payload: Payload): Promise<void> => {
    const { batch } = payload;
    const topic = context.localTopic(batch.topic);
    const place = `${batch.topic}:${batch.partition}`;
    for (let start = 0; start < batch.messages.length; start += context.maxBatchSize) {
      if (!payload.isRunning() || payload.isStale() || context.isPaused(topic, batch.partition)) return;
      const messages = batch.messages.slice(start, start + context.maxBatchSize);
      const records = messages.map((m) => toLogRecord(topic, batch.partition, m));
      try {
        context.onDelivered(false);
        const call = context.handler({ topic, partition: batch.partition, records }, context.consumer);
        await whileHeartbeating(call, payload.heartbeat, context.heartbeatEveryMs);
      } catch (error) {
        context.logger.warn("handler failed; the batch will be redelivered", {
          topic,
          partition: batch.partition,
          firstOffset: records[0]?.offset,
          error: error instanceof Error ? error.message : String(error),
        });
        return retryLater(place, payload);
      }
      context.onDelivered(true);
      const last = messages[messages.length - 1]?.offset as string;
      if (!(await commitChunk(payload, last, context.logger))) return retryLater(place, payload);
      failures.delete(place);
      payload.resolveOffset(last);
    }
  };
}

/** Commit everything up to `lastOffset`; false when the commit failed (the chunk will be redelivered). */
async function commitChunk(payload: Payload, lastOffset: string, logger: Logger): Promise<boolean> {
  const { topic, partition } = payload.batch;
  const offset = String(Number(lastOffset) + 1);
  try {
    await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset }] }] });
    return true;
  } catch (error) {
    // kafkajs rejoins the group when it sees these; the new owner redelivers from the last commit.
    if (isRebalancing(error)) throw error;
    logger.warn("commit failed; the batch will be redelivered", {
      topic,
      partition,
      offset,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}
