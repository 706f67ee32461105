/**
 * Section job of bench/nearline.bench.ts: sustained apply throughput of one nearline consumer against a bare
 * kafkajs consumer reading the same records, run by run (A B A B ...) after an untimed warm-up on a tenth of
 * the events. Each run has its own namespace, so it starts from empty state.
 */
import { emit, failedResult, jobParams, progress } from "../stores/section-result.ts";
import { type ThroughputParams, throughputRun } from "./throughput-run.ts";
import { throughputNotes, throughputSeries } from "./throughput-series.ts";
import { consumerDisturbance, recordUnhandledRejections, undisturbedRuns } from "./undisturbed-runs.ts";
import { allEndpoints } from "./world.ts";

const WARM_UP_SHARE = 10;
/** Runs redone at most when a shared service was restarted under one. */
const EXTRA_ATTEMPTS = 2;

/** Unhandled rejections of this process so far (see recordUnhandledRejections). */
const rejections = recordUnhandledRejections();
/** The notes line per unhandled rejection. */
const rejectionNotes = () =>
  rejections().map(
    (r) => `unhandled rejection in the throughput job (it would end a recsys nearline process): ${r}`,
  );

async function main(): Promise<void> {
  const params = jobParams<ThroughputParams>();
  try {
    const endpoints = await allEndpoints();
    progress("throughput warm-up: nearline, then reference");
    const warmUp = { ...params, maxSeconds: Math.ceil(params.maxSeconds / WARM_UP_SHARE) * 2 };
    await throughputRun(endpoints, warmUp, Math.ceil(params.events / WARM_UP_SHARE));
    const { results, discarded } = await undisturbedRuns(
      params.runs,
      EXTRA_ATTEMPTS,
      (n) => {
        progress(`throughput attempt ${n} (${params.runs} runs wanted): nearline, then reference`);
        return throughputRun(endpoints, { ...params, seed: params.seed + n }, params.events);
      },
      (r) => consumerDisturbance(r.member),
    );
    const notes = [
      ...discarded.map((d) => `throughput attempt ${d.attempt} set aside: ${d.why}`),
      ...throughputNotes(params, results),
      ...rejectionNotes(),
    ];
    emit({
      section: "throughput",
      series: throughputSeries(params, results),
      notes,
      details: { runs: results, discarded },
    });
  } catch (error) {
    emit(failedResult("throughput", "throughput", error, rejectionNotes()));
  }
}

await main();
