import { setTimeout as delay } from "node:timers/promises";
import { deleteKeysWithPrefix } from "../../infra/redis/index.ts";
import { dropNamespace } from "../../tests/support/drop-namespace.ts";
import type { ServiceEndpoints } from "../../tests/support/real-services.ts";
import { servicesEnv } from "../../tests/support/services-env.ts";
import { randomSuffix } from "../stores/endpoints.ts";
import { deleteKafkaNamespace } from "../stores/kafka-sides.ts";

const CLEANUP_ATTEMPTS = 3;
const CLEANUP_PAUSE_MS = 5000;

/** One benchmark's namespace on the shared services: topics, Redis keys, keyspace and database. */
export interface BenchNamespace {
  readonly name: string;
  /** The services profile for `recsys offline train` (the test helpers' generous Redis command budget). */
  readonly trainEnv: Readonly<Record<string, string>>;
  /**
   * The services profile for `recsys online`: the configured Redis command budget (not the tests' 2 s), so a
   * paused Redis costs what it would in production; only warnings are logged.
   */
  readonly onlineEnv: Readonly<Record<string, string>>;
}

/** A new namespace name, or `reuse` (a namespace an earlier `--keep` run trained and left in place). */
export function benchNamespace(endpoints: ServiceEndpoints, reuse?: string): BenchNamespace {
  const name = reuse ?? `bench_on_${randomSuffix()}`;
  if (!/^[a-z][a-z0-9_]{0,47}$/.test(name))
    throw new Error(`namespace must be lower-case letters, digits and _; got ${name}`);
  const base: Record<string, string> = {
    ...servicesEnv(endpoints, name),
    RECSYS_NAMESPACE: name,
    RECSYS_LOG_LEVEL: "warn",
  };
  const online = { ...base };
  delete online.RECSYS_CACHE_COMMAND_TIMEOUT_MS;
  return { name, trainEnv: base, onlineEnv: online };
}

/** Deletes the namespace's keys, topics, keyspace and database; never throws, returns what failed. */
export async function removeNamespace(endpoints: ServiceEndpoints, name: string): Promise<string[]> {
  const steps: [string, () => Promise<unknown>][] = [
    ["redis keys", () => deleteKeysWithPrefix(endpoints.redis.url, `${name}:`)],
    ["kafka topics", () => deleteKafkaNamespace(endpoints.kafka.brokers, `${name}.`)],
    ["keyspace and database", () => dropNamespace(name, endpoints.cassandra, endpoints.mysql)],
  ];
  const failed: string[] = [];
  for (const [what, step] of steps) {
    // A fault test may be restarting a shared service right now: a few tries before giving up.
    for (let attempt = 1; ; attempt++) {
      const error = await step().then(
        () => null,
        (e: Error) => e.message.split("\n")[0] ?? "",
      );
      if (error === null) break;
      if (attempt === CLEANUP_ATTEMPTS) {
        failed.push(`${name} ${what}: ${error}`);
        break;
      }
      await delay(CLEANUP_PAUSE_MS);
    }
  }
  return failed;
}
