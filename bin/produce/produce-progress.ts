import type { EventType } from "../../schemas/events.ts";

/** Counters of one replay, updated as chunks are sent and acknowledged. */
export interface ProduceStats {
  /** Events handed to the log, acknowledged or not. */
  sent: number;
  /** Events the log acknowledged as durable. */
  acknowledged: number;
  /** Acknowledged events per type. */
  readonly acknowledgedByType: Record<EventType, number>;
  /** Wall-clock ms from the start to the last update. */
  elapsedMs: number;
  /** True when the replay stopped on its signal before the events ran out. */
  stopped: boolean;
}

/** Fresh counters. */
export function emptyStats(): ProduceStats {
  return {
    sent: 0,
    acknowledged: 0,
    acknowledgedByType: { rating: 0, click: 0, impression: 0 },
    elapsedMs: 0,
    stopped: false,
  };
}

/** Acknowledged events per second over the whole run. */
export function eventsPerSecond(stats: ProduceStats): number {
  return stats.elapsedMs > 0 ? (stats.acknowledged * 1000) / stats.elapsedMs : 0;
}

/** The detail part of the live progress line. */
export function progressDetail(stats: ProduceStats): string {
  return `sent ${stats.sent.toLocaleString("en-US")}, acknowledged ${stats.acknowledged.toLocaleString("en-US")}`;
}

/** `produced 100836 events (100836 ratings, 0 clicks) in 12.3 s, 8190 events/s`. */
export function formatSummary(stats: ProduceStats): string {
  const { rating, click, impression } = stats.acknowledgedByType;
  const parts = [`${rating} ratings`, `${click} clicks`];
  if (impression > 0) parts.push(`${impression} impressions`);
  const line =
    `produced ${stats.acknowledged} events (${parts.join(", ")}) in ${(stats.elapsedMs / 1000).toFixed(1)} s, ` +
    `${Math.round(eventsPerSecond(stats))} events/s`;
  const unacknowledged = stats.sent - stats.acknowledged;
  const notes = [
    ...(stats.stopped ? ["stopped early"] : []),
    ...(unacknowledged > 0 ? [`${unacknowledged} sent but not acknowledged`] : []),
  ];
  return notes.length > 0 ? `${line} (${notes.join("; ")})` : line;
}
