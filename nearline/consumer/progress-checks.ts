import type { Consumer } from "../../core/ports/index.ts";
import { CONSUMER_GROUPS } from "../../schemas/index.ts";
import type { NearlineDeps, NearlineSettings } from "./nearline-context.ts";
import type { PartitionCursors } from "./partition-cursors.ts";

export interface ProgressCheckParts {
  readonly deps: NearlineDeps;
  readonly settings: NearlineSettings;
  readonly consumer: Consumer;
  readonly cursors: PartitionCursors;
  readonly guardKey: string;
  readonly guardTtlMs: number;
  lastProgressAt(): number;
  /** The guard key is gone: the cache lost its data while no batch noticed it. */
  onGuardLost(): Promise<void>;
  /** Lag and no progress for longer than the stall timeout: the process should exit for its supervisor. */
  onStall(reason: string): void;
}

/** Total lag of the owned partitions, also published per partition. */
async function measureLag(parts: ProgressCheckParts): Promise<number> {
  const { deps, consumer, cursors } = parts;
  let total = 0;
  for (const [topic, partitions] of consumer.assignment()) {
    if (partitions.length === 0) continue;
    const [ends, committed] = await Promise.all([
      deps.eventLog.endOffsets(topic),
      deps.eventLog.committedOffsets(CONSUMER_GROUPS.nearline, topic),
    ]);
    for (const partition of partitions) {
      const position = cursors.position(topic, partition) ?? committed[partition] ?? 0;
      const lag = Math.max(0, (ends[partition] ?? 0) - position);
      deps.metrics.lag.set({ topic, partition: String(partition) }, lag);
      total += lag;
    }
  }
  return total;
}

/**
 * Every check interval: notice a cache that lost its data (the guard key is gone) even when no batch arrives,
 * renew the guard, publish the lag, and call `onStall` when there is lag but nothing was applied for the stall
 * timeout (a consumer can hang silently; its supervisor restarts the process). Returns a function that stops it.
 */
export function startProgressChecks(parts: ProgressCheckParts): () => void {
  const { deps, settings } = parts;
  let busy = false;
  // Time without lag counts as progress, so the first event after a quiet hour is not a stall.
  let caughtUpAt = deps.clock.now();
  const check = async () => {
    if (busy) return;
    busy = true;
    try {
      if ((await deps.cache.get(parts.guardKey)) === null) await parts.onGuardLost();
      else await deps.cache.batch([{ op: "expire", key: parts.guardKey, ttlMs: parts.guardTtlMs }]);
      const lag = await measureLag(parts);
      const now = deps.clock.now();
      if (lag === 0) caughtUpAt = now;
      const idleMs = now - Math.max(caughtUpAt, parts.lastProgressAt());
      if (lag > 0 && idleMs > settings.stallTimeoutMs) {
        parts.onStall(`no batch applied for ${idleMs} ms while ${lag} records wait`);
      }
    } catch (error) {
      deps.logger.warn("progress check failed", {
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), settings.checkIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
