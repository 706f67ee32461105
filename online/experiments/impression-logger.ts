import type { Clock } from "../../core/clock.ts";
import { ConfigError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { EventLog, ProduceRecord } from "../../core/ports/event-log.ts";
import {
  EVENT_SCHEMA_VERSION,
  type ImpressionEvent,
  idSchema,
  impressionEventSchema,
  MAX_IMPRESSION_ITEMS,
  TOPICS,
} from "../../schemas/index.ts";
import type { DependencyGuard } from "../resilience/types.ts";

/** One served list, as the request path knows it. */
export interface ServedList {
  readonly requestId: string;
  readonly userId: string;
  /** Item ids in served order; the position of each is its index. */
  readonly itemIds: readonly string[];
  readonly modelVersion?: string | null;
  readonly experiment?: { readonly id: string; readonly arm: string } | null;
}

export interface ImpressionCounts {
  /** Impressions the event log acknowledged. */
  readonly produced: number;
  /** Impressions dropped because `maxInFlight` were already waiting. */
  readonly dropped: number;
  /** Impressions whose produce failed, timed out or met an open breaker. */
  readonly failed: number;
  /** Served lists that made no valid event (bad request or user id); empty lists are not counted. */
  readonly invalid: number;
  /** Impressions queued or being produced now. */
  readonly inFlight: number;
}

/** Logs served lists as impression events in the background; never throws and never waits in the caller. */
export interface ImpressionLogger {
  log(list: ServedList): void;
  counts(): ImpressionCounts;
  /** Resolves once every impression logged so far is produced or failed; for shutdown and tests. */
  flush(): Promise<void>;
}

export interface ImpressionLoggerDeps {
  readonly eventLog: EventLog;
  readonly guard: DependencyGuard;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
}

export interface ImpressionLoggerOptions {
  /** Most impressions queued or in produce calls at once; more are dropped and counted. */
  readonly maxInFlight: number;
  /** Most impressions per produce call; defaults to 200. */
  readonly maxBatch?: number;
  /** Budget of one produce call. */
  readonly timeoutMs: number;
}

const DEFAULT_MAX_BATCH = 200;
const WARN_EVERY_MS = 10_000;

/** Build the impression event of a served list, or null when it cannot make a valid one. */
export function impressionEvent(
  list: ServedList,
  stamp: { readonly eventId: string; readonly timestamp: number },
): ImpressionEvent | null {
  if (list.itemIds.length === 0) return null;
  const arm = list.experiment ? `${list.experiment.id}:${list.experiment.arm}` : undefined;
  const candidate = {
    eventId: stamp.eventId,
    schemaVersion: EVENT_SCHEMA_VERSION,
    type: "impression",
    userId: list.userId,
    timestamp: stamp.timestamp,
    requestId: list.requestId,
    items: list.itemIds.slice(0, MAX_IMPRESSION_ITEMS).map((itemId, position) => ({ itemId, position })),
    ...(isId(list.modelVersion) ? { modelVersion: list.modelVersion } : {}),
    // An arm label too long (or odd) for an id is left out rather than losing the impression.
    ...(isId(arm) ? { experimentArm: arm } : {}),
  };
  const parsed = impressionEventSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/**
 * Impressions go to the impressions topic keyed by user id (the adapter adds any namespace), batched per
 * event-loop turn. Production runs through the guard's `eventLog` breaker, so a down log fails fast.
 */
export function createImpressionLogger(
  deps: ImpressionLoggerDeps,
  options: ImpressionLoggerOptions,
): ImpressionLogger {
  checkOptions(options);
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const queue: ProduceRecord[] = [];
  const producing = new Set<Promise<void>>();
  let inProduce = 0;
  let scheduled = false;
  let lastWarnAt = Number.NEGATIVE_INFINITY;
  const counts = { produced: 0, dropped: 0, failed: 0, invalid: 0 };

  const warnRarely = (message: string, fields: Record<string, unknown>) => {
    const now = deps.clock.now();
    if (now - lastWarnAt < WARN_EVERY_MS) return;
    lastWarnAt = now;
    deps.logger.warn(message, { ...fields, ...counts });
  };

  const produce = (records: ProduceRecord[]) => {
    inProduce += records.length;
    const done = deps.guard
      .call("eventLog", () => deps.eventLog.produce(TOPICS.impressions, records), options.timeoutMs)
      .then(
        () => {
          counts.produced += records.length;
        },
        (error: unknown) => {
          counts.failed += records.length;
          warnRarely("impressions not logged", { error: String(error), lost: records.length });
        },
      )
      .finally(() => {
        inProduce -= records.length;
        producing.delete(done);
      });
    producing.add(done);
  };

  const drain = () => {
    scheduled = false;
    while (queue.length > 0) produce(queue.splice(0, maxBatch));
  };

  return {
    log(list) {
      try {
        if (queue.length + inProduce >= options.maxInFlight) {
          counts.dropped += 1;
          warnRarely("impression queue full; dropping impressions", { maxInFlight: options.maxInFlight });
          return;
        }
        const timestamp = deps.clock.now();
        const event = impressionEvent(list, { eventId: deps.newId(), timestamp });
        if (event === null) {
          if (list.itemIds.length > 0) counts.invalid += 1;
          return;
        }
        queue.push({
          key: event.userId,
          value: JSON.stringify(event),
          timestamp,
          headers: { eventId: event.eventId },
        });
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      } catch (error) {
        // Logging must never break serving (e.g. a throwing id generator).
        counts.invalid += 1;
        warnRarely("could not build an impression", { error: String(error) });
      }
    },
    counts: () => ({ ...counts, inFlight: queue.length + inProduce }),
    async flush() {
      while (queue.length > 0 || producing.size > 0) {
        if (queue.length > 0) drain();
        await Promise.all(producing);
      }
    },
  };
}

function isId(value: string | null | undefined): value is string {
  return typeof value === "string" && idSchema.safeParse(value).success;
}

function checkOptions(options: ImpressionLoggerOptions): void {
  if (!(Number.isInteger(options.maxInFlight) && options.maxInFlight >= 1)) {
    throw new ConfigError("impression maxInFlight must be an integer of at least 1", "maxInFlight");
  }
  if (options.maxBatch !== undefined && !(Number.isInteger(options.maxBatch) && options.maxBatch >= 1)) {
    throw new ConfigError("impression maxBatch must be an integer of at least 1", "maxBatch");
  }
  if (!(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    throw new ConfigError("impression timeoutMs must be a positive number", "timeoutMs");
  }
}
