import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Values read when `/metrics` is scraped rather than pushed as they change. */
export interface ScrapedSources {
  readonly impressions: () => Readonly<Record<string, number>>;
  readonly snapshot: () => {
    readonly loadedAt: number;
    readonly versions: { readonly embeddings: string | null };
  } | null;
}

/** The online tier's metrics, in their own registry (one per process; nothing global), served on `/metrics`. */
export function createOnlineMetrics(sources: ScrapedSources) {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    requestSeconds: new Histogram({
      name: "starling_online_request_seconds",
      help: "Request latency by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    degraded: new Counter({
      name: "starling_online_degraded_total",
      help: "Answers marked degraded, by reason (one answer may count under several)",
      labelNames: ["reason"] as const,
      registers,
    }),
    tierOutcomes: new Counter({
      name: "starling_online_lookup_total",
      help: "Lookups by what answered them (l1, l2, l3, miss: no tier had it) or went wrong (error, corrupt, fill_error, with the tier)",
      labelNames: ["lookup", "outcome", "tier"] as const,
      registers,
    }),
    responseCache: new Counter({
      name: "starling_online_response_cache_total",
      help: "Response cache lookups by outcome (hit, miss)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    breakerOpen: new Gauge({
      name: "starling_online_breaker_open",
      help: "1 while a dependency's circuit breaker is open (0.5 half open)",
      labelNames: ["dependency"] as const,
      registers,
    }),
    recallSeconds: new Histogram({
      name: "starling_online_stage_seconds",
      help: "Time per request stage (lookup, recall, rank)",
      labelNames: ["stage"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers,
    }),
    impressions: new Gauge({
      name: "starling_online_impressions",
      help: "Impression events since start, by outcome (produced, dropped, failed, invalid, inFlight)",
      labelNames: ["outcome"] as const,
      registers,
      collect() {
        for (const [outcome, count] of Object.entries(sources.impressions())) this.set({ outcome }, count);
      },
    }),
    snapshotLoaded: new Gauge({
      name: "starling_online_snapshot_loaded_timestamp_seconds",
      help: "When the serving snapshot (item data of the active versions) was loaded, by embeddings version",
      labelNames: ["version"] as const,
      registers,
      collect() {
        this.reset();
        const snapshot = sources.snapshot();
        if (snapshot) this.set({ version: snapshot.versions.embeddings ?? "none" }, snapshot.loadedAt / 1000);
      },
    }),
  };
}

export type OnlineMetrics = ReturnType<typeof createOnlineMetrics>;
