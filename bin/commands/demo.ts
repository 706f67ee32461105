import { Command } from "commander";
import { systemClock } from "../../core/clock.ts";
import { type Config, loadConfig } from "../../core/config/index.ts";
import { createLogger, type Logger } from "../../core/logger.ts";
import { type Adapters, createAdapters } from "../../infra/create-adapters.ts";
import { say } from "../cli-support.ts";
import { ensureTrainedVersion } from "../demo-training.ts";
import { createEventTopics } from "../ingest-topics.ts";
import { startOnlineApp } from "../online-app.ts";
import { resolveDemoDataset } from "../resolve-dataset.ts";
import { startServer } from "../serve.ts";
import { onShutdown } from "../shutdown.ts";
import { startNearlineOn } from "../start-nearline.ts";

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
  await ensureTrainedVersion(adapters, config, logger, dataset);
  await createEventTopics(adapters.eventLog, config);
  const onStall = (reason: string) => logger.error(`nearline consumer stalled: ${reason}`);
  const { nearline } = await startNearlineOn(adapters, config, { clock: systemClock, logger, onStall });
  onShutdown(async () => nearline.stop(), "first");
  const online = await startOnlineApp(adapters, config, logger);
  onShutdown(async () => online.stop());
  const server = await startServer(online.app, config.http);
  onShutdown(async () => server.close(), "first");
  say(`Starling is serving on ${server.url}`);
  say(`  web UI: ${server.url}/ (pick a user such as 1, open their page, click a movie)`);
  say(`  try: curl '${server.url}/api/v1/users/1/recommendations?k=10&explain=1'`);
  say(`       curl '${server.url}/api/v1/items/318/similar?k=5&method=item2vec'`);
  say(
    `  post: curl -H 'content-type: application/json' -d '{"type":"rating","userId":"1","itemId":"318",` +
      `"rating":5,"timestamp":${Date.now()}}' ${server.url}/api/v1/events`,
  );
  say(`  then: curl '${server.url}/api/v1/users/1/state'`);
  say("  press Ctrl+C to stop");
}

/** `recsys demo`: train on MovieLens (first start), run the nearline consumer and serve the API and web UI. */
export function demoCommand(): Command {
  return new Command("demo")
    .description(
      "run the whole demo on the embedded adapters: load MovieLens (RECSYS_DATA_DIR, else ./data, else download, " +
        "else synthetic), train every model on the first start, run the nearline consumer, serve the API and web UI",
    )
    .action(runDemo);
}
