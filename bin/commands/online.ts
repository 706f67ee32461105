import { Command } from "commander";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../core/config/index.ts";
import { ConfigError } from "../../core/errors.ts";
import { createLogger } from "../../core/logger.ts";
import { createAdapters } from "../../infra/create-adapters.ts";
import { positiveInt, say } from "../cli-support.ts";
import { createEventTopics } from "../ingest-topics.ts";
import { startOnlineApp } from "../online-app.ts";
import { isOnlineWorker, superviseWorkers } from "../online-workers.ts";
import { startServer } from "../serve.ts";
import { onShutdown } from "../shutdown.ts";

async function serveOnline(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log.level);
  const adapters = await createAdapters(config, { clock: systemClock, logger });
  onShutdown(async () => adapters.close());
  await createEventTopics(adapters.eventLog, config);
  const online = await startOnlineApp(adapters, config, logger);
  onShutdown(async () => online.stop());
  const server = await startServer(online.app, config.http);
  onShutdown(async () => server.close(), "first");
  say(`Starling online tier is serving on ${server.url} (web UI: ${server.url}/)`);
}

async function runOnline(options: { workers: number }): Promise<void> {
  if (options.workers > 1 && !isOnlineWorker()) {
    const config = loadConfig();
    // The embedded stores are files one process owns (the event log refuses a second opener).
    if (!config.eventLog.url.startsWith("kafka:") || config.cache.url.startsWith("memory:")) {
      throw new ConfigError(
        "--workers needs stores several processes can share: RECSYS_PROFILE=services (Kafka, Redis, Cassandra, " +
          "MySQL), or run one process without --workers",
        "workers",
      );
    }
    superviseWorkers(options.workers);
    return;
  }
  await serveOnline();
}

/** `recsys online`: the request path, the JSON API and the web UI on the configured stores. */
export function onlineCommand(): Command {
  return new Command("online")
    .description(
      "serve recommendations, similar items, users, trending, the admin API, the web UI and POST /api/v1/events",
    )
    .option("--workers <n>", "processes sharing the port (restarted when they die)", positiveInt, 1)
    .action(runOnline);
}
