import { join } from "node:path";

/** Where the local broker listens. */
export interface KafkaPorts {
  readonly port: number;
  readonly controllerPort: number;
}

/** server.properties for one combined KRaft broker+controller on 127.0.0.1, sized for tests. */
export function serverProperties(ports: KafkaPorts, logDir: string): string {
  const host = "127.0.0.1";
  const settings: Record<string, string | number | boolean> = {
    "process.roles": "broker,controller",
    "node.id": 1,
    "controller.quorum.voters": `1@${host}:${ports.controllerPort}`,
    listeners: `PLAINTEXT://${host}:${ports.port},CONTROLLER://${host}:${ports.controllerPort}`,
    "advertised.listeners": `PLAINTEXT://${host}:${ports.port}`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "PLAINTEXT",
    "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
    "log.dirs": logDir,
    "num.partitions": 1,
    "default.replication.factor": 1,
    "offsets.topic.replication.factor": 1,
    "offsets.topic.num.partitions": 10,
    "transaction.state.log.replication.factor": 1,
    "transaction.state.log.min.isr": 1,
    "min.insync.replicas": 1,
    // Tests join groups constantly; the default 3 s delay would make every first join slow.
    "group.initial.rebalance.delay.ms": 0,
    // Topics exist only when created on purpose (the EventLog port's rule).
    "auto.create.topics.enable": false,
    "delete.topic.enable": true,
    // Time-based retention would delete replays of old events (MovieLens ratings date back to 1996) while they
    // are being consumed; the local broker keeps everything and bounds disk by size instead.
    "log.retention.ms": -1,
    "log.retention.bytes": 1024 * 1024 * 1024,
    "log.segment.bytes": 64 * 1024 * 1024,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join("\n")}\n`;
}

/** log4j 1 (reload4j) config: everything INFO and up to stdout, which the launcher appends to the log file. */
export function log4jProperties(): string {
  return [
    "log4j.rootLogger=INFO, stdout",
    "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
    "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
    "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
    "log4j.logger.kafka.request.logger=WARN",
    "log4j.logger.org.apache.kafka.clients=WARN",
    "log4j.logger.state.change.logger=WARN",
    "",
  ].join("\n");
}

/** Files the launcher writes into the run folder. */
export function configFiles(runDir: string) {
  return {
    server: join(runDir, "server.properties"),
    log4j: join(runDir, "log4j.properties"),
    clusterId: join(runDir, "cluster-id"),
    ports: join(runDir, "ports.json"),
  };
}
