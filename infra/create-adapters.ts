import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Clock } from "../core/clock.ts";
import type { Config } from "../core/config/index.ts";
import type { Logger } from "../core/logger.ts";
import type { BulkStore, ControlStore, EventLog, FeatureCache } from "../core/ports/index.ts";
import { filePath, splitAdapterUrl, unsupportedScheme } from "./adapter-url.ts";
import { createSqliteBulkStore } from "./embedded/bulk-store/index.ts";
import { createSqliteControlStore } from "./embedded/control-store/index.ts";
import { createFileEventLog } from "./embedded/event-log/index.ts";
import { createInMemoryFeatureCache } from "./embedded/feature-cache/index.ts";

export interface Adapters {
  readonly eventLog: EventLog;
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly control: ControlStore;
  /** Close everything, the event log first so no consumer writes into a closed store. */
  close(): Promise<void>;
}

export interface AdapterDeps {
  readonly clock: Clock;
  readonly logger: Logger;
}

async function sqlitePath(url: string, setting: string): Promise<string> {
  const { scheme, rest } = splitAdapterUrl(url, setting);
  if (scheme !== "file") throw unsupportedScheme(setting, scheme, ["file"]);
  const path = filePath(rest, setting);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

async function eventLogFor(config: Config, deps: AdapterDeps): Promise<EventLog> {
  const { scheme, rest } = splitAdapterUrl(config.eventLog.url, "RECSYS_EVENTLOG_URL");
  if (scheme !== "file") throw unsupportedScheme("RECSYS_EVENTLOG_URL", scheme, ["file"]);
  const dir = filePath(rest, "RECSYS_EVENTLOG_URL");
  mkdirSync(dir, { recursive: true });
  return createFileEventLog({ dir, clock: deps.clock, logger: deps.logger.child("event-log") });
}

function cacheFor(config: Config, deps: AdapterDeps): FeatureCache {
  const { scheme } = splitAdapterUrl(config.cache.url, "RECSYS_CACHE_URL");
  if (scheme !== "memory") throw unsupportedScheme("RECSYS_CACHE_URL", scheme, ["memory"]);
  return createInMemoryFeatureCache({ maxEntries: config.cache.maxEntries, clock: deps.clock });
}

/** Opens each adapter in turn; if one fails, the ones already open are closed before the error is passed on. */
async function openAll(config: Config, deps: AdapterDeps) {
  const opened: { close(): Promise<void> }[] = [];
  const keep = <T extends { close(): Promise<void> }>(adapter: T): T => {
    opened.push(adapter);
    return adapter;
  };
  try {
    const cache = keep(cacheFor(config, deps));
    const bulkPath = await sqlitePath(config.bulk.url, "RECSYS_BULK_URL");
    const bulk = keep(await createSqliteBulkStore({ path: bulkPath, clock: deps.clock }));
    const controlPath = await sqlitePath(config.control.url, "RECSYS_CONTROL_URL");
    const control = keep(await createSqliteControlStore({ path: controlPath, clock: deps.clock }));
    const eventLog = keep(await eventLogFor(config, deps));
    return { cache, bulk, control, eventLog };
  } catch (error) {
    await Promise.allSettled(opened.map((adapter) => adapter.close()));
    throw error;
  }
}

/** Builds the adapter for each port from its URL scheme; the one registry of adapters. */
export async function createAdapters(config: Config, deps: AdapterDeps): Promise<Adapters> {
  const { cache, bulk, control, eventLog } = await openAll(config, deps);
  let closed = false;
  return {
    eventLog,
    cache,
    bulk,
    control,
    async close() {
      if (closed) return;
      closed = true;
      await eventLog.close();
      await Promise.all([cache.close(), bulk.close(), control.close()]);
    },
  };
}
