import type { Config } from "../core/config/index.ts";
import type { BulkStore, ControlStore, EventLog, FeatureCache } from "../core/ports/index.ts";
import { type AdapterDeps, bulkFor, cacheFor, controlFor, eventLogFor } from "./port-adapters.ts";

export type { AdapterDeps } from "./port-adapters.ts";

export interface Adapters {
  readonly eventLog: EventLog;
  readonly cache: FeatureCache;
  readonly bulk: BulkStore;
  readonly control: ControlStore;
  /** Close everything, the event log first so no consumer writes into a closed store. */
  close(): Promise<void>;
}

/** The stores without the event log: what the offline tier needs, so it never takes the log's file lock. */
export type StoreAdapters = Omit<Adapters, "eventLog">;

/** Opens each adapter in turn; if one fails, the ones already open are closed before the error is passed on. */
async function openStores(config: Config, deps: AdapterDeps) {
  const opened: { close(): Promise<void> }[] = [];
  const keep = <T extends { close(): Promise<void> }>(adapter: T): T => {
    opened.push(adapter);
    return adapter;
  };
  try {
    const cache = keep(await cacheFor(config, deps));
    const bulk = keep(await bulkFor(config, deps));
    const control = keep(await controlFor(config, deps));
    return { cache, bulk, control };
  } catch (error) {
    await Promise.allSettled(opened.map((adapter) => adapter.close()));
    throw error;
  }
}

/** Opens the cache, bulk and control stores from their URLs. */
export async function createStoreAdapters(config: Config, deps: AdapterDeps): Promise<StoreAdapters> {
  const { cache, bulk, control } = await openStores(config, deps);
  let closed = false;
  return {
    cache,
    bulk,
    control,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([cache.close(), bulk.close(), control.close()]);
    },
  };
}

/** Builds the adapter for each port from its URL scheme; the one registry of adapters. */
export async function createAdapters(config: Config, deps: AdapterDeps): Promise<Adapters> {
  const stores = await createStoreAdapters(config, deps);
  let eventLog: EventLog;
  try {
    eventLog = await eventLogFor(config, deps);
  } catch (error) {
    await stores.close();
    throw error;
  }
  let closed = false;
  return {
    ...stores,
    eventLog,
    async close() {
      if (closed) return;
      closed = true;
      await eventLog.close();
      await stores.close();
    },
  };
}
