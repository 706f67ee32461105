import { silentLogger } from "../../core/logger.ts";
import type { DependencyGuard } from "../resilience/types.ts";
import {
  anyPublished,
  loadServingSnapshot,
  type ServingSnapshotLoaderDeps,
  type ServingVersions,
  sameVersions,
  servingVersionsOf,
} from "./serving-snapshot-loader.ts";
import type { ServedItem, ServingSnapshot } from "./types.ts";

export interface SnapshotHolderDeps extends ServingSnapshotLoaderDeps {
  /** ControlStore calls (pointers, eligibility) run through it as `control`. */
  readonly guard: DependencyGuard;
  /** Builds a snapshot; `loadServingSnapshot` on these deps unless given (tests). */
  readonly load?: (versions: ServingVersions) => Promise<ServingSnapshot>;
}

export interface SnapshotHolderOptions {
  /** How often pointers and eligibility are re-read (online.refreshMs). */
  readonly refreshMs: number;
  /** Timeout of each ControlStore call (default 5000 ms). */
  readonly controlTimeoutMs?: number;
  /** Longest wait before a version whose load failed is tried again (default 60 s); the wait doubles from refreshMs. */
  readonly maxRetryMs?: number;
}

export interface SnapshotHolder {
  /** The snapshot to serve from, or null while nothing is published (or the first load has not succeeded). */
  current(): ServingSnapshot | null;
  /** The first load; resolves when it is done, also when nothing is published or it failed. Then polls. */
  start(): Promise<void>;
  /** Re-reads pointers and eligibility now, waiting for a load the change needs. */
  refreshNow(): Promise<void>;
  /** Stops polling; resolves when a poll or load in progress has finished (a late load is not swapped in). */
  stop(): Promise<void>;
}

const key = (v: ServingVersions) => `${v.popularity}|${v.features}|${v.embeddings}`;

/** The same snapshot with each item's eligibility from `eligible`, or null when nothing changed. */
function withEligibility(snapshot: ServingSnapshot, eligible: ReadonlySet<string>): ServingSnapshot | null {
  let changed = false;
  for (const item of snapshot.items.values()) {
    if (item.eligible !== eligible.has(item.itemId)) {
      changed = true;
      break;
    }
  }
  if (!changed) return null;
  const items = new Map<string, ServedItem>();
  for (const [id, item] of snapshot.items) {
    const now = eligible.has(id);
    items.set(id, item.eligible === now ? item : { ...item, eligible: now });
  }
  return { ...snapshot, items };
}

/**
 * Holds the serving snapshot of the active versions and keeps it current: every `refreshMs` it reads the
 * ControlStore's pointers; a change loads the new versions' snapshot in the background and swaps it in as one
 * object (requests in flight keep the one they took). Item eligibility is re-read on every poll, so a change
 * shows within `refreshMs`. A failed poll or load keeps the last good snapshot.
 */
export function createSnapshotHolder(
  deps: SnapshotHolderDeps,
  options: SnapshotHolderOptions,
): SnapshotHolder {
  const logger = (deps.logger ?? silentLogger).child("snapshot");
  const load =
    deps.load ?? ((versions: ServingVersions) => loadServingSnapshot({ ...deps, logger }, versions));
  const controlTimeoutMs = options.controlTimeoutMs ?? 5000;
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  let current: ServingSnapshot | null = null;
  let loading: Promise<void> | null = null;
  let polling: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let pollFailing = false;
  let failedLoad: { key: string; retryAt: number; delayMs: number } | null = null;

  const control = <T>(operation: () => Promise<T>) => deps.guard.call("control", operation, controlTimeoutMs);

  function startLoad(versions: ServingVersions): Promise<void> {
    if (loading) return loading;
    const started = deps.clock.now();
    loading = load(versions)
      .then((snapshot) => {
        if (stopped) return;
        current = snapshot;
        failedLoad = null;
        logger.info("serving snapshot loaded", { versions, ms: deps.clock.now() - started });
      })
      .catch((error: unknown) => {
        const delayMs = Math.min(maxRetryMs, Math.max(options.refreshMs, (failedLoad?.delayMs ?? 0) * 2));
        failedLoad = { key: key(versions), retryAt: deps.clock.now() + delayMs, delayMs };
        logger.warn("loading the serving snapshot failed; serving the previous one", {
          versions,
          retryInMs: delayMs,
          error: String(error),
        });
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  async function refreshEligibility(snapshot: ServingSnapshot): Promise<void> {
    const eligible = await control(() => deps.control.eligibleAmong([...snapshot.items.keys()]));
    const updated = withEligibility(snapshot, eligible);
    // A load may have swapped in a newer snapshot meanwhile; its catalogue is newer than this read.
    if (updated && current === snapshot && !stopped) current = updated;
  }

  async function pollOnce(waitForLoad: boolean): Promise<void> {
    try {
      const versions = servingVersionsOf(await control(() => deps.control.activeVersions()));
      const stale = current === null || !sameVersions(current.versions, versions);
      const backingOff = failedLoad?.key === key(versions) && deps.clock.now() < failedLoad.retryAt;
      if (anyPublished(versions) && stale && !backingOff) {
        const loaded = startLoad(versions);
        if (waitForLoad) await loaded;
      }
      const snapshot = current;
      if (snapshot) await refreshEligibility(snapshot);
      if (pollFailing) logger.info("snapshot refresh recovered");
      pollFailing = false;
    } catch (error) {
      if (!pollFailing)
        logger.warn("snapshot refresh failed; serving the last snapshot", { error: String(error) });
      pollFailing = true;
    }
  }

  function poll(waitForLoad: boolean): Promise<void> {
    polling ??= pollOnce(waitForLoad).finally(() => {
      polling = null;
    });
    return polling;
  }

  return {
    current: () => current,
    async start() {
      stopped = false;
      await poll(true);
      clearInterval(timer);
      timer = setInterval(() => {
        if (!stopped) void poll(false);
      }, options.refreshMs);
      timer.unref();
    },
    async refreshNow() {
      await polling;
      await loading;
      failedLoad = null;
      await poll(true);
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await polling;
      await loading;
    },
  };
}
