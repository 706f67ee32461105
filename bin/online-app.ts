import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import type { Hono } from "hono";
import { systemClock } from "../core/clock.ts";
import type { Config } from "../core/config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { Adapters } from "../infra/create-adapters.ts";
import { createApp } from "../online/app.ts";
import { createOnlineServing, type OnlineServing } from "../online/online-serving.ts";
import { createAdminJobs } from "./admin-jobs.ts";
import { clusterMetricsText } from "./cluster-metrics.ts";

/**
 * Holds start-up (so the process does not listen, and a cluster worker takes no connections) until the published
 * versions are loaded; with nothing published it goes on at once and answers 503 `not_published` until they are.
 */
async function untilSnapshotLoaded(
  serving: OnlineServing,
  adapters: Adapters,
  logger: Logger,
): Promise<void> {
  let told = false;
  while (serving.snapshots.current() === null) {
    const pointers = await adapters.control.activeVersions().catch(() => null);
    if (pointers !== null && Object.keys(pointers).length === 0) return;
    if (!told)
      logger.warn(
        "a version is published but its serving snapshot is not loaded yet; retrying before listening",
      );
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await serving.snapshots.refreshNow();
  }
}

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
  await untilSnapshotLoaded(serving, adapters, logger);
  const app = createApp({
    ...adapters,
    logger,
    bodyLimitBytes: config.http.bodyLimitBytes,
    clock: systemClock,
    newId: randomUUID,
    ingest: config.ingest,
    serving,
    adminToken: config.online.adminToken,
    ...(cluster.isWorker ? { metricsText: clusterMetricsText(serving.metrics.registry) } : {}),
  });
  return { app, stop: () => serving.stop() };
}
