import { StarlingError, ValidationError } from "../../../core/errors.ts";
import type { Logger } from "../../../core/logger.ts";
import type { Consumer, RecordBatch, SubscribeOptions } from "../../../core/ports/event-log.ts";
import type { PartitionFile } from "./partition-file.ts";
import { PartitionLoop } from "./partition-loop.ts";
import { parseTpKey, tpKey } from "./topic-partition.ts";
import { checkOffset } from "./validate-input.ts";

/** What a consumer needs from the log and its group. */
export interface ConsumerDeps {
  readonly memberId: string;
  readonly options: Required<SubscribeOptions>;
  readonly pollIntervalMs: number;
  readonly logger: Logger;
  partitionFile(topic: string, partition: number): PartitionFile;
  commit(groupId: string, topic: string, partition: number, nextOffset: number): Promise<void>;
  /** Leave the group; resolves once every partition of this member has been revoked. */
  leaveGroup(consumer: FileConsumer): Promise<void>;
}

/** One member of an in-process consumer group; its group coordinator assigns and revokes partitions. */
export class FileConsumer implements Consumer {
  private readonly loops = new Map<string, PartitionLoop>();
  private readonly pausedTopics = new Set<string>();
  private readonly pausedPartitions = new Set<string>();
  private readonly pendingSeeks = new Map<string, number>();
  private readyWaiter: { promise: Promise<void>; resolve(): void; reject(error: unknown): void } | undefined;
  private assignedOnce = false;
  private stopping: Promise<void> | undefined;

  constructor(private readonly deps: ConsumerDeps) {}

  get memberId(): string {
    return this.deps.memberId;
  }

  get options(): Required<SubscribeOptions> {
    return this.deps.options;
  }

  /** Start delivering a partition from `position`; called by the coordinator. */
  assign(topic: string, partition: number, position: number): void {
    const key = tpKey(topic, partition);
    const file = this.deps.partitionFile(topic, partition);
    const start = this.pendingSeeks.get(key) ?? position;
    this.pendingSeeks.delete(key);
    this.loops.set(key, new PartitionLoop(file, topic, partition, start, this.loopOwner()));
    this.assignedOnce = true;
    this.readyWaiter?.resolve();
  }

  /** Finish the partition's batch in flight and give it up; resolves with its next position. */
  async revoke(topic: string, partition: number): Promise<number | undefined> {
    const key = tpKey(topic, partition);
    const loop = this.loops.get(key);
    const position = await loop?.stop();
    this.loops.delete(key);
    return position;
  }

  assignment(): ReadonlyMap<string, readonly number[]> {
    const result = new Map<string, number[]>();
    for (const key of this.loops.keys()) {
      const { topic, partition } = parseTpKey(key);
      result.set(
        topic,
        [...(result.get(topic) ?? []), partition].sort((a, b) => a - b),
      );
    }
    return result;
  }

  pause(topic: string, partitions?: readonly number[]): void {
    if (partitions === undefined) this.pausedTopics.add(topic);
    else for (const partition of partitions) this.pausedPartitions.add(tpKey(topic, partition));
  }

  resume(topic: string, partitions?: readonly number[]): void {
    if (partitions === undefined) {
      this.pausedTopics.delete(topic);
      for (const key of this.pausedPartitions)
        if (parseTpKey(key).topic === topic) this.pausedPartitions.delete(key);
    } else {
      // Resuming part of a paused topic leaves the rest of its owned partitions paused one by one.
      if (this.pausedTopics.delete(topic)) {
        for (const partition of this.assignment().get(topic) ?? [])
          this.pausedPartitions.add(tpKey(topic, partition));
      }
      for (const partition of partitions) this.pausedPartitions.delete(tpKey(topic, partition));
    }
    for (const [key, loop] of this.loops) if (parseTpKey(key).topic === topic) loop.wake();
  }

  seek(topic: string, partition: number, offset: number): void {
    this.checkPartition(topic, partition);
    checkOffset("offset", offset);
    const loop = this.loops.get(tpKey(topic, partition));
    if (loop) loop.seek(offset);
    else this.pendingSeeks.set(tpKey(topic, partition), offset);
  }

  async commit(topic: string, partition: number, nextOffset: number): Promise<void> {
    this.checkPartition(topic, partition);
    checkOffset("nextOffset", nextOffset);
    await this.deps.commit(this.options.groupId, topic, partition, nextOffset);
  }

  ready(): Promise<void> {
    if (this.assignedOnce) return Promise.resolve();
    if (this.stopping) return Promise.reject(stoppedBeforeReady());
    if (!this.readyWaiter) {
      let resolve = () => {};
      let reject: (error: unknown) => void = () => {};
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.readyWaiter = { promise, resolve, reject };
    }
    return this.readyWaiter.promise;
  }

  stop(): Promise<void> {
    this.stopping ??= this.deps.leaveGroup(this).finally(() => {
      if (!this.assignedOnce) this.readyWaiter?.reject(stoppedBeforeReady());
    });
    return this.stopping;
  }

  private loopOwner() {
    const { options, pollIntervalMs, logger } = this.deps;
    return {
      maxBatchSize: options.maxBatchSize,
      pollIntervalMs,
      logger,
      isPaused: (topic: string, partition: number) =>
        this.pausedTopics.has(topic) || this.pausedPartitions.has(tpKey(topic, partition)),
      deliver: (batch: RecordBatch) => options.handler(batch, this),
      commit: (topic: string, partition: number, nextOffset: number) =>
        this.deps.commit(options.groupId, topic, partition, nextOffset),
    };
  }

  private checkPartition(topic: string, partition: number): void {
    if (!this.options.topics.includes(topic)) {
      throw new ValidationError(`consumer is not subscribed to topic "${topic}"`, [
        { field: "topic", message: "not subscribed" },
      ]);
    }
    checkOffset("partition", partition);
    this.deps.partitionFile(topic, partition);
  }
}

function stoppedBeforeReady(): StarlingError {
  return new StarlingError("consumer stopped before it was assigned a partition", {
    code: "consumer_stopped",
  });
}
