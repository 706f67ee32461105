import { setTimeout as delay } from "node:timers/promises";
import type { Logger } from "../../../core/logger.ts";
import type { LogRecord, RecordBatch } from "../../../core/ports/event-log.ts";
import type { PartitionFile } from "./partition-file.ts";
import { Wakeup } from "./wakeup.ts";

const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 2000;

/** What a delivery loop needs from the consumer that owns it. */
export interface LoopOwner {
  readonly maxBatchSize: number;
  readonly pollIntervalMs: number;
  readonly logger: Logger;
  isPaused(topic: string, partition: number): boolean;
  /** Hand a batch to the subscriber's handler. */
  deliver(batch: RecordBatch): Promise<void>;
  commit(topic: string, partition: number, nextOffset: number): Promise<void>;
}

/**
 * Delivers one owned partition: read a batch from the current position, hand it over, commit
 * `lastOffset + 1`, repeat. A failed batch is redelivered as is after a growing pause (at-least-once).
 */
export class PartitionLoop {
  private readonly wakeup = new Wakeup();
  private readonly stopSignal = new AbortController();
  private seekTo: number | undefined;
  private seekedDuringBatch = false;
  private failed: LogRecord[] | undefined;
  /** Resolves with the next position to deliver once the loop has exited. */
  readonly finished: Promise<number>;

  constructor(
    private readonly file: PartitionFile,
    private readonly topic: string,
    private readonly partition: number,
    private position: number,
    private readonly owner: LoopOwner,
  ) {
    const unsubscribe = file.onAppend(() => this.wakeup.wake());
    this.finished = this.run().finally(unsubscribe);
  }

  /** Deliver from `offset` next (after the batch in flight, which is then not auto-committed). */
  seek(offset: number): void {
    this.seekTo = offset;
    this.seekedDuringBatch = true;
    this.wakeup.wake();
  }

  /** Re-check pause state and the log now. */
  wake(): void {
    this.wakeup.wake();
  }

  /** Let the batch in flight finish (and commit), then exit; resolves with the next position. */
  stop(): Promise<number> {
    this.stopSignal.abort();
    this.wakeup.wake();
    return this.finished;
  }

  private get stopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  private async run(): Promise<number> {
    let backoffMs = FIRST_BACKOFF_MS;
    while (!this.stopping) {
      if (this.seekTo !== undefined) {
        this.position = this.seekTo;
        this.seekTo = undefined;
        this.failed = undefined;
      }
      if (this.owner.isPaused(this.topic, this.partition)) {
        await this.wakeup.sleep(this.owner.pollIntervalMs);
        continue;
      }
      const records = this.failed ?? (await this.readBatch());
      if (this.stopping) break;
      if (records === undefined || records.length === 0) {
        await this.wakeup.sleep(this.owner.pollIntervalMs);
        continue;
      }
      if (await this.deliver(records)) {
        backoffMs = FIRST_BACKOFF_MS;
        continue;
      }
      await this.backOff(backoffMs);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
    return this.position;
  }

  private async readBatch(): Promise<LogRecord[] | undefined> {
    try {
      return await this.file.read(this.position, this.owner.maxBatchSize);
    } catch (error) {
      this.owner.logger.error("reading partition failed", this.fields({ error: String(error) }));
      return undefined;
    }
  }

  /** Hand over one batch and commit it; false when the handler or the commit failed. */
  private async deliver(records: LogRecord[]): Promise<boolean> {
    this.seekedDuringBatch = false;
    const nextOffset = (records[records.length - 1] as LogRecord).offset + 1;
    try {
      await this.owner.deliver({ topic: this.topic, partition: this.partition, records });
      this.failed = undefined;
      // A seek from inside the handler says where to go next, so the batch end is not committed over it.
      if (this.seekedDuringBatch) return true;
      await this.owner.commit(this.topic, this.partition, nextOffset);
      this.position = nextOffset;
      return true;
    } catch (error) {
      this.failed = records;
      const fields = this.fields({
        firstOffset: records[0]?.offset,
        count: records.length,
        error: String(error),
      });
      this.owner.logger.warn("batch failed, will redeliver", fields);
      return false;
    }
  }

  /** Back off before a redelivery; a stop cuts it short. */
  private async backOff(ms: number): Promise<void> {
    await delay(ms, undefined, { signal: this.stopSignal.signal }).catch(() => undefined);
  }

  private fields(extra: Record<string, unknown>): Record<string, unknown> {
    return { topic: this.topic, partition: this.partition, ...extra };
  }
}
