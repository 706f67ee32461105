import { after, describe } from "node:test";
import { Kafka, logLevel } from "kafkajs";
import { createLogger, type Logger, silentLogger } from "../../core/logger.ts";
import type { ContractHarness } from "../../core/ports/contracts/harness.ts";
import type { EventLog } from "../../core/ports/event-log.ts";
import { type ServiceLookup, testNamespace } from "../../tests/support/real-services.ts";
import { createKafkaEventLog } from "./create-kafka-event-log.ts";
import type { KafkaEventLogOptions } from "./kafka-options.ts";

/** Tests log kafka warnings when debugging; silent otherwise. */
export function testLogger(verbose = false): Logger {
  return verbose ? createLogger("warn", "kafka-test") : silentLogger;
}

/** Options of a test's event logs: one topic/group prefix per test file, quick fetch and heartbeat. */
export function testOptions(brokers: string[], namespace: string, extra: Partial<KafkaEventLogOptions> = {}) {
  return {
    brokers,
    replicationFactor: 1,
    topicPrefix: `${namespace}.`,
    maxWaitTimeMs: 200,
    heartbeatIntervalMs: 500,
    sessionTimeoutMs: 10_000,
    produceTimeoutMs: 20_000,
    ...extra,
  } satisfies KafkaEventLogOptions;
}

/** Delete every topic whose name starts with the namespace prefix (and so their data). */
export async function deleteNamespace(brokers: string[], namespace: string): Promise<void> {
  const admin = new Kafka({ clientId: "starling-test-cleanup", brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}

/**
 * A describe block on a real kafka, skipped with the lookup's reason when there is none. The body gets the
 * brokers and a fresh namespace whose topics are deleted after the block.
 */
export function describeOnKafka(
  title: string,
  service: ServiceLookup<"kafka">,
  body: (brokers: string[], namespace: string) => void,
): void {
  describe(title, { skip: "skip" in service ? service.skip : false }, () => {
    if ("skip" in service) return;
    const { brokers } = service.endpoint;
    const namespace = testNamespace("kafka");
    after(() => deleteNamespace(brokers, namespace));
    body(brokers, namespace);
  });
}

/** A contract harness over one cluster and namespace: each create() is a new client, advance() really waits. */
export function kafkaHarness(brokers: string[], namespace: string): ContractHarness<EventLog> {
  const created: EventLog[] = [];
  return {
    async create() {
      const log = await createKafkaEventLog({ logger: testLogger() }, testOptions(brokers, namespace));
      created.push(log);
      return log;
    },
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async cleanup() {
      await Promise.all(created.map((log) => log.close()));
      await deleteNamespace(brokers, namespace);
    },
  };
}
