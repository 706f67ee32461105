import { setTimeout as delay } from "node:timers/promises";
import type { EventLog, FeatureCache } from "../../core/ports/index.ts";
import { NEARLINE_TOPICS } from "../../nearline/index.ts";
import { cacheKeys } from "../../schemas/index.ts";
import { progress } from "../stores/section-result.ts";

/** How often the checkpoints are read, as the brief asks. */
export const POLL_MS = 50;
const PROGRESS_EVERY_MS = 5000;

/** End offset of every nearline partition, `<topic>:<partition>` → offset. */
export async function endOffsets(eventLog: EventLog): Promise<Map<string, number>> {
  const ends = new Map<string, number>();
  for (const topic of NEARLINE_TOPICS) {
    for (const [p, end] of (await eventLog.endOffsets(topic)).entries()) ends.set(`${topic}:${p}`, end);
  }
  return ends;
}

/** Records applied over the partitions: each cache checkpoint, capped at its end offset. */
export async function appliedCount(cache: FeatureCache, ends: ReadonlyMap<string, number>): Promise<number> {
  const fields = [...ends.keys()];
  const key = cacheKeys().nearlineOffsets();
  const at = await Promise.all(fields.map((field) => cache.getCheckpoint(key, field)));
  return fields.reduce((sum, field, i) => sum + Math.min(at[i] ?? 0, ends.get(field) ?? 0), 0);
}

/** Where a wait ended: when, how far the checkpoints got, and whether that was everything. */
export interface DrainOutcome {
  /** performance.now() of the last poll. */
  readonly at: number;
  readonly applied: number;
  readonly total: number;
  readonly drained: boolean;
}

/**
 * Polls every POLL_MS until every partition's checkpoint reached its end offset, or until `limitMs` after
 * `startedAt`, whichever is first. Prints a progress line every few seconds.
 */
export async function waitForDrain(
  cache: FeatureCache,
  ends: ReadonlyMap<string, number>,
  options: { label: string; startedAt: number; limitMs: number },
): Promise<DrainOutcome> {
  const total = [...ends.values()].reduce((a, b) => a + b, 0);
  let lastLine = performance.now();
  let first: number | undefined;
  for (;;) {
    const applied = await appliedCount(cache, ends);
    first ??= applied;
    const at = performance.now();
    if (applied >= total || at - options.startedAt > options.limitMs) {
      return { at, applied, total, drained: applied >= total };
    }
    if (at - lastLine >= PROGRESS_EVERY_MS) {
      lastLine = at;
      const seconds = (at - options.startedAt) / 1000;
      const rate = Math.round((applied - first) / seconds).toLocaleString("en-US");
      progress(
        `${options.label}: ${applied} / ${total} applied after ${seconds.toFixed(0)} s (${rate} events/s)`,
      );
    }
    await delay(POLL_MS);
  }
}
