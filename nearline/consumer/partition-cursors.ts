import { StarlingError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { Consumer, FeatureCache, LogRecord, RecordBatch } from "../../core/ports/index.ts";

/** Thrown after a seek so the adapter drops the rest of the batch and delivers from the new position. */
export class RedeliverFrom extends StarlingError {
  constructor(offset: number, why: string) {
    super(`replaying from offset ${offset}: ${why}`, { code: "seek", retriable: true });
  }
}

interface Cursor {
  /** Next offset to apply, as far as this process knows. */
  next: number;
  /** Set after a seek to the start: the first offset delivered is the earliest the log still holds. */
  rebuilding: boolean;
}

/**
 * Where each owned partition stands, and the rules that decide which records of a batch to apply. The cache's
 * checkpoint is the source of truth: records below it are skipped; a checkpoint that is missing while records
 * before the batch exist means the cache lost its state, so the partition replays from the start.
 */
export class PartitionCursors {
  readonly #cursors = new Map<string, Cursor>();

  constructor(
    private readonly cache: FeatureCache,
    private readonly checkpointKey: string,
    private readonly logger: Logger,
  ) {}

  static field(topic: string, partition: number): string {
    return `${topic}:${partition}`;
  }

  /** The records of the batch still to apply; throws RedeliverFrom after seeking elsewhere. */
  async admit(batch: RecordBatch, consumer: Consumer): Promise<LogRecord[]> {
    const field = PartitionCursors.field(batch.topic, batch.partition);
    const first = batch.records[0]?.offset ?? 0;
    const stored = await this.cache.getCheckpoint(this.checkpointKey, field);
    const cursor = this.#cursors.get(field);
    if (stored === null) {
      const lost = cursor ? cursor.next > 0 && !cursor.rebuilding : first > 0;
      if (lost) throw this.#seek(consumer, batch, 0, "no checkpoint in the cache: rebuilding from the log");
      return [...batch.records];
    }
    if (!cursor && first > stored) {
      throw this.#seek(consumer, batch, stored, "the cache's checkpoint is behind the group's offset");
    }
    return batch.records.filter((record) => record.offset >= stored);
  }

  /** Records that the partition applied everything before `next`. */
  advance(topic: string, partition: number, next: number): void {
    this.#cursors.set(PartitionCursors.field(topic, partition), { next, rebuilding: false });
  }

  /** Replay every owned partition from its start (the cache lost everything). */
  rebuildAll(consumer: Consumer): void {
    for (const [topic, partitions] of consumer.assignment()) {
      for (const partition of partitions) {
        this.#cursors.set(PartitionCursors.field(topic, partition), { next: 0, rebuilding: true });
        consumer.seek(topic, partition, 0);
      }
    }
  }

  /** Next offset to apply per owned partition, where known. */
  position(topic: string, partition: number): number | undefined {
    return this.#cursors.get(PartitionCursors.field(topic, partition))?.next;
  }

  #seek(consumer: Consumer, batch: RecordBatch, offset: number, why: string): RedeliverFrom {
    this.logger.warn(why, { topic: batch.topic, partition: batch.partition, from: offset });
    this.#cursors.set(PartitionCursors.field(batch.topic, batch.partition), {
      next: offset,
      rebuilding: offset === 0,
    });
    consumer.seek(batch.topic, batch.partition, offset);
    return new RedeliverFrom(offset, why);
  }
}
