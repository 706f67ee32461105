import { Command } from "commander";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../core/config/index.ts";
import { createLogger } from "../../core/logger.ts";
import { createAdapters } from "../../infra/create-adapters.ts";
import { say } from "../cli-support.ts";
import { createEventTopics } from "../ingest-topics.ts";
import { createOnlineApp } from "../online-app.ts";
import { startServer } from "../serve.ts";
import { onShutdown } from "../shutdown.ts";

async function runOnline(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log.level);
  const adapters = await createAdapters(config, { clock: systemClock, logger });
  onShutdown(async () => adapters.close());
  await createEventTopics(adapters.eventLog, config);
  const app = createOnlineApp(adapters, config, logger);
  const server = await startServer(app, config.http);
  onShutdown(async () => server.close(), "first");
  say(`Starling online tier is serving on ${server.url}`);
}

/** `recsys online`: the HTTP API (catalogue, user state, event ingestion) on the configured stores. */
export function onlineCommand(): Command {
  return new Command("online")
    .description(
      "serve the JSON API: catalogue reads, users' live state, and POST /api/v1/events into the event log",
    )
    .action(runOnline);
}
