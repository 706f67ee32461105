import type { Admin, Kafka } from "kafkajs";
import { partitionForKey } from "../../core/partitioner.ts";
import { checkSubscribeOptions } from "../../core/ports/checks/index.ts";
import type {
  Consumer,
  EventLog,
  ProduceAck,
  ProduceRecord,
  SubscribeOptions,
  TopicSpec,
} from "../../core/ports/event-log.ts";
import { KafkaConsumerMember } from "./kafka-consumer-member.ts";
import {
  closedError,
  retryOnCoordinatorMove,
  rootCause,
  toStarlingError,
  unknownTopicError,
  withDeadline,
} from "./kafka-errors.ts";
import type { KafkaEventLogSettings } from "./kafka-options.ts";
import { acksFor } from "./produce-acks.ts";
import type { ProducerSlot } from "./producer-slot.ts";
import { toMessages } from "./record-codec.ts";
import type { TopicNames } from "./topic-names.ts";

/** The EventLog port on a Kafka cluster through kafkajs: explicit topics, idempotent producer, manual commits. */
export class KafkaEventLog implements EventLog {
  private readonly members = new Set<KafkaConsumerMember>();
  private readonly partitionCounts = new Map<string, number>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly producers: ProducerSlot,
    private readonly settings: KafkaEventLogSettings,
    private readonly names: TopicNames,
  ) {}

  async createTopics(specs: readonly TopicSpec[]): Promise<void> {
    this.checkOpen();
    this.names.check(specs);
    const existing = new Set(await this.call("list topics", () => this.admin.listTopics()));
    const wanted = new Map<string, TopicSpec>();
    for (const spec of specs) if (!existing.has(this.names.topic(spec.name))) wanted.set(spec.name, spec);
    if (wanted.size === 0) return;
    const topics = [...wanted.values()].map((spec) => ({
      topic: this.names.topic(spec.name),
      numPartitions: spec.partitions,
      replicationFactor: spec.replicationFactor ?? this.settings.replicationFactor,
    }));
    // kafkajs answers false instead of failing when a racing creator made one first: its count stays.
    await this.call("create topics", () => this.admin.createTopics({ topics, waitForLeaders: true }));
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    this.checkOpen();
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const name = this.names.topic(topic);
    const all = await this.call("list topics", () => this.admin.listTopics());
    if (!all.includes(name)) return undefined;
    const metadata = await this.call("topic metadata", () =>
      this.admin.fetchTopicMetadata({ topics: [name] }),
    );
    const count = metadata.topics.find((t) => t.name === name)?.partitions.length;
    if (count !== undefined && count > 0) this.partitionCounts.set(topic, count);
    return count;
  }

  async produce(topic: string, records: readonly ProduceRecord[]): Promise<ProduceAck[]> {
    this.checkOpen();
    if (Array.isArray(records) && records.length === 0) return [];
    const count = await this.partitionCount(topic);
    if (count === undefined) throw unknownTopicError(topic);
    const partitions = records.map((r) => (typeof r?.key === "string" ? partitionForKey(r.key, count) : 0));
    const messages = toMessages(records, partitions, this.settings.clock.now());
    const producer = await this.call("connect producer", () => this.producers.current());
    const sending = producer.send({ topic: this.names.topic(topic), messages, acks: -1 });
    try {
      const metadata = await withDeadline(sending, this.settings.produceTimeoutMs, "produce");
      return acksFor(partitions, metadata);
    } catch (error) {
      sending.catch(() => undefined);
      this.producers.discard(producer);
      if ((rootCause(error) as { type?: string }).type === "UNKNOWN_TOPIC_OR_PARTITION") {
        throw unknownTopicError(topic, error);
      }
      throw toStarlingError("produce", error);
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Consumer> {
    this.checkOpen();
    const checked = checkSubscribeOptions(options);
    for (const topic of checked.topics) {
      if ((await this.partitionCount(topic)) === undefined) throw unknownTopicError(topic);
    }
    const member = new KafkaConsumerMember({
      kafka: this.kafka,
      settings: this.settings,
      names: this.names,
      options: checked,
      lag: (group, topic) => this.lag(group, topic),
      onStopped: (m) => this.members.delete(m),
    });
    this.members.add(member);
    try {
      await member.start();
    } catch (error) {
      await member.stop();
      throw toStarlingError("subscribe", error);
    }
    return member;
  }

  async endOffsets(topic: string): Promise<number[]> {
    this.checkOpen();
    if ((await this.partitionCount(topic)) === undefined) throw unknownTopicError(topic);
    return this.highWatermarks(this.names.topic(topic));
  }

  async committedOffsets(groupId: string, topic: string): Promise<number[]> {
    this.checkOpen();
    const count = await this.partitionCount(topic);
    if (count === undefined) throw unknownTopicError(topic);
    return this.committed(this.names.group(groupId), this.names.topic(topic), count);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.members].map((member) => member.stop()));
      await Promise.all([this.producers.close(), this.admin.disconnect()]).catch(() => undefined);
    })();
    return this.closing;
  }

  private async highWatermarks(kafkaTopic: string): Promise<number[]> {
    const offsets = await this.call("fetch topic offsets", () => this.admin.fetchTopicOffsets(kafkaTopic));
    const ends: number[] = [];
    for (const entry of offsets) ends[entry.partition] = Number(entry.high);
    return Array.from(ends, (end) => end ?? 0);
  }

  private async committed(kafkaGroup: string, kafkaTopic: string, count: number): Promise<number[]> {
    const answer = await this.call("fetch group offsets", () =>
      retryOnCoordinatorMove(() => this.admin.fetchOffsets({ groupId: kafkaGroup, topics: [kafkaTopic] })),
    );
    const out = new Array<number>(count).fill(0);
    for (const entry of answer.find((t) => t.topic === kafkaTopic)?.partitions ?? []) {
      const offset = Number(entry.offset);
      if (entry.partition < count && offset >= 0) out[entry.partition] = offset;
    }
    return out;
  }

  /** Records past the group's committed offset, per partition (for the progress watchdog). */
  private async lag(kafkaGroup: string, kafkaTopic: string): Promise<number[]> {
    const ends = await this.highWatermarks(kafkaTopic);
    const committed = await this.committed(kafkaGroup, kafkaTopic, ends.length);
    return ends.map((end, p) => Math.max(0, end - (committed[p] ?? 0)));
  }

  private async call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toStarlingError(what, error);
    }
  }

  private checkOpen(): void {
    if (this.closing) throw closedError();
  }
}
