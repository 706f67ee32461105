import { Kafka, type LogEntry, logLevel } from "kafkajs";
import type { Logger } from "../../core/logger.ts";
import type { KafkaEventLogSettings } from "./kafka-options.ts";

/** kafkajs' log lines through our logger; its INFO lines are chatty, so they become debug. */
function logCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...fields } = log;
      const line = `${namespace}: ${message}`;
      if (level === logLevel.ERROR) logger.error(line, fields);
      else if (level === logLevel.WARN) logger.warn(line, fields);
      else logger.debug(line, fields);
    };
}

/** The kafkajs client every producer, admin and consumer of one event log shares. */
export function createKafkaClient(settings: KafkaEventLogSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: settings.connectionTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    // Bounded: callers see a failure and decide; only the idempotent producer overrides this.
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
    logLevel: logLevel.INFO,
    logCreator: logCreator(settings.logger.child("kafkajs")),
  });
}
