import { setTimeout as delay } from "node:timers/promises";
import type { Clock } from "../../core/clock.ts";

/** How fast a replay goes: as fast as the log acknowledges, a fixed rate, or the original pace sped up. */
export type Pacing =
  | { readonly kind: "unpaced" }
  | { readonly kind: "rate"; readonly eventsPerSecond: number }
  | { readonly kind: "speedup"; readonly factor: number; readonly maxGapMs?: number };

/** Longest wall-clock pause a sped-up replay makes for one gap in the data, so it never stalls for days. */
export const DEFAULT_MAX_GAP_MS = 1000;

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real timer behind {@link Sleep}. */
export const realSleep: Sleep = (ms, signal) =>
  delay(ms, undefined, signal ? { signal } : undefined).catch(() => undefined);

/**
 * Each event's due time in ms after the start, from its event time; call it once per event, in order.
 * Due times never decrease.
 */
export function createSchedule(pacing: Pacing): (eventTimeMs: number) => number {
  if (pacing.kind === "unpaced") return () => 0;
  if (pacing.kind === "rate") {
    let index = 0;
    const spacing = 1000 / pacing.eventsPerSecond;
    return () => index++ * spacing;
  }
  const maxGap = pacing.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  let due = 0;
  let previous: number | undefined;
  return (eventTimeMs) => {
    if (previous !== undefined) due += Math.min(Math.max(0, eventTimeMs - previous) / pacing.factor, maxGap);
    previous = eventTimeMs;
    return due;
  };
}

export interface ChunkOptions<T> {
  /** Due time (ms after the start) of each item, see {@link createSchedule}. */
  readonly due: (item: T) => number;
  readonly clock: Clock;
  readonly sleep: Sleep;
  /** Most items in one chunk. */
  readonly maxChunk: number;
  /** Items due less than this long after the chunk's first one go with it; slow rates send small chunks often. */
  readonly tickMs: number;
  /** Stops before the next chunk; the chunk being waited for is dropped. */
  readonly signal?: AbortSignal;
}

type Source<T> = AsyncIterable<T> | Iterable<T>;

async function* withDue<T>(items: Source<T>, due: (item: T) => number) {
  for await (const item of items) yield { item, due: due(item) };
}

/**
 * Groups the items due within one tick into a chunk and releases it when its first item is due: a token
 * bucket refilled at the schedule's pace, bursting at most a tick's worth. Behind schedule, chunks fill up
 * to `maxChunk` and go at once; ahead of it, it sleeps.
 */
export async function* pacedChunks<T>(items: Source<T>, options: ChunkOptions<T>): AsyncGenerator<T[]> {
  const { clock, sleep, signal } = options;
  const source = withDue(items, options.due);
  const start = clock.now();
  try {
    let next = await source.next();
    while (!next.done && !signal?.aborted) {
      const chunk = [next.value.item];
      const firstDue = next.value.due;
      const windowEnd = Math.max(firstDue, clock.now() - start) + options.tickMs;
      next = await source.next();
      while (!next.done && chunk.length < options.maxChunk && next.value.due < windowEnd) {
        chunk.push(next.value.item);
        next = await source.next();
      }
      const wait = start + firstDue - clock.now();
      if (wait > 0) await sleep(wait, signal);
      if (signal?.aborted) break;
      yield chunk;
    }
  } finally {
    await source.return(undefined);
  }
}
