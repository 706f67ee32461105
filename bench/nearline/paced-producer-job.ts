/**
 * Child process of the freshness runs: produces synthetic events at a fixed rate for a while, each stamped with
 * the time its chunk is handed to the log (`restamp`), into one namespace's topics. Its own process, so the
 * producer does not share the nearline's event loop, as in production. Prints one JSON line: ProducerResult.
 */
import { produceEvents } from "../../bin/produce/produce-events.ts";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../core/config/index.ts";
import { silentLogger } from "../../core/logger.ts";
import { eventLogFor } from "../../infra/port-adapters.ts";
import { jobParams, progress } from "../stores/section-result.ts";
import { type SyntheticShape, syntheticEvents } from "./synthetic-events.ts";

export interface ProducerParams {
  readonly env: Readonly<Record<string, string>>;
  readonly shape: SyntheticShape;
  readonly eventsPerSecond: number;
  readonly seconds: number;
}

export interface ProducerResult {
  readonly acknowledged: number;
  readonly seconds: number;
}

const PROGRESS_EVERY_MS = 5000;

async function main(): Promise<void> {
  const params = jobParams<ProducerParams>();
  const log = await eventLogFor(loadConfig(params.env), { clock: systemClock, logger: silentLogger });
  const count = Math.round(params.eventsPerSecond * params.seconds);
  let lastLine = performance.now();
  try {
    const stats = await produceEvents(log, syntheticEvents(params.shape, count, Date.now()), {
      pacing: { kind: "rate", eventsPerSecond: params.eventsPerSecond },
      restamp: true,
      onProgress: (s) => {
        if (performance.now() - lastLine < PROGRESS_EVERY_MS) return;
        lastLine = performance.now();
        progress(
          `  producer: ${s.acknowledged} / ${count} acknowledged after ${(s.elapsedMs / 1000).toFixed(0)} s`,
        );
      },
    });
    const result: ProducerResult = { acknowledged: stats.acknowledged, seconds: stats.elapsedMs / 1000 };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await log.close();
  }
}

await main();
