import { randomUUID } from "node:crypto";
import type { Hono } from "hono";
import { systemClock } from "../core/clock.ts";
import type { Config } from "../core/config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { Adapters } from "../infra/create-adapters.ts";
import { createApp } from "../online/app.ts";

/** The online app on these adapters, with event ingestion into their event log. */
export function createOnlineApp(adapters: Adapters, config: Config, logger: Logger): Hono {
  return createApp({
    ...adapters,
    logger,
    bodyLimitBytes: config.http.bodyLimitBytes,
    clock: systemClock,
    newId: randomUUID,
    ingest: config.ingest,
  });
}
