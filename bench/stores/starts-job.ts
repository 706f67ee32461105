/**
 * Section job of bench/stores.bench.ts: cold start times of each service through the infra/local launchers,
 * always on PRIVATE instances in temp run folders on free ports, so the shared services (which other tests
 * may be using) are never stopped. Also records who owns each shared service.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { statusCassandra } from "../../infra/local/cassandra/index.ts";
import { statusKafka } from "../../infra/local/kafka/index.ts";
import { startPrivateMariadb, statusMysql } from "../../infra/local/mysql/index.ts";
import { startPrivateRedis, statusRedis } from "../../infra/local/redis/index.ts";
import { secondsSince } from "./alternate.ts";
import { sharedLauncher } from "./endpoints.ts";
import { cassandraColdStarts, kafkaColdStarts, type StartTimes } from "./jvm-cold-starts.ts";
import { emit, jobParams, progress, type Series } from "./section-result.ts";

export interface StartsParams {
  /** Cold starts of Kafka and Cassandra (tens of seconds each). */
  starts: number;
  /** Starts of Redis and MariaDB (seconds each). */
  quickStarts: number;
}

/** Who runs each shared service: the launchers (by recorded pid) or the machine. */
async function ownership(): Promise<Record<string, string>> {
  const shared = sharedLauncher();
  const [kafka, cassandra, redis, mysql] = await Promise.all([
    statusKafka(shared),
    statusCassandra(shared),
    statusRedis(shared),
    statusMysql(shared),
  ]);
  const owner = (pid: number | null, answering: boolean) =>
    pid !== null
      ? `launcher-owned (pid ${pid})`
      : answering
        ? "machine service, not started by us"
        : "not running";
  return {
    kafka: owner(kafka.pid, kafka.running),
    cassandra: owner(cassandra.pid, cassandra.answers),
    redis: owner(redis.pid, redis.answering),
    mysql: owner(mysql.pid, mysql.answering),
  };
}

/** Runs `work` in a fresh temp dir, removed afterwards whatever happens. */
async function inTempDir<T>(name: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `starling-bench-${name}-`));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function redisStarts(count: number): Promise<StartTimes> {
  const times: StartTimes = { jarSeconds: 0, startSeconds: [], stopSeconds: [] };
  for (let i = 1; i <= count; i++) {
    await inTempDir("redis", async (dir) => {
      const started = performance.now();
      const server = await startPrivateRedis(dir);
      times.startSeconds.push(secondsSince(started));
      const stopping = performance.now();
      await server.stop();
      times.stopSeconds.push(secondsSince(stopping));
    });
  }
  return times;
}

/** Per start: a fresh temp dir, data-dir initialisation + start (timed), one restart with the data kept (timed). */
async function mariadbStarts(count: number) {
  const times = { first: [] as number[], restart: [] as number[] };
  for (let i = 1; i <= count; i++) {
    await inTempDir("mariadb", async (dir) => {
      const started = performance.now();
      const server = await startPrivateMariadb(dir, (line) => progress(line));
      times.first.push(secondsSince(started));
      try {
        const restarting = performance.now();
        await server.restart();
        times.restart.push(secondsSince(restarting));
      } finally {
        await server.stop();
      }
    });
  }
  return times;
}

function jvmSeries(name: string, times: StartTimes): Series[] {
  return [
    {
      measure: `${name} cold start (private, empty data dir, until it answers)`,
      unit: "s",
      values: times.startSeconds,
    },
    { measure: `${name} stop (SIGTERM until exit)`, unit: "s", values: times.stopSeconds },
    { measure: `${name} jar resolution (mvn from ~/.m2, once)`, unit: "s", values: [times.jarSeconds] },
  ];
}

async function attempt<T>(name: string, notes: string[], work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    notes.push(
      `${name} cold start rows missing: ${error instanceof Error ? error.message.split("\n")[0] : error}`,
    );
    return undefined;
  }
}

async function main(): Promise<void> {
  const params = jobParams<StartsParams>();
  const notes: string[] = [];
  const owners = await ownership();
  for (const [service, owner] of Object.entries(owners))
    notes.push(`shared ${service}: ${owner}; timed on a private instance`);
  notes.push(
    "start/stop times end at the launchers' polls (Redis and MariaDB every 50 ms, Kafka 300 ms, Cassandra 500 ms, stops 250 ms)",
  );
  const series: Series[] = [];
  const redis = await attempt("Redis", notes, () => redisStarts(params.quickStarts));
  if (redis)
    series.push(
      { measure: "Redis start (private redis-server, until PING)", unit: "s", values: redis.startSeconds },
      { measure: "Redis stop", unit: "s", values: redis.stopSeconds },
    );
  const mariadb = await attempt("MariaDB", notes, () => mariadbStarts(params.quickStarts));
  if (mariadb)
    series.push(
      { measure: "MariaDB first start (data-dir init + start)", unit: "s", values: mariadb.first },
      { measure: "MariaDB restart (stop + start, data kept)", unit: "s", values: mariadb.restart },
    );
  const log = (line: string) => progress(line);
  const kafka = await attempt("Kafka", notes, () =>
    inTempDir("kafka", (root) => kafkaColdStarts({ root, log }, params.starts)),
  );
  if (kafka) series.push(...jvmSeries("Kafka", kafka));
  const cassandra = await attempt("Cassandra", notes, () =>
    inTempDir("cassandra", (root) => cassandraColdStarts({ root, log }, params.starts)),
  );
  if (cassandra) series.push(...jvmSeries("Cassandra", cassandra));
  emit({ section: "starts", series, notes, details: { owners, redis, mariadb, kafka, cassandra } });
}

await main();
