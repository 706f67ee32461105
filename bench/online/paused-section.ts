import { startPauseProxy } from "../../tests/support/nearline-pause-proxy.ts";
import { progress, type SectionResult } from "../stores/section-result.ts";
import { type BenchContext, onlineEnv, windowOptions } from "./context.ts";
import { strip } from "./main-section.ts";
import { randomPaths, recommendationsPath } from "./request-paths.ts";
import { answerSeries, countsOver, loadSeries, serverSeries, stageSeries } from "./series.ts";
import { type BenchServer, startOnline, waitReady } from "./servers.ts";
import { type Measurement, measure } from "./window.ts";

export const PAUSED = "recommendations, Redis paused";
/** Redis stays held this much longer than the load, so no answer of the window meets a recovering Redis. */
const PAUSE_MARGIN_MS = 1000;
/** Breakers close again after their reset time (5 s by default) and a successful trial call. */
const RECOVERY_TIMEOUT_MS = 60_000;

/**
 * Recommendations while Redis answers nothing: the online process reaches Redis through a TCP relay in this
 * process that holds every byte while paused (connections stay open, as with a stopped server); the shared
 * Redis itself is never paused. One untimed warm-up window through the relay unpaused, then per run: wait
 * until `/readyz` says ready (breakers closed), hold Redis for the whole window, release it.
 */
export async function pausedSection(context: BenchContext): Promise<SectionResult> {
  const { params, ids } = context;
  const proxy = await startPauseProxy(context.endpoints.redis.url);
  let online: BenchServer | undefined;
  try {
    online = await startOnline(
      "online via relay",
      onlineEnv(context, { RECSYS_CACHE_URL: proxy.url }),
      1,
      context.runtimeDir,
    );
    const spec = (run: number, seconds: number) => ({
      connections: params.connections,
      seconds,
      nextPath: randomPaths(ids.users, recommendationsPath, params.seed + run),
      readBodies: true,
    });
    progress("paused warm-up: relay unpaused");
    const warmUp = await measure(online, spec(0, params.warmupSeconds), windowOptions(context, true));
    const runs: Measurement[] = [];
    const recoverySeconds: number[] = [];
    for (let run = 1; run <= params.runs; run++) {
      const waiting = performance.now();
      await waitReady(online.url, RECOVERY_TIMEOUT_MS);
      recoverySeconds.push((performance.now() - waiting) / 1000);
      progress(`paused run ${run}/${params.runs}: Redis held for ${params.pauseSeconds} s under load`);
      const hold = () => proxy.pause(params.pauseSeconds * 1000 + PAUSE_MARGIN_MS);
      runs.push(await measure(online, spec(run, params.pauseSeconds), windowOptions(context, true, hold)));
    }
    return {
      section: "paused",
      series: [
        ...loadSeries(PAUSED, runs),
        ...answerSeries(PAUSED, runs).filter((s) => !s.measure.endsWith("Redis commands per request")),
        ...stageSeries(PAUSED, runs),
        ...serverSeries(PAUSED, runs),
      ],
      notes: [],
      details: {
        counts: countsOver(runs),
        warmUpThroughRelay: strip([warmUp])[0],
        secondsUntilReadyBeforeEachRun: recoverySeconds,
        warnings: online.warnings(),
        runs: strip(runs),
      },
    };
  } finally {
    await online?.stop();
    await proxy.close();
  }
}
