import { Command } from "commander";
import { systemClock } from "../../core/clock.ts";
import { type Config, loadConfig } from "../../core/config/index.ts";
import { DataFileError } from "../../core/errors.ts";
import { createLogger, type Logger } from "../../core/logger.ts";
import type { EventLog } from "../../core/ports/event-log.ts";
import { eventLogFor } from "../../infra/port-adapters.ts";
import { type Dataset, openDataset, type Rating } from "../../offline/data/index.ts";
import { cliProgress, say } from "../cli-support.ts";
import { DEFAULT_MAX_GAP_MS } from "../produce/pacer.ts";
import { createEventTopics, produceEvents } from "../produce/produce-events.ts";
import {
  type ProduceSettings,
  parseProduceOptions,
  type RawProduceOptions,
} from "../produce/produce-options.ts";
import { emptyStats, formatSummary, progressDetail } from "../produce/produce-progress.ts";
import { loadSortedRatings, timeOrderedEvents } from "../produce/replay-events.ts";
import { resolveDemoDataset } from "../resolve-dataset.ts";
import { onShutdown } from "../shutdown.ts";

async function openData(config: Config, settings: ProduceSettings, logger: Logger): Promise<Dataset> {
  if (settings.data === undefined) return resolveDemoDataset(config, logger);
  try {
    return await openDataset(settings.data);
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    throw new DataFileError(
      `--data ${settings.data}: ${error.message}; or pass --data with a MovieLens folder ` +
        "(ml-latest, ml-100k, ml-1m, or one made by `recsys data generate`)",
      error,
    );
  }
}

async function readRatings(dataset: Dataset, signal: AbortSignal): Promise<Rating[]> {
  const progress = cliProgress({ label: "read ratings", unit: "ratings" });
  const ratings = await loadSortedRatings(dataset, { signal, onProgress: (p) => progress.update(p.rows) });
  progress.finish();
  const malformed = dataset.reports().reduce((sum, report) => sum + report.malformed, 0);
  const skipped = malformed > 0 ? `, ${malformed} malformed rows skipped` : "";
  say(`replaying ${ratings.length} ratings of ${dataset.format} data in ${dataset.dir}${skipped}`);
  return ratings;
}

async function produceWithProgress(
  log: EventLog,
  ratings: readonly Rating[],
  settings: ProduceSettings,
  signal: AbortSignal,
): Promise<void> {
  const known =
    settings.clickProbability > 0 ? undefined : Math.min(ratings.length, settings.limit ?? Infinity);
  const progress = cliProgress({
    label: "produce",
    unit: "events",
    ...(known === undefined ? {} : { total: known }),
  });
  let stats = emptyStats();
  try {
    const clicks = { probability: settings.clickProbability, seed: settings.seed };
    await produceEvents(log, timeOrderedEvents(ratings, clicks), {
      pacing: settings.pacing,
      restamp: settings.restamp,
      ...(settings.limit === undefined ? {} : { limit: settings.limit }),
      signal,
      onProgress: (latest) => {
        stats = latest;
        progress.update(latest.acknowledged, progressDetail(latest));
      },
    });
  } finally {
    progress.finish(progressDetail(stats));
    say(formatSummary(stats));
  }
}

async function replay(config: Config, settings: ProduceSettings, logger: Logger, signal: AbortSignal) {
  const ratings = await readRatings(await openData(config, settings, logger), signal);
  const log = await eventLogFor(config, { clock: systemClock, logger });
  try {
    await createEventTopics(log, config.eventLog.partitions);
    await produceWithProgress(log, ratings, settings, signal);
  } finally {
    await log.close();
  }
}

async function runProduce(raw: RawProduceOptions): Promise<void> {
  const settings = parseProduceOptions(raw);
  const config = loadConfig();
  const logger = createLogger(config.log.level);
  const stop = new AbortController();
  let running: Promise<void> = Promise.resolve();
  // Stop after the chunks in flight; the summary is printed before the process exits.
  onShutdown(async () => {
    stop.abort();
    await running;
  }, "first");
  running = replay(config, settings, logger, stop.signal);
  await running;
}

/** `recsys produce`: replay a data set's ratings into the event log, at a rate or at a sped-up original pace. */
export function produceCommand(): Command {
  return new Command("produce")
    .description(
      "replay the ratings of a MovieLens folder into the event log in time order (ids are deterministic, so " +
        "consumers drop a replayed copy); Ctrl+C stops after the chunks in flight",
    )
    .option("--data <dir>", "MovieLens folder (default: RECSYS_DATA_DIR, ./data, download, synthetic)")
    .option("--rate <n>", "produce n events per second")
    .option(
      "--speedup <f>",
      `follow the original spacing divided by f; a gap is waited for at most ${DEFAULT_MAX_GAP_MS / 1000} s ` +
        "of wall time, so a replay never stalls for days",
    )
    .option(
      "--clicks <p>",
      "before each rating, with probability p, a click on the same item 1-60 s earlier",
      "0",
    )
    .option("--limit <n>", "stop after n events")
    .option(
      "--restamp",
      "stamp each event with the time it is sent (the first is now) instead of its original time; for freshness",
    )
    .option("--seed <s>", "seed of the made-up clicks", "1")
    .addHelpText("after", "\nWithout --rate or --speedup, events go as fast as the log acknowledges them.\n")
    .action(runProduce);
}
