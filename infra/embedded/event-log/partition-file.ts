import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { UnavailableError } from "../../../core/errors.ts";
import type { Logger } from "../../../core/logger.ts";
import type { LogRecord } from "../../../core/ports/event-log.ts";
import { readFully } from "../../../core/read-fully.ts";
import { closedError } from "./event-log-errors.ts";
import { decodeFrames } from "./frame-codec.ts";
import { scanPartitionFile } from "./scan-partition.ts";

interface PendingAppend {
  readonly frames: Buffer[];
  readonly resolve: (firstOffset: number) => void;
  readonly reject: (error: unknown) => void;
}

export interface PartitionFileOptions {
  readonly topic: string;
  readonly partition: number;
  readonly fsync: boolean;
  readonly logger: Logger;
}

/**
 * One topic partition in one append-only file. Appends queued while a write is in flight are
 * written and fsynced together (group commit); records become readable only once durable.
 */
export class PartitionFile {
  private readonly listeners = new Set<() => void>();
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private broken: unknown;
  private closed = false;

  private constructor(
    private readonly file: FileHandle,
    private readonly options: PartitionFileOptions,
    private readonly positions: number[],
    private bytes: number,
  ) {}

  /** Open (creating if missing) and load a partition file, truncating a torn or corrupt tail. */
  static async open(path: string, options: PartitionFileOptions): Promise<PartitionFile> {
    const file = await open(path, constants.O_RDWR | constants.O_CREAT, 0o644);
    try {
      const { size } = await file.stat();
      const scan = await scanPartitionFile(file, size);
      if (scan.validBytes < size) {
        options.logger.warn("truncating torn tail of partition file", {
          path,
          records: scan.positions.length,
          droppedBytes: size - scan.validBytes,
        });
        await file.truncate(scan.validBytes);
        if (options.fsync) await file.sync();
      }
      return new PartitionFile(file, options, scan.positions, scan.validBytes);
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** Next offset to be written; every offset below it is durable and readable. */
  get endOffset(): number {
    return this.positions.length;
  }

  /** Append encoded frames in order; resolves with the first one's offset once all are written (and fsynced). */
  append(frames: Buffer[]): Promise<number> {
    if (this.closed) return Promise.reject(closedError());
    if (this.broken !== undefined) {
      return Promise.reject(
        new UnavailableError("partition file failed earlier and is read-only", this.broken),
      );
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ frames, resolve, reject });
      this.flushing ??= this.flushPending();
    });
  }

  /** Up to `max` durable records from `fromOffset` on, in offset order. */
  async read(fromOffset: number, max: number): Promise<LogRecord[]> {
    const end = this.positions.length;
    if (fromOffset >= end || max < 1) return [];
    const to = Math.min(end, fromOffset + max);
    const startByte = this.positions[fromOffset] as number;
    const endByte = to < end ? (this.positions[to] as number) : this.bytes;
    const buf = await readFully(this.file, startByte, endByte - startByte);
    if (buf.length < endByte - startByte)
      throw new UnavailableError(`partition file shorter than its index at ${startByte}`);
    return decodeFrames(buf, this.options.topic, this.options.partition, fromOffset);
  }

  /** Call `listener` after every durable append; returns the function that unsubscribes it. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wait for queued appends, then release the file handle. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    this.listeners.clear();
    await this.file.close();
  }

  private async flushPending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await this.writeBatch(batch);
    }
    // Cleared in the same tick as the emptiness check, so a later append always starts a new flush.
    this.flushing = undefined;
  }

  private async writeBatch(batch: readonly PendingAppend[]): Promise<void> {
    const start = this.bytes;
    const frames = batch.flatMap((append) => append.frames);
    const data = Buffer.concat(frames);
    try {
      if (this.broken !== undefined) throw this.broken;
      await this.writeAll(data, start);
      if (this.options.fsync) await this.file.datasync();
    } catch (error) {
      await this.rollback(start, error);
      const failure = new UnavailableError(
        `append to ${this.options.topic}/${this.options.partition} failed`,
        error,
      );
      for (const append of batch) append.reject(failure);
      return;
    }
    let position = start;
    for (const append of batch) {
      append.resolve(this.positions.length);
      for (const frame of append.frames) {
        this.positions.push(position);
        position += frame.length;
      }
    }
    this.bytes = position;
    for (const listener of this.listeners) listener();
  }

  private async writeAll(data: Buffer, position: number): Promise<void> {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.file.write(
        data,
        written,
        data.length - written,
        position + written,
      );
      written += bytesWritten;
    }
  }

  /** Cut a failed write back off; if even that fails, refuse further appends rather than misplace them. */
  private async rollback(start: number, cause: unknown): Promise<void> {
    try {
      await this.file.truncate(start);
    } catch (error) {
      this.broken = error;
    }
    this.options.logger.error("partition append failed", {
      topic: this.options.topic,
      partition: this.options.partition,
      error: String(cause),
    });
  }
}
