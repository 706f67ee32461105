import { produceEvents } from "../../bin/produce/produce-events.ts";
import type { ServiceEndpoints } from "../../tests/support/real-services.ts";
import { progress } from "../stores/section-result.ts";
import { endOffsets, waitForDrain } from "./drain.ts";
import { type BenchMember, startMember } from "./member.ts";
import { counterSum, histogram, stageSeconds } from "./metric-reads.ts";
import { referenceConsume } from "./reference-consumer.ts";
import { type RuntimeSample, startProbe } from "./runtime-probe.ts";
import { type SyntheticShape, syntheticEvents } from "./synthetic-events.ts";
import { type BenchWorld, openWorld } from "./world.ts";

export interface ThroughputParams extends SyntheticShape {
  runs: number;
  events: number;
  partitions: number;
  dimension: number;
  /** RECSYS_NEARLINE_MAX_BATCH_SIZE for the run; the config's default when absent. */
  maxBatch?: number;
  /** The nearline's window ends here even when events remain: the rate is then applied / seconds. */
  maxSeconds: number;
}

/** What the nearline's metrics say about one timed window. */
export interface MemberFigures {
  applied: number;
  duplicates: number;
  deadLetters: number;
  skipped: number;
  retries: number;
  rebuilds: number;
  cacheWrites: number;
  /** Seconds per batch stage. */
  stages: Record<string, number>;
  /** Handler calls and the seconds spent inside them. */
  batches: number;
  handlerSeconds: number;
  warnings: number;
  /** Distinct error messages the member logged. */
  errors: string[];
}

/** One throughput run: ours and the reference on the same records. */
export interface ThroughputRun {
  /** Produced; the reference reads them all. */
  events: number;
  /** Applied by the nearline within its window (all of them, unless the window hit maxSeconds). */
  applied: number;
  /** The nearline's max batch size in this run (RECSYS_NEARLINE_MAX_BATCH_SIZE or the config default). */
  maxBatchSize: number;
  produceSeconds: number;
  openSeconds: number;
  seconds: number;
  referenceSeconds: number;
  member: MemberFigures;
  runtime: RuntimeSample;
  cleanupFailures: string[];
}

/** The counters a run reports, read from the member's registry. */
export async function memberFigures(member: BenchMember): Promise<MemberFigures> {
  const { metrics } = member;
  const events = (outcome: string) => counterSum(metrics, "starling_nearline_events_total", { outcome });
  const batches = await histogram(metrics, "starling_nearline_batch_apply_seconds");
  return {
    applied: await events("applied"),
    duplicates: await events("duplicate"),
    deadLetters: await events("dead_letter"),
    skipped: await events("skipped"),
    retries: await counterSum(metrics, "starling_nearline_batch_retries_total"),
    rebuilds: await counterSum(metrics, "starling_nearline_rebuilds_total"),
    cacheWrites: await counterSum(metrics, "starling_nearline_cache_writes_total"),
    stages: await stageSeconds(metrics),
    batches: batches.count,
    handlerSeconds: batches.sum,
    warnings: member.warnings(),
    errors: member.errors(),
  };
}

/** Produces the run's events as fast as the log acknowledges; returns the seconds taken. */
async function preProduce(
  eventLog: Parameters<typeof produceEvents>[0],
  shape: SyntheticShape,
  count: number,
) {
  const started = performance.now();
  let lastLine = started;
  const stats = await produceEvents(eventLog, syntheticEvents(shape, count, Date.now()), {
    onProgress: (s) => {
      if (performance.now() - lastLine < 5000) return;
      lastLine = performance.now();
      progress(`  produced ${s.acknowledged} / ${count}`);
    },
  });
  if (stats.acknowledged !== count) throw new Error(`produced ${stats.acknowledged} of ${count} events`);
  return (performance.now() - started) / 1000;
}

/** The timed window: start the consumer, wait until every checkpoint reached its end offset (or the cap). */
async function timedApply(world: BenchWorld, redisUrl: string, params: ThroughputParams) {
  const ends = await endOffsets(world.stores.eventLog);
  const probe = await startProbe(redisUrl);
  const member = await startMember(world);
  try {
    const limitMs = params.maxSeconds * 1000;
    const options = { label: "  nearline", startedAt: member.startedAt, limitMs };
    const outcome = await waitForDrain(world.stores.cache, ends, options);
    const runtime = await probe.stop();
    const figures = await memberFigures(member);
    const seconds = (outcome.at - member.startedAt) / 1000;
    return { seconds, applied: outcome.applied, openSeconds: member.openSeconds, runtime, figures };
  } finally {
    await member.stop();
  }
}

async function measure(
  endpoints: ServiceEndpoints,
  params: ThroughputParams,
  world: BenchWorld,
  count: number,
): Promise<Omit<ThroughputRun, "cleanupFailures">> {
  progress(`  namespace ${world.namespace}: producing ${count} events`);
  const produceSeconds = await preProduce(world.stores.eventLog, params, count);
  progress(`  produced in ${produceSeconds.toFixed(1)} s; starting the nearline`);
  const ours = await timedApply(world, endpoints.redis.url, params);
  const capped = ours.applied < count ? ` (stopped at the ${params.maxSeconds} s cap)` : "";
  progress(`  nearline: ${ours.applied} events in ${ours.seconds.toFixed(1)} s${capped}; reference consumer`);
  const timeoutMs = Math.max(60_000, params.maxSeconds * 1000);
  const referenceSeconds = await referenceConsume(endpoints.kafka.brokers, world.namespace, count, timeoutMs);
  progress(`  reference: ${Math.round(count / referenceSeconds)} events/s`);
  const { seconds, applied, openSeconds, figures: member, runtime } = ours;
  const maxBatchSize = world.config.nearline.maxBatchSize;
  return {
    events: count,
    applied,
    maxBatchSize,
    produceSeconds,
    openSeconds,
    seconds,
    referenceSeconds,
    member,
    runtime,
  };
}

/**
 * One run in a fresh namespace: publish reference data, pre-produce `count` events, time one nearline consumer
 * applying them all, then time a bare kafkajs consumer reading the same records (A then B), then clean up.
 */
export async function throughputRun(
  endpoints: ServiceEndpoints,
  params: ThroughputParams,
  count: number,
): Promise<ThroughputRun> {
  const world = await openWorld(endpoints, params, params);
  // Filled in by the finally block, after the measurement, before the caller sees the result.
  const cleanupFailures: string[] = [];
  try {
    return { ...(await measure(endpoints, params, world, count)), cleanupFailures };
  } finally {
    cleanupFailures.push(...(await world.remove()));
    if (cleanupFailures.length > 0) progress(`  cleanup failed: ${cleanupFailures.join("; ")}`);
  }
}
