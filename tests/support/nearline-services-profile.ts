import { Redis } from "ioredis";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../core/config/index.ts";
import { silentLogger } from "../../core/logger.ts";
import { createAdapters } from "../../infra/create-adapters.ts";
import { deleteNamespace } from "../../infra/kafka/kafka-test-support.ts";
import { prefixPattern } from "../../infra/redis/delete-keys-with-prefix.ts";
import { deleteKeysWithPrefix } from "../../infra/redis/index.ts";
import { dropNamespace } from "./drop-namespace.ts";
import { SCENARIO_ENV } from "./nearline-embedded-profile.ts";
import {
  type NearlineProfile,
  type NearlineWorld,
  type RunningMember,
  scenarioSettings,
  startMemberOn,
} from "./nearline-harness.ts";
import { testNamespace } from "./real-services.ts";
import type { ServiceEndpoints } from "./service-types.ts";
import { servicesEnv } from "./services-env.ts";

/**
 * Deletes every key of the namespace in one script, so no write lands between the deletions: to the nearline it
 * looks like a Redis restart without persistence. FLUSHDB would do the same to every other test sharing Redis.
 */
const DELETE_MATCHING = `
local found = redis.call('KEYS', ARGV[1])
for i = 1, #found, 500 do redis.call('UNLINK', unpack(found, i, math.min(i + 499, #found))) end
return #found`;

/** Deletes every key starting with `prefix` atomically; returns how many there were. */
export async function loseKeysAtomically(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return Number(await client.eval(DELETE_MATCHING, 0, prefixPattern(prefix)));
  } finally {
    client.disconnect();
  }
}

/** The environment of a services-profile nearline process in this namespace. */
export function scenarioServicesEnv(endpoints: ServiceEndpoints, namespace: string): Record<string, string> {
  return { ...servicesEnv(endpoints, namespace), ...SCENARIO_ENV, RECSYS_NAMESPACE: namespace };
}

/** Removes a services namespace: Redis keys, Kafka topics and groups' data, keyspace and database. */
export async function removeServicesNamespace(endpoints: ServiceEndpoints, namespace: string): Promise<void> {
  await deleteKeysWithPrefix(endpoints.redis.url, `${namespace}:`);
  await deleteNamespace(endpoints.kafka.brokers, namespace);
  await dropNamespace(namespace, endpoints.cassandra, endpoints.mysql);
}

/** Worlds on Kafka, Redis, Cassandra and MySQL: a namespace each; every member opens its own connections. */
export function servicesProfile(endpoints: ServiceEndpoints): NearlineProfile {
  return {
    name: "services",
    async open(): Promise<NearlineWorld> {
      const namespace = testNamespace("nl");
      const env = scenarioServicesEnv(endpoints, namespace);
      const config = loadConfig(env);
      const deps = { clock: systemClock, logger: silentLogger, cacheMode: "nearline" as const };
      const stores = await createAdapters(config, deps);
      const settings = scenarioSettings(config);
      const members = new Set<RunningMember>();
      return {
        profile: "services",
        config,
        settings,
        stores,
        async startMember(overrides = {}) {
          const own = await createAdapters(loadConfig({ ...env, ...overrides }), deps);
          const member = await startMemberOn(own, settings, () => own.close()).catch(async (error) => {
            await own.close();
            throw error;
          });
          members.add(member);
          return member;
        },
        loseCache: async () => {
          await loseKeysAtomically(endpoints.redis.url, `${namespace}:`);
        },
        async close() {
          await Promise.all([...members].map((m) => m.stop()));
          await stores.close();
          await removeServicesNamespace(endpoints, namespace);
        },
      };
    },
  };
}
