import type { ServiceEndpoints } from "../../tests/support/real-services.ts";
import type { BenchNamespace } from "./namespace.ts";
import type { DatasetIds } from "./request-paths.ts";
import type { WindowOptions } from "./window.ts";

/** The benchmark's settings (flags), recorded in the JSON result. */
export interface OnlineBenchParams {
  readonly runs: number;
  /** Seconds per measured window. */
  readonly seconds: number;
  /** Seconds of the untimed warm-up window of each side. */
  readonly warmupSeconds: number;
  /** Seconds Redis is held (and the load runs) per paused run. */
  readonly pauseSeconds: number;
  readonly connections: number;
  /** Processes of the multi-process section. */
  readonly workers: number;
  readonly seed: number;
  /** RECSYS_ONLINE_RESPONSE_CACHE_TTL_MS for the online processes, or null for the configured default. */
  readonly responseCacheMs: number | null;
  /** Profile the main section's online process (node --cpu-prof) and summarise the recommendation windows. */
  readonly cpuProfile: boolean;
}

/** What every section needs: the services, the trained namespace, the ids to draw from, the settings. */
export interface BenchContext {
  readonly endpoints: ServiceEndpoints;
  readonly namespace: BenchNamespace;
  readonly ids: DatasetIds;
  /** Folder the servers' runtime preload writes to. */
  readonly runtimeDir: string;
  readonly params: OnlineBenchParams;
}

/** The `recsys online` environment of this run. */
export function onlineEnv(context: BenchContext, extra: Record<string, string> = {}): Record<string, string> {
  const cache = context.params.responseCacheMs;
  return {
    ...context.namespace.onlineEnv,
    ...(cache === null ? {} : { RECSYS_ONLINE_RESPONSE_CACHE_TTL_MS: String(cache) }),
    ...extra,
  };
}

/** Window options for a server: metrics are scraped only from a single online process. */
export function windowOptions(
  context: BenchContext,
  scrapeMetrics: boolean,
  during?: () => Promise<void>,
): WindowOptions {
  return {
    redisUrl: context.endpoints.redis.url,
    runtimeDir: context.runtimeDir,
    scrapeMetrics,
    ...(during ? { during } : {}),
  };
}

/** Load seconds of run `run` (0 is the warm-up). */
export const secondsOf = (context: BenchContext, run: number) =>
  run === 0 ? context.params.warmupSeconds : context.params.seconds;
