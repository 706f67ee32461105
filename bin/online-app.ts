import { randomUUID } from "node:crypto";
import type { Hono } from "hono";
import { systemClock } from "../core/clock.ts";
import type { Config } from "../core/config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { Adapters } from "../infra/create-adapters.ts";
import { createApp } from "../online/app.ts";
import { createOnlineServing } from "../online/online-serving.ts";
import { createAdminJobs } from "./admin-jobs.ts";

/** The online app on these adapters: the request path, admin API, web UI and event ingestion into their log. */
export async function startOnlineApp(
  adapters: Adapters,
  config: Config,
  logger: Logger,
): Promise<{ app: Hono; stop(): Promise<void> }> {
  // The native HNSW addon loads only where vectors are served.
  const { createAnnIndexFactory } = await import("../infra/ann/index.ts");
  const jobs = createAdminJobs(adapters, config, logger);
  const serving = createOnlineServing(
    {
      ...adapters,
      ann: createAnnIndexFactory(),
      clock: systemClock,
      logger: logger.child("online"),
      newId: randomUUID,
      retrain: jobs.retrain,
      rollback: jobs.rollback,
    },
    {
      ...config.online,
      trendingHalfLifeMinutes: config.nearline.trendingHalfLifeMinutes,
      candidatesPerChannel: config.offline.ranker.candidatesPerChannel,
    },
  );
  await serving.start();
  const app = createApp({
    ...adapters,
    logger,
    bodyLimitBytes: config.http.bodyLimitBytes,
    clock: systemClock,
    newId: randomUUID,
    ingest: config.ingest,
    serving,
    adminToken: config.online.adminToken,
  });
  return { app, stop: () => serving.stop() };
}
