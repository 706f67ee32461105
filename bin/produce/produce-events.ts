import { type Clock, systemClock } from "../../core/clock.ts";
import type { EventLog, ProduceRecord } from "../../core/ports/event-log.ts";
import type { EventType, StarlingEvent } from "../../schemas/events.ts";
import { topicForEvent } from "../../schemas/topics.ts";
import { createSchedule, type Pacing, pacedChunks, realSleep, type Sleep } from "./pacer.ts";
import { emptyStats, type ProduceStats } from "./produce-progress.ts";
import { TopicLanes } from "./topic-lanes.ts";

export interface ProduceEventsOptions {
  /** Default: as fast as the log acknowledges. */
  readonly pacing?: Pacing;
  /** Give each event the time its chunk is handed to the log (never decreasing) instead of its own. */
  readonly restamp?: boolean;
  /** Stop after this many events. */
  readonly limit?: number;
  /** Records per produce call; default 500. */
  readonly chunkSize?: number;
  /** Produce calls pending at once over all topics (one per topic is in flight); default 4. */
  readonly maxInFlight?: number;
  /** Events due within this many ms go in one chunk; default 50. */
  readonly tickMs?: number;
  /** Retries of a produce call failing with a retriable error; default 5, from 250 ms doubling. */
  readonly retries?: number;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  /** Abort to stop: the chunks already handed over are awaited, nothing more is sent. */
  readonly signal?: AbortSignal;
  /** Called after each chunk is handed over and after each acknowledgement. */
  readonly onProgress?: (stats: Readonly<ProduceStats>) => void;
}

/** Creates the topics of these event types that are missing (an existing topic keeps its partitions). */
export async function createEventTopics(
  log: EventLog,
  partitions: number,
  types: readonly EventType[] = ["rating", "click"],
): Promise<void> {
  await log.createTopics(types.map((type) => ({ name: topicForEvent(type), partitions })));
}

async function* take<T>(items: AsyncIterable<T> | Iterable<T>, limit: number): AsyncGenerator<T> {
  if (limit <= 0) return;
  let count = 0;
  for await (const item of items) {
    yield item;
    if (++count >= limit) return;
  }
}

function byType(chunk: readonly StarlingEvent[], stamp: number | undefined): Map<EventType, ProduceRecord[]> {
  const groups = new Map<EventType, ProduceRecord[]>();
  for (const event of chunk) {
    const value = JSON.stringify(stamp === undefined ? event : { ...event, timestamp: stamp });
    // No record timestamp: the log stamps append time, so 1990s event times never trip Kafka's retention.
    const record = { key: event.userId, value };
    const group = groups.get(event.type);
    if (group) group.push(record);
    else groups.set(event.type, [record]);
  }
  return groups;
}

function chunksOf(
  events: AsyncIterable<StarlingEvent> | Iterable<StarlingEvent>,
  options: ProduceEventsOptions,
  clock: Clock,
  sleep: Sleep,
): AsyncGenerator<StarlingEvent[]> {
  const schedule = createSchedule(options.pacing ?? { kind: "unpaced" });
  const source = options.limit === undefined ? events : take(events, options.limit);
  return pacedChunks(source, {
    due: (event) => schedule(event.timestamp),
    clock,
    sleep,
    maxChunk: options.chunkSize ?? 500,
    tickMs: options.tickMs ?? 50,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

async function submitChunk(
  lanes: TopicLanes,
  groups: Map<EventType, ProduceRecord[]>,
  stats: ProduceStats,
  report: () => void,
): Promise<void> {
  for (const [type, records] of groups) {
    await lanes.submit(topicForEvent(type), records, () => {
      stats.acknowledged += records.length;
      stats.acknowledgedByType[type] += records.length;
      report();
    });
    stats.sent += records.length;
  }
  report();
}

/**
 * Produces events, in their order, to their topics keyed by user id, in chunks at the pace asked for.
 * Resolves with the counters once every chunk handed over is acknowledged; throws the first failure.
 */
export async function produceEvents(
  log: EventLog,
  events: AsyncIterable<StarlingEvent> | Iterable<StarlingEvent>,
  options: ProduceEventsOptions = {},
): Promise<ProduceStats> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const { signal } = options;
  const stats = emptyStats();
  const started = clock.now();
  const report = () => {
    stats.elapsedMs = clock.now() - started;
    options.onProgress?.(stats);
  };
  const lanes = new TopicLanes(log, {
    maxInFlight: options.maxInFlight ?? 4,
    retries: options.retries ?? 5,
    backoffMs: 250,
    sleep,
    ...(signal ? { signal } : {}),
  });
  let stamp = Number.NEGATIVE_INFINITY;
  try {
    for await (const chunk of chunksOf(events, options, clock, sleep)) {
      if (options.restamp) stamp = Math.max(stamp, clock.now());
      await submitChunk(lanes, byType(chunk, options.restamp ? stamp : undefined), stats, report);
    }
  } finally {
    // Let what was handed over finish (or fail) before the last report, even when the loop threw.
    await lanes.drain().finally(() => {
      stats.stopped = signal?.aborted === true;
      report();
    });
  }
  return stats;
}
