import type { Config } from "../core/config/index.ts";
import type { NearlineSettings } from "../nearline/index.ts";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The nearline settings from the config, in ms; the user-embedding half-life is the offline tier's. */
export function nearlineSettings(config: Config): NearlineSettings {
  const n = config.nearline;
  return {
    partitions: config.eventLog.partitions,
    historySize: n.historySize,
    likedSize: n.likedSize,
    trendingHalfLifeMs: n.trendingHalfLifeMinutes * MINUTE_MS,
    userTtlMs: n.userTtlHours * HOUR_MS,
    dedupeMs: n.dedupeHours * HOUR_MS,
    recencyHalfLifeMs: config.offline.recencyHalfLifeDays * DAY_MS,
    maxBatchSize: n.maxBatchSize,
    versionPollMs: n.versionPollMs,
    stallTimeoutMs: n.stallTimeoutMs,
    checkIntervalMs: Math.min(1000, Math.floor(n.stallTimeoutMs / 4)),
  };
}
