import { onlineDefaults } from "./online-schema.ts";
import type { Config, Profile } from "./schema.ts";

/** Adapter URLs per profile; the state dir is filled in at load time. */
function adapterDefaults(profile: Profile, stateDir: string) {
  if (profile === "services") {
    return {
      eventLog: "kafka://127.0.0.1:9092",
      cache: "redis://127.0.0.1:6379",
      bulk: "cassandra://127.0.0.1:9042/starling?dc=datacenter1",
      control: "mysql://root@127.0.0.1:3306/starling",
    };
  }
  return {
    eventLog: `file://${stateDir}/log`,
    cache: "memory://",
    bulk: `file://${stateDir}/bulk.sqlite`,
    control: `file://${stateDir}/control.sqlite`,
  };
}

/** Defaults for a profile, before the config file and the environment are applied. */
export function defaultsFor(profile: Profile, stateDir = "var"): Config {
  const urls = adapterDefaults(profile, stateDir);
  return {
    profile,
    stateDir,
    http: { host: "127.0.0.1", port: 8080, bodyLimitBytes: 1024 * 1024 },
    log: { level: "info" },
    eventLog: { url: urls.eventLog, partitions: 8, replicationFactor: 1 },
    cache: { url: urls.cache, maxEntries: 1_000_000, commandTimeoutMs: 50 },
    bulk: { url: urls.bulk },
    control: { url: urls.control },
    demo: { priorWeight: 10, syntheticUsers: 2000 },
    namespace: "",
    ingest: { maxBatch: 500, deadlineMs: 2000 },
    nearline: {
      historySize: 100,
      likedSize: 10_000,
      trendingHalfLifeMinutes: 60,
      userTtlHours: 720,
      dedupeHours: 168,
      maxBatchSize: 500,
      versionPollMs: 5000,
      stallTimeoutMs: 60_000,
      metricsPort: 9464,
    },
    online: onlineDefaults,
    offline: {
      schedule: "0 3 * * *",
      promotionMargin: 0.25,
      hotUsers: 10_000,
      userTtlHours: 168,
      buckets: 10,
      recencyHalfLifeDays: 30,
      evalMaxUsers: 5000,
      item2vec: {
        dimension: 64,
        window: 5,
        negatives: 5,
        epochs: 10,
        minCount: 1,
        subsample: 0,
        learningRate: 0.025,
        seed: 1,
        threads: 2,
      },
      deepwalk: { walksPerNode: 5, walkLength: 10, epochs: 5 },
      node2vec: { walksPerNode: 5, walkLength: 10, epochs: 5, p: 1, q: 0.5 },
      als: { factors: 64, regularization: 1, alpha: 10, iterations: 15 },
      ranker: { candidatesPerChannel: 50, hidden: "", epochs: 40 },
    },
    requireServices: false,
  };
}
