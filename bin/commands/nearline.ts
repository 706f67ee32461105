import { Command } from "commander";
import { systemClock } from "../../core/clock.ts";
import { loadConfig } from "../../core/config/index.ts";
import { createLogger } from "../../core/logger.ts";
import { createAdapters } from "../../infra/create-adapters.ts";
import { say } from "../cli-support.ts";
import { startMetricsServer } from "../metrics-server.ts";
import { onShutdown } from "../shutdown.ts";
import { startNearlineOn } from "../start-nearline.ts";

async function runNearline(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log.level);
  const adapters = await createAdapters(config, { clock: systemClock, logger, cacheMode: "nearline" });
  onShutdown(async () => adapters.close());
  const onStall = (reason: string) => {
    // A hung consumer cannot be trusted to stop cleanly; the supervisor restarts the process.
    logger.error(`nearline consumer stalled, exiting: ${reason}`);
    process.exit(1);
  };
  const { nearline, metrics } = await startNearlineOn(adapters, config, {
    clock: systemClock,
    logger,
    onStall,
  });
  onShutdown(async () => nearline.stop(), "first");
  const server = await startMetricsServer(metrics.registry, {
    host: config.http.host,
    port: config.nearline.metricsPort,
  });
  onShutdown(async () => server.close(), "first");
  await nearline.consumer.ready();
  say(`nearline consuming as group member; metrics on ${server.url}`);
}

/** `recsys nearline`: the nearline consumer process, with its metrics endpoint. */
export function nearlineCommand(): Command {
  return new Command("nearline")
    .description(
      "consume ratings, clicks and impressions; keep each user's history, embeddings, features, the behaviour " +
        "graph and trending counters current in the cache; serve Prometheus metrics on RECSYS_NEARLINE_METRICS_PORT",
    )
    .action(runNearline);
}
