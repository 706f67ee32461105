/**
 * Section job of bench/nearline.bench.ts: freshness (state written − event time) of one nearline consumer while
 * a separate process produces at a fixed rate with event times = now, for each rate asked for; an untimed
 * warm-up run of a quarter of the duration first. Each run has its own namespace.
 */
import { emit, failedResult, jobParams, progress, type Series } from "../stores/section-result.ts";
import { type FreshnessParams, type FreshnessRun, freshnessRun } from "./freshness-run.ts";
import { consumerDisturbance, recordUnhandledRejections, undisturbedRuns } from "./undisturbed-runs.ts";
import { allEndpoints } from "./world.ts";

/** The job's parameters: the run's, with a list of rates instead of one. */
export type FreshnessJobParams = Omit<FreshnessParams, "eventsPerSecond"> & { rates: number[] };

const WARM_UP_SHARE = 4;
/** Runs redone at most when a shared service was restarted under one. */
const EXTRA_ATTEMPTS = 2;

function series(rate: number, seconds: number, runs: readonly FreshnessRun[]): Series[] {
  const at = `${rate} events/s for ${seconds} s`;
  const each = (pick: (r: FreshnessRun) => number) => runs.map(pick);
  return [
    { measure: `freshness p50 (${at})`, unit: "ms", values: each((r) => r.p50Seconds * 1000) },
    { measure: `freshness p99 (${at})`, unit: "ms", values: each((r) => r.p99Seconds * 1000) },
    {
      measure: `  producer rate achieved (${rate}/s)`,
      unit: "events/s",
      values: each((r) => r.produced / r.produceSeconds),
    },
    {
      measure: `  lag when the producer stopped (${rate}/s)`,
      unit: "events",
      values: each((r) => r.lagAtProducerEnd),
    },
    {
      measure: `  not applied at the drain cap (${rate}/s)`,
      unit: "events",
      values: each((r) => r.pendingAtEnd),
    },
    {
      measure: `  apply rate, applied / (produce + drain) (${rate}/s)`,
      unit: "events/s",
      values: each((r) => r.member.applied / (r.produceSeconds + r.drainSeconds)),
    },
  ];
}

function notes(rate: number, params: FreshnessJobParams, runs: readonly FreshnessRun[]): string[] {
  const out: string[] = [];
  runs.forEach((r, i) => {
    const run = `freshness at ${rate}/s, run ${i + 1}`;
    out.push(
      `${run}: p50 in bucket ${r.p50Bucket}, p99 in bucket ${r.p99Bucket} (${r.observations} observations)`,
    );
    if (r.member.retries > 0)
      out.push(`${run}: ${r.member.retries} batch retries: ${r.member.errors.join(" | ")}`);
    if (r.pendingAtEnd > 0) {
      const age = r.drainSeconds.toFixed(0);
      out.push(
        `${run}: ${r.pendingAtEnd} of ${r.produced} events not applied ${age} s after the producer stopped; p50/p99 count them as ${age} s old, so they are lower bounds (up to interpolation inside the bucket)`,
      );
    }
  });
  if (rate === params.rates[0]) {
    out.push(
      `freshness: from the histogram starling_nearline_freshness_seconds, interpolated linearly inside its bucket (bounds 5, 10, 25, 50, 100, 250, 500 ms, 1, 2.5, 5, 10, 30, 60, 300 s); event time = when the producer process handed the event's chunk (50 ms ticks) to the log; after the producer stops the backlog gets ${params.drainSeconds} s to drain`,
    );
  }
  return out;
}

async function warmUp(params: FreshnessJobParams, rate: number): Promise<void> {
  const endpoints = await allEndpoints();
  const seconds = Math.max(2, Math.round(params.seconds / WARM_UP_SHARE));
  const drainSeconds = Math.max(5, Math.round(params.drainSeconds / WARM_UP_SHARE));
  progress(`freshness at ${rate} events/s, warm-up`);
  await freshnessRun(endpoints, { ...params, eventsPerSecond: rate, drainSeconds }, seconds);
}

async function runsAt(params: FreshnessJobParams, rate: number) {
  const endpoints = await allEndpoints();
  return undisturbedRuns(
    params.runs,
    EXTRA_ATTEMPTS,
    async (n) => {
      progress(`freshness at ${rate} events/s, attempt ${n} (${params.runs} runs wanted)`);
      const runParams = { ...params, eventsPerSecond: rate, seed: params.seed + 100 + n };
      const result = await freshnessRun(endpoints, runParams, params.seconds);
      progress(
        `  p50 ${(result.p50Seconds * 1000).toFixed(0)} ms, p99 ${(result.p99Seconds * 1000).toFixed(0)} ms`,
      );
      return result;
    },
    (r) => consumerDisturbance(r.member),
  );
}

/** Unhandled rejections of this process so far (see recordUnhandledRejections). */
const rejections = recordUnhandledRejections();
/** The notes line per unhandled rejection. */
const rejectionNotes = () =>
  rejections().map(
    (r) => `unhandled rejection in the freshness job (it would end a recsys nearline process): ${r}`,
  );

async function main(): Promise<void> {
  const params = jobParams<FreshnessJobParams>();
  try {
    const all: Series[] = [];
    const allNotes: string[] = [];
    const details: Record<string, unknown> = {};
    for (const [i, rate] of params.rates.entries()) {
      if (i === 0) await warmUp(params, rate);
      const { results, discarded } = await runsAt(params, rate);
      all.push(...series(rate, params.seconds, results));
      allNotes.push(
        ...discarded.map((d) => `freshness at ${rate}/s, attempt ${d.attempt} set aside: ${d.why}`),
      );
      allNotes.push(...notes(rate, params, results));
      details[`${rate}`] = { runs: results, discarded };
    }
    allNotes.push(...rejectionNotes());
    emit({ section: "freshness", series: all, notes: allNotes, details: { byRate: details } });
  } catch (error) {
    emit(failedResult("freshness", "freshness", error, rejectionNotes()));
  }
}

await main();
