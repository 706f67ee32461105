import type { Clock } from "../../core/clock.ts";
import type { Logger } from "../../core/logger.ts";
import type { BulkStore, ControlStore, EventLog, FeatureCache } from "../../core/ports/index.ts";
import type { NearlineMetrics } from "../metrics.ts";

/** The ports and helpers a nearline consumer is built from. */
export interface NearlineDeps {
  readonly eventLog: EventLog;
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly control: ControlStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: NearlineMetrics;
  /** A unique id for this process's guard key. */
  readonly newId: () => string;
}

/** The nearline settings, in the units the code uses. */
export interface NearlineSettings {
  readonly partitions: number;
  readonly historySize: number;
  readonly likedSize: number;
  readonly trendingHalfLifeMs: number;
  readonly userTtlMs: number;
  /** How long an applied event id is remembered. */
  readonly dedupeMs: number;
  readonly recencyHalfLifeMs: number;
  readonly maxBatchSize: number;
  readonly versionPollMs: number;
  readonly stallTimeoutMs: number;
  /** How often the guard key and the lag are checked. */
  readonly checkIntervalMs: number;
}
