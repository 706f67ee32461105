/** One record as stored in a topic partition. */
export interface LogRecord {
  readonly topic: string;
  readonly partition: number;
  /** Position in the partition, starting at 0, gap-free in the embedded log (Kafka may skip offsets). */
  readonly offset: number;
  /** The user id for Starling's topics; decides the partition. */
  readonly key: string;
  /** The serialised event, or null for a tombstone / producer bug (consumers must survive both). */
  readonly value: string | null;
  /** Milliseconds since the epoch, set by the producer or by the log on append. */
  readonly timestamp: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a producer hands to {@link EventLog.produce}. */
export interface ProduceRecord {
  readonly key: string;
  readonly value: string | null;
  readonly timestamp?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Where an acknowledged record landed. */
export interface ProduceAck {
  readonly partition: number;
  readonly offset: number;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** Ignored by the embedded log; the services profile reads it from config. */
  readonly replicationFactor?: number;
}

/** The records one handler call receives: one topic partition, in offset order. */
export interface RecordBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly LogRecord[];
}

export interface SubscribeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a group with no committed offset starts: the earliest record (true) or the end of the log (false). */
  readonly fromBeginning: boolean;
  /**
   * Called with each batch. The batch's offsets are committed only after the returned promise resolves,
   * so a handler that throws (or a process that dies) sees the same records again: at-least-once.
   * A handler may call `consumer.commit` itself to commit part of a batch early.
   */
  readonly handler: (batch: RecordBatch, consumer: Consumer) => Promise<void>;
  /** Largest batch handed to the handler; adapters may deliver fewer. */
  readonly maxBatchSize?: number;
}

/** A member of a consumer group, returned by {@link EventLog.subscribe}. */
export interface Consumer {
  /** Partitions this member currently owns, per topic. Changes when members join or leave the group. */
  assignment(): ReadonlyMap<string, readonly number[]>;
  /** Stop delivering these partitions (all of the topic's owned ones when omitted) until resumed. */
  pause(topic: string, partitions?: readonly number[]): void;
  resume(topic: string, partitions?: readonly number[]): void;
  /** Deliver from `offset` next; `0` replays the partition from the earliest record. */
  seek(topic: string, partition: number, offset: number): void;
  /** Commit that everything before `nextOffset` in the partition is done. */
  commit(topic: string, partition: number, nextOffset: number): Promise<void>;
  /** Resolves when the consumer has received at least one assignment; for start-up ordering and tests. */
  ready(): Promise<void>;
  /** Finish the batch in flight, commit it, leave the group. Idempotent. */
  stop(): Promise<void>;
}

/**
 * An ordered, partitioned, durable log of events (the Kafka role).
 *
 * Guarantees every adapter keeps (checked by the contract suite):
 * - Records with the same key go to the same partition and keep their produce order there.
 * - `produce` resolves only when every record is durable; then a crash loses none of them.
 * - Within a group each partition has one owner at a time; members split the partitions between them.
 * - Delivery is at-least-once: offsets are committed after the handler succeeds, so a restarted member
 *   resumes at the last committed offset and may see the records after it again.
 * - Producing to a topic that was not created fails; topics are never created implicitly.
 */
export interface EventLog {
  /** Create topics that do not exist yet; an existing topic keeps its partition count. */
  createTopics(specs: readonly TopicSpec[]): Promise<void>;
  /** Partition count of an existing topic, or undefined. */
  partitionCount(topic: string): Promise<number | undefined>;
  /** Append records in order; resolves with one ack per record, in input order. */
  produce(topic: string, records: readonly ProduceRecord[]): Promise<ProduceAck[]>;
  /** Join a consumer group and start delivering batches to the handler. */
  subscribe(options: SubscribeOptions): Promise<Consumer>;
  /** Next offset to be written, per partition. */
  endOffsets(topic: string): Promise<number[]>;
  /** Committed next offset of a group, per partition (0 where nothing is committed). */
  committedOffsets(groupId: string, topic: string): Promise<number[]>;
  /** Stop every consumer and release files or connections. Idempotent. */
  close(): Promise<void>;
}
