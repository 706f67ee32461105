import type { Clock } from "../../../core/clock.ts";
import { ValidationError } from "../../../core/errors.ts";
import type { Logger } from "../../../core/logger.ts";
import { partitionForKey } from "../../../core/partitioner.ts";
import { checkSubscribeOptions } from "../../../core/ports/checks/index.ts";
import type {
  Consumer,
  EventLog,
  ProduceAck,
  ProduceRecord,
  SubscribeOptions,
  TopicSpec,
} from "../../../core/ports/event-log.ts";
import type { ReleaseLock } from "./dir-lock.ts";
import { closedError, unknownTopicError } from "./event-log-errors.ts";
import { FileConsumer } from "./file-consumer.ts";
import { encodeFrame } from "./frame-codec.ts";
import { GroupCoordinator, type GroupLogView } from "./group-coordinator.ts";
import type { OffsetStore } from "./offset-store.ts";
import type { PartitionFile } from "./partition-file.ts";
import type { TopicRegistry } from "./topic-registry.ts";
import { toStoredRecords } from "./validate-input.ts";

export interface FileEventLogOptions {
  /** Directory holding the log; created if missing; one open log per directory at a time. */
  readonly dir: string;
  /** Stamps records produced without a timestamp. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** fsync appends and commits before acknowledging them (default true); off only for throwaway data. */
  readonly fsync?: boolean;
  /** How often an idle consumer re-checks its partition besides being woken by appends (default 500 ms). */
  readonly pollIntervalMs?: number;
}

/** Settings of an open log, defaults filled in. */
export type FileEventLogSettings = Required<FileEventLogOptions>;

/** The embedded {@link EventLog}: one append-only file per topic partition, consumer groups in process. */
export class FileEventLog implements EventLog {
  private readonly groups = new Map<string, GroupCoordinator>();
  private readonly consumers = new Set<FileConsumer>();
  private readonly logView: GroupLogView;
  private memberSeq = 0;
  private closing: Promise<void> | undefined;

  /** Wraps already opened storage; call {@link createFileEventLog} instead. */
  constructor(
    private readonly settings: FileEventLogSettings,
    private readonly topics: TopicRegistry,
    private readonly offsets: OffsetStore,
    private readonly releaseLock: ReleaseLock,
  ) {
    this.logView = {
      partitionCount: (topic) => this.files(topic).length,
      endOffset: (topic, partition) => this.partitionFile(topic, partition).endOffset,
      committed: (groupId, topic, partition) => this.offsets.get(groupId, topic, partition),
    };
  }

  async createTopics(specs: readonly TopicSpec[]): Promise<void> {
    this.assertOpen();
    await this.topics.create(specs);
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    this.assertOpen();
    return this.topics.get(topic)?.length;
  }

  async produce(topic: string, records: readonly ProduceRecord[]): Promise<ProduceAck[]> {
    this.assertOpen();
    const files = this.files(topic);
    const stored = toStoredRecords(records, this.settings.clock.now());
    const frames = stored.map(encodeFrame);
    const acks: ProduceAck[] = new Array(stored.length);
    const byPartition = groupByPartition(stored, files.length);
    const appends = [...byPartition].map(async ([partition, indexes]) => {
      const first = await (files[partition] as PartitionFile).append(indexes.map((i) => frames[i] as Buffer));
      indexes.forEach((index, n) => {
        acks[index] = { partition, offset: first + n };
      });
    });
    await Promise.all(appends);
    return acks;
  }

  async subscribe(options: SubscribeOptions): Promise<Consumer> {
    this.assertOpen();
    const valid = checkSubscribeOptions(options);
    for (const topic of valid.topics) this.files(topic);
    const group =
      this.groups.get(valid.groupId) ??
      new GroupCoordinator(valid.groupId, this.logView, this.settings.logger);
    this.groups.set(valid.groupId, group);
    const consumer = new FileConsumer({
      memberId: `${valid.groupId}-member-${String(++this.memberSeq).padStart(6, "0")}`,
      options: valid,
      pollIntervalMs: this.settings.pollIntervalMs,
      logger: this.settings.logger,
      partitionFile: (topic, partition) => this.partitionFile(topic, partition),
      commit: (groupId, topic, partition, nextOffset) =>
        this.offsets.commit(groupId, topic, partition, nextOffset),
      leaveGroup: async (member) => {
        await group.leave(member);
        this.consumers.delete(member);
      },
    });
    this.consumers.add(consumer);
    group.join(consumer);
    return consumer;
  }

  async endOffsets(topic: string): Promise<number[]> {
    this.assertOpen();
    return this.files(topic).map((file) => file.endOffset);
  }

  async committedOffsets(groupId: string, topic: string): Promise<number[]> {
    this.assertOpen();
    return this.files(topic).map((_, partition) => this.offsets.get(groupId, topic, partition) ?? 0);
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    try {
      await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
      await this.topics.close();
      await this.offsets.close();
    } finally {
      await this.releaseLock();
    }
  }

  private files(topic: string): readonly PartitionFile[] {
    const files = this.topics.get(topic);
    if (!files) throw unknownTopicError(topic);
    return files;
  }

  private partitionFile(topic: string, partition: number): PartitionFile {
    const file = this.files(topic)[partition];
    if (!file) {
      throw new ValidationError(`topic "${topic}" has no partition ${partition}`, [
        { field: "partition", message: "no such partition" },
      ]);
    }
    return file;
  }

  private assertOpen(): void {
    if (this.closing) throw closedError();
  }
}

/** Input positions of the records per partition, in input order. */
function groupByPartition(records: readonly { key: string }[], partitions: number): Map<number, number[]> {
  const byPartition = new Map<number, number[]>();
  records.forEach((record, index) => {
    const partition = partitionForKey(record.key, partitions);
    const indexes = byPartition.get(partition);
    if (indexes) indexes.push(index);
    else byPartition.set(partition, [index]);
  });
  return byPartition;
}
