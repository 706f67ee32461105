import type cassandra from "cassandra-driver";
import type { Logger } from "../../core/logger.ts";
import type { EventQuery, RawEvent } from "../../core/ports/bulk-store.ts";
import { OFFLINE } from "./driver-client.ts";
import { forEachLimited, pagedRows } from "./paging.ts";

const WRITE_EVENT =
  "INSERT INTO events_by_user (user_id, month, ts, event_id, type, item_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)";
const WRITE_MONTH = "INSERT INTO user_months (user_id, month) VALUES (?, ?)";
const USER_MONTHS = "SELECT month FROM user_months WHERE user_id = ? AND month >= ? AND month <= ?";
const ALL_USER_MONTHS = "SELECT user_id, month FROM user_months";
const MONTH_EVENTS =
  "SELECT user_id, ts, event_id, type, item_id, body FROM events_by_user " +
  "WHERE user_id = ? AND month = ? AND ts >= ? AND ts < ?";

/** Most (user, month) pairs remembered before the memory starts afresh. */
const MONTHS_REMEMBERED = 200_000;

/** Widest range a JS Date holds; used when the query leaves a bound open. */
const MIN_TIME = -8.64e15;
const MAX_TIME = 8.64e15;
const WRITE = { prepare: true, isIdempotent: true, executionProfile: OFFLINE } as const;

/** `YYYY-MM` (UTC) of an event time: the month part of the events_by_user partition key. */
export function monthOf(timestamp: number): string {
  return new Date(timestamp).toISOString().slice(0, 7);
}

/** Event rows: appends guarded by event id, reads by user and month, full scans via user_months. */
export class CassandraEventRows {
  constructor(
    private readonly client: cassandra.Client,
    private readonly fetchSize: number,
    private readonly concurrency: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Upserts each event row and each (user, month) once. The row's key holds the event id and time, so appending
   * the same event again writes the same row: idempotent without a lightweight transaction (a Paxos round per
   * event capped appends near 2,800 events/s here). Telling apart two different events that share an id is the
   * consumer's job (the nearline remembers applied ids).
   */
  /** (user, month) pairs this process already recorded in user_months, so each is written about once. */
  private readonly monthsWritten = new Set<string>();

  async append(events: readonly RawEvent[]): Promise<void> {
    const months = new Map<string, readonly [string, string]>();
    for (const event of events) {
      const month = monthOf(event.timestamp);
      const key = `${event.userId}\u0000${month}`;
      if (!this.monthsWritten.has(key)) months.set(key, [event.userId, month]);
    }
    const writes: (readonly [string, readonly unknown[]])[] = [
      ...events.map((e) => {
        const row = [
          e.userId,
          monthOf(e.timestamp),
          new Date(e.timestamp),
          e.eventId,
          e.type,
          e.itemId,
          e.body,
        ];
        return [WRITE_EVENT, row] as const;
      }),
      ...[...months.values()].map((m) => [WRITE_MONTH, m] as const),
    ];
    await forEachLimited(writes, this.concurrency, async ([query, params]) => {
      await this.client.execute(query, params as unknown[], WRITE);
    });
    // Remembered only once written; the bound keeps memory flat (forgetting costs one idempotent upsert).
    if (this.monthsWritten.size + months.size > MONTHS_REMEMBERED) this.monthsWritten.clear();
    for (const key of months.keys()) this.monthsWritten.add(key);
  }

  /** One user's events month by month, or everyone's, user by user (each user's months are one partition). */
  async *read(query: EventQuery): AsyncIterable<RawEvent> {
    const from = query.from ?? MIN_TIME;
    const to = query.to ?? MAX_TIME;
    // Open bounds use strings that sort before / after every 'YYYY-MM'.
    const firstMonth = query.from === undefined ? "" : monthOf(query.from);
    const lastMonth = query.to === undefined ? "~" : monthOf(query.to);
    const months =
      query.userId === undefined
        ? this.rows(ALL_USER_MONTHS, [])
        : this.rows(USER_MONTHS, [query.userId, firstMonth, lastMonth]);
    for await (const entry of months) {
      const month = String(entry.month);
      if (month < firstMonth || month > lastMonth) continue;
      const userId = query.userId ?? String(entry.user_id);
      for await (const row of this.rows(MONTH_EVENTS, [userId, month, new Date(from), new Date(to)])) {
        if (query.types !== undefined && !query.types.includes(String(row.type))) continue;
        yield toRawEvent(row);
      }
    }
  }

  private rows(query: string, params: readonly unknown[]): AsyncIterable<cassandra.types.Row> {
    return pagedRows(this.client, query, params, { fetchSize: this.fetchSize, executionProfile: OFFLINE });
  }
}

function toRawEvent(row: cassandra.types.Row): RawEvent {
  return {
    eventId: String(row.event_id),
    type: String(row.type),
    userId: String(row.user_id),
    itemId: String(row.item_id),
    timestamp: (row.ts as Date).getTime(),
    body: String(row.body),
  };
}
