import { randomUUID } from "node:crypto";
import { Command } from "commander";
import { systemClock } from "../../core/clock.ts";
import { type Config, loadConfig } from "../../core/config/index.ts";
import { createLogger, type Logger } from "../../core/logger.ts";
import { type Adapters, createAdapters } from "../../infra/create-adapters.ts";
import { buildPopularity } from "../../offline/jobs/build-popularity.ts";
import { cliProgress, say } from "../cli-support.ts";
import { createEventTopics } from "../ingest-topics.ts";
import { createOnlineApp } from "../online-app.ts";
import { resolveDemoDataset } from "../resolve-dataset.ts";
import { startServer } from "../serve.ts";
import { onShutdown } from "../shutdown.ts";
import { startNearlineOn } from "../start-nearline.ts";

const TOP_K = 100;

async function runDemo(): Promise<void> {
  const config = loadConfig();
  if (config.profile !== "embedded")
    say("notice: the demo runs on the embedded adapters named in the config");
  const logger = createLogger(config.log.level);
  const adapters = await createAdapters(config, { clock: systemClock, logger });
  onShutdown(async () => adapters.close());
  try {
    await loadAndServe(config, adapters, logger);
  } catch (error) {
    // Release file locks and handles before the CLI reports the error and exits.
    await adapters.close();
    throw error;
  }
}

async function loadAndServe(config: Config, adapters: Adapters, logger: Logger): Promise<void> {
  const dataset = await resolveDemoDataset(config, logger);
  say(`loading ${dataset.format} data from ${dataset.dir}`);
  const deps = {
    ...adapters,
    clock: systemClock,
    logger,
    progress: cliProgress,
    newId: () => randomUUID().slice(0, 8),
  };
  const result = await buildPopularity(deps, { dataset, priorWeight: config.demo.priorWeight, topK: TOP_K });
  say(
    `published popularity ${result.version}: ${result.movies} movies, ${result.ratings} ratings, ` +
      `${result.genres} genres, ${result.malformedRows} malformed rows skipped`,
  );
  await createEventTopics(adapters.eventLog, config);
  const onStall = (reason: string) => logger.error(`nearline consumer stalled: ${reason}`);
  const { nearline } = await startNearlineOn(adapters, config, { clock: systemClock, logger, onStall });
  onShutdown(async () => nearline.stop(), "first");
  const app = createOnlineApp(adapters, config, logger);
  const server = await startServer(app, config.http);
  onShutdown(async () => server.close(), "first");
  say(`Starling is serving on ${server.url}`);
  say(`  try: curl '${server.url}/api/v1/genres/Comedy/items?k=10'`);
  say(
    `  post: curl -H 'content-type: application/json' -d '{"type":"rating","userId":"1","itemId":"318",` +
      `"rating":5,"timestamp":${Date.now()}}' ${server.url}/api/v1/events`,
  );
  say(`  then: curl '${server.url}/api/v1/users/1/state'`);
  say("  press Ctrl+C to stop");
}

/** `recsys demo`: load data, compute popularity and genre top lists, serve them over HTTP. */
export function demoCommand(): Command {
  return new Command("demo")
    .description(
      "run the whole demo on the embedded adapters: load MovieLens (RECSYS_DATA_DIR, else ./data, else download, " +
        "else synthetic), compute popularity and per-genre top items, start the HTTP server",
    )
    .action(runDemo);
}
