import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "../../../core/ports/contracts/wait-for.ts";
import type { EventLog, LogRecord } from "../../../core/ports/event-log.ts";

/** A fresh temp directory and the function that deletes it. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "starling-event-log-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Run `body` with a fresh temp directory, deleted afterwards whatever happens. */
export async function withTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const { dir, remove } = await tempDir();
  try {
    await body(dir);
  } finally {
    await remove();
  }
}

/** Every record of a topic, read through a throwaway consumer group, sorted by partition then offset. */
export async function readAll(log: EventLog, topic: string): Promise<LogRecord[]> {
  const total = (await log.endOffsets(topic)).reduce((sum, end) => sum + end, 0);
  const records: LogRecord[] = [];
  const consumer = await log.subscribe({
    groupId: `read-all-${randomUUID().slice(0, 8)}`,
    topics: [topic],
    fromBeginning: true,
    handler: async (batch) => {
      records.push(...batch.records);
    },
  });
  await waitFor(() => records.length >= total, {
    timeoutMs: 10_000,
    message: `${total} records of ${topic}`,
  });
  await consumer.stop();
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
