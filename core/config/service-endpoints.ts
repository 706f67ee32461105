import { ConfigError } from "../errors.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** Endpoints of real services given explicitly, for tests and benchmarks (the names testcontainers users expect). */
export interface ExplicitServiceEndpoints {
  /** `KAFKA_BROKERS`: comma-separated host:port list. */
  readonly kafkaBrokers?: string[];
  /** `REDIS_URL`: redis://host:port. */
  readonly redisUrl?: string;
  /** `CASSANDRA_CONTACT_POINTS`: comma-separated host:port list. */
  readonly cassandraContactPoints?: string[];
  /** `MYSQL_URL`: mysql://user:password@host:port/database. */
  readonly mysqlUrl?: string;
  /** `RECSYS_REQUIRE_SERVICES=1`: a missing service fails the run instead of skipping its tests. */
  readonly requireServices: boolean;
}

function list(name: string, raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const items = raw.split(",").map((s) => s.trim());
  const bad = items.find((s) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(s));
  if (bad !== undefined)
    throw new ConfigError(`${name}="${raw}" is not allowed; expected host:port[,host:port...]`);
  return items;
}

function url(name: string, raw: string | undefined, scheme: string): string | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  if (!raw.startsWith(`${scheme}://`))
    throw new ConfigError(`${name}="${raw}" is not allowed; expected ${scheme}://...`);
  return raw;
}

/** Reads the explicit service endpoints; part of core/config, the only reader of the environment. */
export function loadServiceEndpoints(env: Env = process.env): ExplicitServiceEndpoints {
  const out: {
    kafkaBrokers?: string[];
    redisUrl?: string;
    cassandraContactPoints?: string[];
    mysqlUrl?: string;
    requireServices: boolean;
  } = { requireServices: ["1", "true", "yes"].includes(env.RECSYS_REQUIRE_SERVICES ?? "") };
  const kafka = list("KAFKA_BROKERS", env.KAFKA_BROKERS);
  if (kafka) out.kafkaBrokers = kafka;
  const redis = url("REDIS_URL", env.REDIS_URL, "redis");
  if (redis) out.redisUrl = redis;
  const cassandra = list("CASSANDRA_CONTACT_POINTS", env.CASSANDRA_CONTACT_POINTS);
  if (cassandra) out.cassandraContactPoints = cassandra;
  const mysql = url("MYSQL_URL", env.MYSQL_URL, "mysql");
  if (mysql) out.mysqlUrl = mysql;
  return out;
}
