import { randomUUID } from "node:crypto";
import type { Consumer, EventLog, LogRecord, ProduceAck, RecordBatch } from "../../event-log.ts";
import type { ContractHarness } from "../harness.ts";
import { waitFor } from "../wait-for.ts";

/** Generous, because a real broker's group rebalance takes seconds; the embedded log never gets near it. */
export const WAIT_MS = 20_000;

/** Per-test limit, so a broken adapter fails the test instead of hanging the run. */
export const TEST_OPTIONS = { timeout: 3 * WAIT_MS };

/** `consumer.ready()`, failing after WAIT_MS instead of waiting forever. */
export async function readyWithin(consumer: Consumer): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`consumer not ready within ${WAIT_MS} ms`)), WAIT_MS);
  });
  try {
    await Promise.race([consumer.ready(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A name no other test uses. */
export function uniqueName(prefix: string): string {
  return `contract-${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Run `body` with a fresh client, closing it afterwards whatever happens. */
export async function withLog(harness: ContractHarness<EventLog>, body: (log: EventLog) => Promise<void>) {
  const log = await harness.create();
  try {
    await body(log);
  } finally {
    await log.close();
  }
}

/** Create a topic with a random name and return the name. */
export async function newTopic(log: EventLog, partitions: number): Promise<string> {
  const name = uniqueName("topic");
  await log.createTopics([{ name, partitions }]);
  return name;
}

/** `count` records with keys cycling over `keys` distinct users, values `<key>#<n>` numbered per key. */
export function keyedRecords(keys: number, count: number, tag = "v"): { key: string; value: string }[] {
  const perKey = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const key = `user-${i % keys}`;
    const n = perKey.get(key) ?? 0;
    perKey.set(key, n + 1);
    return { key, value: `${key}#${tag}${n}` };
  });
}

/** A handler that keeps every record and batch it is given. */
export function collector() {
  const records: LogRecord[] = [];
  const batches: RecordBatch[] = [];
  const handler = async (batch: RecordBatch, _consumer: Consumer) => {
    batches.push(batch);
    records.push(...batch.records);
  };
  return { records, batches, handler };
}

/** A stable identity for a record's place in the log. */
export function placeOf(record: { partition: number; offset: number }): string {
  return `${record.partition}:${record.offset}`;
}

/** Wait until `records` holds at least `count` entries. */
export function waitForCount(records: readonly unknown[], count: number, what = "records"): Promise<void> {
  return waitFor(() => records.length >= count, {
    timeoutMs: WAIT_MS,
    message: `${count} ${what} (have ${records.length})`,
  });
}

/** Wait until the group has committed everything the topic holds. */
export function waitForCommitted(log: EventLog, groupId: string, topic: string): Promise<void> {
  return waitFor(
    async () => {
      const [ends, committed] = await Promise.all([
        log.endOffsets(topic),
        log.committedOffsets(groupId, topic),
      ]);
      return ends.every((end, p) => committed[p] === end);
    },
    { timeoutMs: WAIT_MS, message: `group ${groupId} to commit the end of ${topic}` },
  );
}

/** Highest acknowledged offset per partition. */
export function lastAckedOffsets(acks: readonly ProduceAck[]): Map<number, number> {
  const last = new Map<number, number>();
  for (const ack of acks) last.set(ack.partition, Math.max(ack.offset, last.get(ack.partition) ?? -1));
  return last;
}
