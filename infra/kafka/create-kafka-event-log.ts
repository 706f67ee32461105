import { systemClock } from "../../core/clock.ts";
import { ValidationError } from "../../core/errors.ts";
import { silentLogger } from "../../core/logger.ts";
import { createKafkaClient } from "./kafka-client.ts";
import { toStarlingError } from "./kafka-errors.ts";
import { KafkaEventLog } from "./kafka-event-log.ts";
import type { KafkaEventLogDeps, KafkaEventLogOptions, KafkaEventLogSettings } from "./kafka-options.ts";
import { ProducerSlot } from "./producer-slot.ts";
import { TopicNames } from "./topic-names.ts";

function settingsFrom(deps: KafkaEventLogDeps, options: KafkaEventLogOptions): KafkaEventLogSettings {
  const settings = {
    clientId: "starling",
    topicPrefix: "",
    produceTimeoutMs: 30_000,
    connectionTimeoutMs: 3_000,
    requestTimeoutMs: 30_000,
    maxWaitTimeMs: 500,
    sessionTimeoutMs: 30_000,
    heartbeatIntervalMs: 1_000,
    stallTimeoutMs: 60_000,
    maxRestarts: 5,
    maxRetryBackoffMs: 5_000,
    ...options,
    clock: deps.clock ?? systemClock,
    logger: (deps.logger ?? silentLogger).child("kafka-event-log"),
  } satisfies KafkaEventLogSettings;
  if (!Array.isArray(settings.brokers) || settings.brokers.length === 0) {
    throw new ValidationError("kafka brokers must list at least one host:port", [
      { field: "brokers", message: "required" },
    ]);
  }
  if (!Number.isInteger(settings.replicationFactor) || settings.replicationFactor < 1) {
    throw new ValidationError("kafka replicationFactor must be a positive integer", [
      { field: "replicationFactor", message: "must be at least 1" },
    ]);
  }
  return settings;
}

/** Connect a Kafka-backed event log (admin + idempotent producer); consumers connect on subscribe. */
export async function createKafkaEventLog(
  deps: KafkaEventLogDeps,
  options: KafkaEventLogOptions,
): Promise<KafkaEventLog> {
  const settings = settingsFrom(deps, options);
  const kafka = createKafkaClient(settings);
  const admin = kafka.admin();
  const producers = new ProducerSlot(kafka);
  try {
    await admin.connect();
    await producers.current();
  } catch (error) {
    await Promise.all([admin.disconnect(), producers.close()]).catch(() => undefined);
    throw toStarlingError("connect", error);
  }
  return new KafkaEventLog(kafka, admin, producers, settings, new TopicNames(settings.topicPrefix));
}
