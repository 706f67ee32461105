import type { Kafka, Consumer as KafkaJsConsumer } from "kafkajs";
import { ValidationError } from "../../core/errors.ts";
import type { Consumer, SubscribeOptions } from "../../core/ports/event-log.ts";
import { createBatchRunner } from "./batch-runner.ts";
import { toStarlingError } from "./kafka-errors.ts";
import type { KafkaEventLogSettings } from "./kafka-options.ts";
import { startProgressWatchdog } from "./progress-watchdog.ts";
import type { TopicNames } from "./topic-names.ts";

/** What a member gets from its event log. */
export interface MemberContext {
  readonly kafka: Kafka;
  readonly settings: KafkaEventLogSettings;
  readonly names: TopicNames;
  readonly options: Required<SubscribeOptions>;
  /** Lag per partition of a topic for a group (cluster names). */
  readonly lag: (kafkaGroup: string, kafkaTopic: string) => Promise<number[]>;
  readonly onStopped: (member: KafkaConsumerMember) => void;
}

/** One member of a consumer group: a kafkajs consumer, replaced when it stalls, behind the port's Consumer. */
export class KafkaConsumerMember implements Consumer {
  private client: KafkaJsConsumer | undefined;
  private owned = new Map<string, readonly number[]>();
  private readonly paused = new Map<string, Set<number> | "all">();
  private markReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });
  private joinedAwaitingFetch = false;
  private stopping: Promise<void> | undefined;
  private crashes = 0;
  private lastDelivery: number;
  private readonly stopWatchdog: () => void;
  private readonly logger;

  constructor(private readonly context: MemberContext) {
    const { settings, options } = context;
    this.logger = settings.logger.child(`consumer.${options.groupId}`);
    this.lastDelivery = settings.clock.now();
    this.stopWatchdog = startProgressWatchdog(
      { lastDeliveryAt: () => this.lastDelivery, hasLag: () => this.hasLag(), restart: () => this.restart() },
      { stallMs: settings.stallTimeoutMs, clock: settings.clock, logger: this.logger },
    );
  }

  /** Connect, subscribe and start fetching; resolves before the group is joined (see ready()). */
  async start(): Promise<void> {
    const { kafka, settings, names, options } = this.context;
    const client = kafka.consumer({
      groupId: names.group(options.groupId),
      allowAutoTopicCreation: false,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
      retry: {
        retries: 5,
        initialRetryTime: 300,
        maxRetryTime: 5000,
        restartOnFailure: (e) => this.mayRestart(e),
      },
    });
    this.client = client;
    this.listen(client);
    await client.connect();
    await client.subscribe({
      topics: options.topics.map((t) => names.topic(t)),
      fromBeginning: options.fromBeginning,
    });
    const eachBatch = createBatchRunner({
      handler: options.handler,
      consumer: this,
      maxBatchSize: options.maxBatchSize,
      maxRetryBackoffMs: settings.maxRetryBackoffMs,
      heartbeatEveryMs: settings.heartbeatIntervalMs,
      logger: this.logger,
      localTopic: (t) => names.local(t),
      isPaused: (t, p) => this.isPaused(t, p),
      onDelivered: (succeeded) => this.delivered(succeeded),
    });
    client.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch }).catch((e) => this.giveUp(e));
    for (const [topic, partitions] of this.paused) this.applyPause(topic, partitions);
  }

  private listen(client: KafkaJsConsumer): void {
    const { events } = client;
    client.on(events.GROUP_JOIN, ({ payload }) => {
      this.owned = new Map(
        Object.entries(payload.memberAssignment).map(([t, ps]) => [
          this.context.names.local(t),
          [...ps].sort(),
        ]),
      );
      this.lastDelivery = this.context.settings.clock.now();
      this.joinedAwaitingFetch = true;
    });
    // The first fetch after a join has fixed the start offsets (fromBeginning false: the end at that moment).
    client.on(events.FETCH, () => {
      if (this.joinedAwaitingFetch) this.markReady();
      this.joinedAwaitingFetch = false;
    });
    client.on(events.CRASH, ({ payload }) => {
      if (!payload.restart) this.giveUp(payload.error);
    });
  }

  private async mayRestart(error: Error): Promise<boolean> {
    this.crashes += 1;
    const restart = this.crashes <= this.context.settings.maxRestarts;
    this.logger.warn(restart ? "consumer crashed; kafkajs restarts it" : "consumer crashed too often", {
      crashes: this.crashes,
      error: error.message,
    });
    return restart;
  }

  private giveUp(error: Error): void {
    if (this.stopping) return;
    this.owned = new Map();
    this.logger.error("consumer gave up", { error: error.message });
    this.context.settings.onConsumerFailure?.(error);
  }

  private delivered(succeeded: boolean): void {
    this.lastDelivery = this.context.settings.clock.now();
    if (succeeded) this.crashes = 0;
  }

  private async hasLag(): Promise<boolean> {
    const { names, options, lag } = this.context;
    for (const [topic, partitions] of this.owned) {
      const lags = await lag(names.group(options.groupId), names.topic(topic));
      if (partitions.some((p) => !this.isPaused(topic, p) && (lags[p] ?? 0) > 0)) return true;
    }
    return false;
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    const old = this.client;
    this.client = undefined;
    this.owned = new Map();
    await old?.disconnect().catch(() => undefined);
    this.lastDelivery = this.context.settings.clock.now();
    if (!this.stopping) await this.start();
  }

  assignment(): ReadonlyMap<string, readonly number[]> {
    return new Map(this.owned);
  }

  private isPaused(topic: string, partition: number): boolean {
    const paused = this.paused.get(topic);
    return paused === "all" || (paused?.has(partition) ?? false);
  }

  private applyPause(topic: string, partitions: Set<number> | "all"): void {
    const kafkaTopic = this.context.names.topic(topic);
    const entry =
      partitions === "all" ? { topic: kafkaTopic } : { topic: kafkaTopic, partitions: [...partitions] };
    this.client?.pause([entry]);
  }

  pause(topic: string, partitions?: readonly number[]): void {
    const current = this.paused.get(topic);
    const next =
      partitions === undefined || current === "all" ? "all" : new Set([...(current ?? []), ...partitions]);
    this.paused.set(topic, next);
    this.applyPause(topic, partitions === undefined ? "all" : new Set(partitions));
  }

  resume(topic: string, partitions?: readonly number[]): void {
    const current = this.paused.get(topic);
    const kafkaTopic = this.context.names.topic(topic);
    if (partitions === undefined || current === "all") {
      this.paused.delete(topic);
      this.client?.resume([{ topic: kafkaTopic }]);
      return;
    }
    for (const p of partitions) current?.delete(p);
    this.client?.resume([{ topic: kafkaTopic, partitions: [...partitions] }]);
  }

  seek(topic: string, partition: number, offset: number): void {
    if (!Number.isInteger(offset) || offset < 0)
      throw new ValidationError(`offset must be a non-negative integer`);
    this.client?.seek({ topic: this.context.names.topic(topic), partition, offset: String(offset) });
  }

  async commit(topic: string, partition: number, nextOffset: number): Promise<void> {
    const offset = String(nextOffset);
    const topics = [{ topic: this.context.names.topic(topic), partition, offset }];
    await this.client?.commitOffsets(topics).catch((error) => {
      throw toStarlingError("commit", error);
    });
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopWatchdog();
      await this.client?.disconnect().catch(() => undefined);
      this.owned = new Map();
      this.context.onStopped(this);
    })();
    return this.stopping;
  }
}
