import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The nearline process's metrics, in their own registry (nothing global), served on `/metrics`. */
export function createNearlineMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    events: new Counter({
      name: "starling_nearline_events_total",
      help: "Records consumed, by topic and outcome (applied, duplicate, stored, dead_letter, skipped)",
      labelNames: ["topic", "outcome"] as const,
      registers,
    }),
    deadLetters: new Counter({
      name: "starling_nearline_dead_letters_total",
      help: "Records sent to the dead-letter topic, by reason",
      labelNames: ["reason"] as const,
      registers,
    }),
    lag: new Gauge({
      name: "starling_nearline_consumer_lag",
      help: "Records in the partition not yet applied",
      labelNames: ["topic", "partition"] as const,
      registers,
    }),
    batchSeconds: new Histogram({
      name: "starling_nearline_batch_apply_seconds",
      help: "Time to apply one batch: decode, dead letters, raw events, state read, atomic write",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    stageSeconds: new Counter({
      name: "starling_nearline_stage_seconds_total",
      help: "Time spent per batch stage (checkpoint, decode, dead_letters, bulk_append, read_state, seed, compute, cache_write)",
      labelNames: ["stage"] as const,
      registers,
    }),
    freshness: new Histogram({
      name: "starling_nearline_freshness_seconds",
      help: "From event time to the user's state written",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    cacheWrites: new Counter({
      name: "starling_nearline_cache_writes_total",
      help: "Cache writes applied (each a Redis command inside the atomic script)",
      registers,
    }),
    retries: new Counter({
      name: "starling_nearline_batch_retries_total",
      help: "Batches that failed on an infrastructure error and will be retried, by error code",
      labelNames: ["code"] as const,
      registers,
    }),
    rebuilds: new Counter({
      name: "starling_nearline_rebuilds_total",
      help: "Times the state was found lost (cache restarted empty) and rebuilt by replaying the log",
      registers,
    }),
  };
}

export type NearlineMetrics = ReturnType<typeof createNearlineMetrics>;
