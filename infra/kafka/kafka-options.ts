import type { Clock } from "../../core/clock.ts";
import type { Logger } from "../../core/logger.ts";

/** What the Kafka adapter takes from the composition root besides its settings. */
export interface KafkaEventLogDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** Settings of {@link createKafkaEventLog}; the registry builds them from the config URL. */
export interface KafkaEventLogOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** Replication factor of the topics this adapter creates (1 on a single local broker). */
  readonly replicationFactor: number;
  /** Prepended to every topic name and group id, so deployments or tests can share a cluster. */
  readonly topicPrefix?: string;
  /** A produce that gets no ack within this fails with UnavailableError (the idempotent producer retries forever); default 30 s. */
  readonly produceTimeoutMs?: number;
  /** Socket connect timeout; default 3 s. */
  readonly connectionTimeoutMs?: number;
  /** Per-request timeout; default 30 s. */
  readonly requestTimeoutMs?: number;
  /** How long a fetch waits for data on the broker; lower means quicker pause/seek and idle checks. Default 500 ms. */
  readonly maxWaitTimeMs?: number;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** A partition with lag and no delivered batch for this long gets its consumer restarted; default 60 s. */
  readonly stallTimeoutMs?: number;
  /** Crashes (after kafkajs' own retries) a consumer may restart from before it gives up; default 5. */
  readonly maxRestarts?: number;
  /** Longest pause between redeliveries of a batch whose handler threw; default 5 s. */
  readonly maxRetryBackoffMs?: number;
  /** Called when a consumer gave up (restarts exhausted, or a non-retriable error), so a supervisor can exit. */
  readonly onConsumerFailure?: (error: Error) => void;
}

/** Options with defaults filled in. */
export type KafkaEventLogSettings = Required<Omit<KafkaEventLogOptions, "onConsumerFailure">> &
  Pick<KafkaEventLogOptions, "onConsumerFailure"> &
  Required<KafkaEventLogDeps>;
