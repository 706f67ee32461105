import { StarlingError } from "../../core/errors.ts";
import type { Consumer, RecordBatch } from "../../core/ports/index.ts";
import { CONSUMER_GROUPS, cacheKeys, TOPICS } from "../../schemas/index.ts";
import { createReferenceData } from "../item-data/reference-data.ts";
import { createBatchHandler } from "./batch-handler.ts";
import type { NearlineDeps, NearlineSettings } from "./nearline-context.ts";
import { PartitionCursors, RedeliverFrom } from "./partition-cursors.ts";
import { startProgressChecks } from "./progress-checks.ts";

/** The topics the nearline consumes; dead letters go to TOPICS.deadLetters. */
export const NEARLINE_TOPICS = [TOPICS.ratings, TOPICS.clicks, TOPICS.impressions] as const;

/** A guard lives this long without renewal, so keys of dead processes do not pile up. */
const GUARD_TTL_MS = 3_600_000;

export interface RunningNearline {
  readonly consumer: Consumer;
  /** Finish the batch in flight, commit, stop the timers. Idempotent. */
  stop(): Promise<void>;
}

/** Joins the nearline group and applies every event to the user state until stopped. */
export async function startNearline(
  deps: NearlineDeps,
  settings: NearlineSettings,
  onStall: (reason: string) => void,
): Promise<RunningNearline> {
  const keys = cacheKeys();
  const { logger, metrics } = deps;
  const specs = [...NEARLINE_TOPICS, TOPICS.deadLetters].map((name) => ({
    name,
    partitions: settings.partitions,
  }));
  await deps.eventLog.createTopics(specs);
  const guardKey = keys.nearlineGuard(deps.newId());
  await deps.cache.set(guardKey, String(deps.clock.now()), GUARD_TTL_MS);
  const reference = createReferenceData(deps);
  await reference.refresh();
  const cursors = new PartitionCursors(deps.cache, keys.nearlineOffsets(), logger);
  let inFlight = 0;
  let rebuilding: Promise<void> | null = null;
  let lastProgressAt = deps.clock.now();

  const rebuild = (consumer: Consumer): Promise<void> => {
    rebuilding ??= (async () => {
      metrics.rebuilds.inc();
      logger.warn("the cache lost the nearline state; replaying every owned partition from the start");
      cursors.rebuildAll(consumer);
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await deps.cache.set(guardKey, String(deps.clock.now()), GUARD_TTL_MS);
    })().finally(() => {
      rebuilding = null;
    });
    return rebuilding;
  };
  const handle = createBatchHandler({
    deps,
    settings,
    keys,
    reference,
    cursors,
    guardKey,
    onGuardLost: (consumer) => {
      void rebuild(consumer).catch((error) => logger.error("rebuild failed", { error: String(error) }));
      throw new RedeliverFrom(0, "the cache lost its data");
    },
  });
  const handler = async (batch: RecordBatch, consumer: Consumer) => {
    if (rebuilding) throw new RedeliverFrom(0, "rebuild in progress");
    inFlight += 1;
    try {
      await handle(batch, consumer);
      lastProgressAt = deps.clock.now();
    } catch (error) {
      if (!(error instanceof RedeliverFrom)) {
        const code = error instanceof StarlingError ? error.code : "unexpected";
        metrics.retries.inc({ code });
        logger.warn("batch failed; it will be retried", {
          topic: batch.topic,
          partition: batch.partition,
          code,
        });
      }
      throw error;
    } finally {
      inFlight -= 1;
    }
  };
  const consumer = await deps.eventLog.subscribe({
    groupId: CONSUMER_GROUPS.nearline,
    topics: NEARLINE_TOPICS,
    fromBeginning: true,
    maxBatchSize: settings.maxBatchSize,
    handler,
  });
  const versionTimer = setInterval(() => void reference.refresh(), settings.versionPollMs);
  versionTimer.unref();
  const stopChecks = startProgressChecks({
    deps,
    settings,
    consumer,
    cursors,
    guardKey,
    guardTtlMs: GUARD_TTL_MS,
    lastProgressAt: () => lastProgressAt,
    onGuardLost: () => rebuild(consumer),
    onStall,
  });
  let stopped: Promise<void> | null = null;
  return {
    consumer,
    stop: () => {
      stopped ??= (async () => {
        clearInterval(versionTimer);
        stopChecks();
        await consumer.stop();
      })();
      return stopped;
    },
  };
}
