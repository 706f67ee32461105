import { setTimeout as delay } from "node:timers/promises";
import { systemClock } from "../../core/clock.ts";
import { type Config, loadConfig } from "../../core/config/index.ts";
import { silentLogger } from "../../core/logger.ts";
import { float32ToBytes } from "../../core/vector-bytes.ts";
import { type Adapters, createAdapters } from "../../infra/create-adapters.ts";
import { deleteKeysWithPrefix } from "../../infra/redis/index.ts";
import {
  ARTIFACT_KINDS,
  EMBEDDING_MODELS,
  embeddingKey,
  TOPICS,
  VERSION_KINDS,
} from "../../schemas/index.ts";
import { dropNamespace } from "../../tests/support/drop-namespace.ts";
import { realService, type ServiceEndpoints } from "../../tests/support/real-services.ts";
import { servicesEnv } from "../../tests/support/services-env.ts";
import { randomSuffix } from "../stores/endpoints.ts";
import { deleteKafkaNamespace } from "../stores/kafka-sides.ts";
import { type SyntheticShape, syntheticCatalogue, syntheticVectors } from "./synthetic-events.ts";

/** The item-vector models published, so the nearline really updates user embeddings. */
const MODELS = [EMBEDDING_MODELS.item2vec, EMBEDDING_MODELS.deepwalk, EMBEDDING_MODELS.node2vec];
const VERSION = "v20260101000000-bench";
const VECTOR_CHUNK = 1000;
const CLEANUP_ATTEMPTS = 4;
const CLEANUP_PAUSE_MS = 10_000;

/** One run's namespace on the shared services: its env, config and the bench's own connections. */
export interface BenchWorld {
  readonly namespace: string;
  readonly env: Readonly<Record<string, string>>;
  readonly config: Config;
  /** The bench's connections (setup, producing, progress polls); the nearline opens its own. */
  readonly stores: Adapters;
  /** Deletes every trace of the namespace; never throws, returns what failed. */
  remove(): Promise<string[]>;
}

/** Every service's endpoint, or an error naming the first one missing. */
export async function allEndpoints(): Promise<ServiceEndpoints> {
  const names = ["kafka", "redis", "cassandra", "mysql"] as const;
  const found = await Promise.all(names.map((name) => realService(name)));
  const out: Partial<Record<(typeof names)[number], unknown>> = {};
  for (const [i, lookup] of found.entries()) {
    if ("skip" in lookup) throw new Error(lookup.skip);
    out[names[i] as (typeof names)[number]] = lookup.endpoint;
  }
  return out as ServiceEndpoints;
}

/** Publishes the catalogue and an active embeddings version, as an offline run would. */
async function publishReferenceData(
  stores: Adapters,
  shape: SyntheticShape,
  dimension: number,
): Promise<void> {
  await stores.control.upsertItems(syntheticCatalogue(shape));
  for (const [m, model] of MODELS.entries()) {
    const vectors = syntheticVectors(shape.items, dimension, shape.seed * 100 + m);
    for (let start = 0; start < vectors.length; start += VECTOR_CHUNK) {
      const entries = vectors.slice(start, start + VECTOR_CHUNK).map((vector, i) => ({
        key: embeddingKey(model, `i${start + i}`),
        value: float32ToBytes(vector),
      }));
      await stores.bulk.putArtifacts(ARTIFACT_KINDS.itemEmbeddings, VERSION, entries);
    }
  }
  await stores.control.stageVersion(VERSION_KINDS.embeddings, VERSION);
  await stores.control.activateVersions({ [VERSION_KINDS.embeddings]: VERSION });
}

/** Deletes the namespace's Redis keys, topics and groups, keyspace and database; returns what failed. */
async function removeNamespace(endpoints: ServiceEndpoints, namespace: string): Promise<string[]> {
  const steps = [
    () => deleteKeysWithPrefix(endpoints.redis.url, `${namespace}:`),
    () => deleteKafkaNamespace(endpoints.kafka.brokers, `${namespace}.`),
    () => dropNamespace(namespace, endpoints.cassandra, endpoints.mysql),
  ];
  const failed: string[] = [];
  for (const step of steps) {
    // A fault test may be restarting a shared service right now: try a few times before giving up.
    for (let attempt = 1; ; attempt++) {
      const error = await step().then(
        () => null,
        (e: Error) => e.message.split("\n")[0] ?? "",
      );
      if (error === null) break;
      if (attempt === CLEANUP_ATTEMPTS) {
        failed.push(`${namespace}: ${error}`);
        break;
      }
      await delay(CLEANUP_PAUSE_MS);
    }
  }
  return failed;
}

/**
 * A fresh namespace (topic and group prefix, Redis key prefix, keyspace, database) with the reference data
 * published and the nearline's topics created, so the run starts from empty state.
 */
export async function openWorld(
  endpoints: ServiceEndpoints,
  shape: SyntheticShape,
  options: { partitions: number; dimension: number; maxBatch?: number | undefined },
): Promise<BenchWorld> {
  const namespace = `bench_nl_${randomSuffix()}`;
  const env = {
    ...servicesEnv(endpoints, namespace),
    RECSYS_NAMESPACE: namespace,
    RECSYS_EVENTLOG_PARTITIONS: String(options.partitions),
    ...(options.maxBatch === undefined ? {} : { RECSYS_NEARLINE_MAX_BATCH_SIZE: String(options.maxBatch) }),
  };
  const config = loadConfig(env);
  const remove = () => removeNamespace(endpoints, namespace);
  const stores = await createAdapters(config, {
    clock: systemClock,
    logger: silentLogger,
    cacheMode: "nearline",
  });
  try {
    await publishReferenceData(stores, shape, options.dimension);
    const topics = [TOPICS.ratings, TOPICS.clicks, TOPICS.impressions, TOPICS.deadLetters];
    await stores.eventLog.createTopics(topics.map((name) => ({ name, partitions: options.partitions })));
  } catch (error) {
    await stores.close();
    await remove();
    throw error;
  }
  return {
    namespace,
    env,
    config,
    stores,
    remove: async () => {
      await stores.close().catch(() => undefined);
      return remove();
    },
  };
}
