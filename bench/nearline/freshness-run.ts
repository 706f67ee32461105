import { fileURLToPath } from "node:url";
import type { ServiceEndpoints } from "../../tests/support/real-services.ts";
import { runChild } from "../lib/child-run.ts";
import { progress } from "../stores/section-result.ts";
import { appliedCount, endOffsets, waitForDrain } from "./drain.ts";
import { startMember } from "./member.ts";
import { bucketAround, type HistogramSnapshot, histogram, quantileWithPending } from "./metric-reads.ts";
import type { ProducerParams, ProducerResult } from "./paced-producer-job.ts";
import { type RuntimeSample, startProbe } from "./runtime-probe.ts";
import type { SyntheticShape } from "./synthetic-events.ts";
import { type MemberFigures, memberFigures } from "./throughput-run.ts";
import { type BenchWorld, openWorld } from "./world.ts";

export interface FreshnessParams extends SyntheticShape {
  runs: number;
  eventsPerSecond: number;
  seconds: number;
  partitions: number;
  dimension: number;
  maxBatch?: number;
  /** After the producer stops, the backlog gets this long to drain; what is left makes the quantiles lower bounds. */
  drainSeconds: number;
}

/** One freshness run: the producer's pace, the backlog it left, and the freshness quantiles. */
export interface FreshnessRun {
  produced: number;
  produceSeconds: number;
  /** Records not yet applied when the producer finished. */
  lagAtProducerEnd: number;
  /** Seconds from the producer's end until the lag was zero (or the drain cap). */
  drainSeconds: number;
  /** Records still not applied at the drain cap: then p50/p99 are lower bounds. */
  pendingAtEnd: number;
  p50Seconds: number;
  p99Seconds: number;
  p50Bucket: string;
  p99Bucket: string;
  observations: number;
  member: MemberFigures;
  runtime: RuntimeSample;
  cleanupFailures: string[];
}

const PRODUCER = fileURLToPath(new URL("./paced-producer-job.ts", import.meta.url));

/** Runs the paced producer process; returns what it produced and the lag it left behind. */
async function producePaced(world: BenchWorld, params: FreshnessParams, seconds: number) {
  const { eventsPerSecond } = params;
  const producer: ProducerParams = { env: world.env, shape: params, eventsPerSecond, seconds };
  progress(`  namespace ${world.namespace}: producing ${eventsPerSecond} events/s for ${seconds} s`);
  const produced = await runChild<ProducerResult>(PRODUCER, [JSON.stringify(producer)]);
  const producerEnd = performance.now();
  const ends = await endOffsets(world.stores.eventLog);
  const total = [...ends.values()].reduce((a, b) => a + b, 0);
  const lagAtProducerEnd = total - (await appliedCount(world.stores.cache, ends));
  progress(`  producer done (${produced.acknowledged} events); lag ${lagAtProducerEnd}, draining`);
  return { produced, producerEnd, ends, lagAtProducerEnd };
}

/** p50 and p99 of the histogram, events never applied counted as `floor` seconds old. */
function freshnessQuantiles(freshness: HistogramSnapshot, pending: number, floor: number) {
  const p50Seconds = quantileWithPending(freshness, 0.5, pending, floor);
  const p99Seconds = quantileWithPending(freshness, 0.99, pending, floor);
  return {
    p50Seconds,
    p99Seconds,
    p50Bucket: bucketAround(freshness, p50Seconds),
    p99Bucket: bucketAround(freshness, p99Seconds),
    observations: freshness.count,
  };
}

async function measure(
  world: BenchWorld,
  endpoints: ServiceEndpoints,
  params: FreshnessParams,
  seconds: number,
) {
  const member = await startMember(world);
  try {
    await member.nearline.consumer.ready();
    const probe = await startProbe(endpoints.redis.url);
    const { produced, producerEnd, ends, lagAtProducerEnd } = await producePaced(world, params, seconds);
    const drain = { label: "  drain", startedAt: producerEnd, limitMs: params.drainSeconds * 1000 };
    const outcome = await waitForDrain(world.stores.cache, ends, drain);
    const runtime = await probe.stop();
    const freshness = await histogram(member.metrics, "starling_nearline_freshness_seconds");
    const pendingAtEnd = outcome.total - outcome.applied;
    const drainSeconds = (outcome.at - producerEnd) / 1000;
    return {
      produced: produced.acknowledged,
      produceSeconds: produced.seconds,
      lagAtProducerEnd,
      drainSeconds,
      pendingAtEnd,
      ...freshnessQuantiles(freshness, pendingAtEnd, drainSeconds),
      member: await memberFigures(member),
      runtime,
    };
  } finally {
    await member.stop();
  }
}

/**
 * One run in a fresh namespace: start the nearline, wait until it joined, produce at the fixed rate with event
 * times = now from a child process, wait for the lag to drain, then read the freshness histogram.
 */
export async function freshnessRun(
  endpoints: ServiceEndpoints,
  params: FreshnessParams,
  seconds: number,
): Promise<FreshnessRun> {
  const world = await openWorld(endpoints, params, params);
  // Filled in by the finally block, after the measurement, before the caller sees the result.
  const cleanupFailures: string[] = [];
  try {
    return { ...(await measure(world, endpoints, params, seconds)), cleanupFailures };
  } finally {
    cleanupFailures.push(...(await world.remove()));
    if (cleanupFailures.length > 0) progress(`  cleanup failed: ${cleanupFailures.join("; ")}`);
  }
}
