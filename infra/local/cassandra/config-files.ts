import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where the node listens; both ports can be moved so a private instance can run beside another. */
export interface CassandraPorts {
  readonly nativePort: number;
  readonly storagePort: number;
}

/** The files one run folder's node is started with. */
export interface CassandraConfigFiles {
  readonly yaml: string;
  readonly logback: string;
}

/**
 * A minimal single-node cassandra.yaml: every directory under `dataDir`, loopback only, one seed (itself),
 * no bootstrap; anything not set keeps the 5.0 defaults.
 */
export function cassandraYaml(dataDir: string, ports: CassandraPorts): string {
  return [
    "cluster_name: starling-local",
    "num_tokens: 16",
    "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
    "auto_bootstrap: false",
    `data_file_directories:\n  - ${join(dataDir, "data")}`,
    `commitlog_directory: ${join(dataDir, "commitlog")}`,
    `hints_directory: ${join(dataDir, "hints")}`,
    `saved_caches_directory: ${join(dataDir, "saved_caches")}`,
    `cdc_raw_directory: ${join(dataDir, "cdc_raw")}`,
    "commitlog_sync: periodic",
    "commitlog_sync_period: 10000ms",
    "seed_provider:",
    "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
    "    parameters:",
    `      - seeds: "127.0.0.1:${ports.storagePort}"`,
    "listen_address: 127.0.0.1",
    "rpc_address: 127.0.0.1",
    `storage_port: ${ports.storagePort}`,
    `native_transport_port: ${ports.nativePort}`,
    "start_native_transport: true",
    "endpoint_snitch: SimpleSnitch",
    // Tests create and drop a keyspace per file; snapshots of dropped ones would only fill the disk.
    "auto_snapshot: false",
    // Artifacts hold values up to a few MB; keep the frame limit explicit rather than implied.
    "native_transport_max_frame_size: 16MiB",
    "",
  ].join("\n");
}

/** Logback to stdout (which the launcher appends to the run folder's log), INFO and up. */
export function logbackXml(): string {
  return `<configuration scan="false">
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder>
      <pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern>
    </encoder>
  </appender>
  <root level="INFO">
    <appender-ref ref="STDOUT" />
  </root>
</configuration>
`;
}

/** Writes the yaml and logback config into the run folder (regenerated on each start). */
export function writeCassandraConfig(
  dir: string,
  dataDir: string,
  ports: CassandraPorts,
): CassandraConfigFiles {
  const files = { yaml: join(dir, "cassandra.yaml"), logback: join(dir, "logback.xml") };
  writeFileSync(files.yaml, cassandraYaml(dataDir, ports));
  writeFileSync(files.logback, logbackXml());
  return files;
}
