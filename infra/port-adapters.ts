import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Clock } from "../core/clock.ts";
import type { Config } from "../core/config/index.ts";
import { ConfigError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { BulkStore, ControlStore, EventLog, FeatureCache } from "../core/ports/index.ts";
import { filePath, hostList, pathAndQuery, splitAdapterUrl, unsupportedScheme } from "./adapter-url.ts";
import { createCassandraBulkStore } from "./cassandra/index.ts";
import { createSqliteBulkStore } from "./embedded/bulk-store/index.ts";
import { createSqliteControlStore } from "./embedded/control-store/index.ts";
import { createFileEventLog } from "./embedded/event-log/index.ts";
import { createInMemoryFeatureCache } from "./embedded/feature-cache/index.ts";
import { createKafkaEventLog } from "./kafka/index.ts";
import { createMysqlControlStore } from "./mysql/index.ts";
import { createRedisFeatureCache } from "./redis/index.ts";

export interface AdapterDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  /** `nearline` makes the Redis client patient (queue while reconnecting) instead of failing fast. */
  readonly cacheMode?: "online" | "nearline";
}

const NEARLINE_COMMAND_TIMEOUT_MS = 10_000;

function sqlitePath(rest: string, setting: string): string {
  const path = filePath(rest, setting);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** The EventLog named by RECSYS_EVENTLOG_URL: `file://dir` or `kafka://host:port[,host:port]`. */
export async function eventLogFor(config: Config, deps: AdapterDeps): Promise<EventLog> {
  const setting = "RECSYS_EVENTLOG_URL";
  const { scheme, rest } = splitAdapterUrl(config.eventLog.url, setting);
  const logger = deps.logger.child("event-log");
  if (scheme === "file") {
    const dir = filePath(rest, setting);
    mkdirSync(dir, { recursive: true });
    return createFileEventLog({ dir, clock: deps.clock, logger });
  }
  if (scheme === "kafka") {
    const brokers = hostList(rest, setting, 9092);
    return createKafkaEventLog(
      { clock: deps.clock, logger },
      {
        brokers,
        replicationFactor: config.eventLog.replicationFactor,
        ...(config.namespace ? { topicPrefix: `${config.namespace}.` } : {}),
      },
    );
  }
  throw unsupportedScheme(setting, scheme, ["file", "kafka"]);
}

/** The FeatureCache named by RECSYS_CACHE_URL: `memory://` or `redis://host:port`. */
export async function cacheFor(config: Config, deps: AdapterDeps): Promise<FeatureCache> {
  const { scheme } = splitAdapterUrl(config.cache.url, "RECSYS_CACHE_URL");
  if (scheme === "memory")
    return createInMemoryFeatureCache({ maxEntries: config.cache.maxEntries, clock: deps.clock });
  if (scheme === "redis" || scheme === "rediss") {
    const options = {
      url: config.cache.url,
      // The online budget is tens of ms; the nearline writer applies whole batches and may be patient.
      commandTimeoutMs:
        deps.cacheMode === "nearline"
          ? Math.max(config.cache.commandTimeoutMs, NEARLINE_COMMAND_TIMEOUT_MS)
          : config.cache.commandTimeoutMs,
      keyPrefix: config.namespace ? `${config.namespace}:` : "",
      mode: deps.cacheMode ?? "online",
    };
    return createRedisFeatureCache({ clock: deps.clock, logger: deps.logger.child("cache") }, options);
  }
  throw unsupportedScheme("RECSYS_CACHE_URL", scheme, ["memory", "redis"]);
}

/** The BulkStore named by RECSYS_BULK_URL: `file://x.sqlite` or `cassandra://host:port/keyspace?dc=datacenter1`. */
export async function bulkFor(config: Config, deps: AdapterDeps): Promise<BulkStore> {
  const setting = "RECSYS_BULK_URL";
  const { scheme, rest } = splitAdapterUrl(config.bulk.url, setting);
  if (scheme === "file") return createSqliteBulkStore({ path: sqlitePath(rest, setting), clock: deps.clock });
  if (scheme === "cassandra") {
    const { path: keyspace, query } = pathAndQuery(rest);
    if (keyspace === "")
      throw new ConfigError(`${setting} needs a keyspace, e.g. cassandra://127.0.0.1:9042/starling`);
    const factor = Number(query.get("rf") ?? "1");
    return createCassandraBulkStore(
      { clock: deps.clock, logger: deps.logger.child("bulk") },
      {
        contactPoints: hostList(rest, setting, 9042),
        localDataCenter: query.get("dc") ?? "datacenter1",
        keyspace,
        replication: { factor },
      },
    );
  }
  throw unsupportedScheme(setting, scheme, ["file", "cassandra"]);
}

/** The ControlStore named by RECSYS_CONTROL_URL: `file://x.sqlite` or `mysql://user:pass@host:port/db`. */
export async function controlFor(config: Config, deps: AdapterDeps): Promise<ControlStore> {
  const setting = "RECSYS_CONTROL_URL";
  const { scheme, rest } = splitAdapterUrl(config.control.url, setting);
  if (scheme === "file")
    return createSqliteControlStore({ path: sqlitePath(rest, setting), clock: deps.clock });
  if (scheme === "mysql") {
    return createMysqlControlStore(
      { clock: deps.clock, logger: deps.logger.child("control") },
      { url: config.control.url },
    );
  }
  throw unsupportedScheme(setting, scheme, ["file", "mysql"]);
}
