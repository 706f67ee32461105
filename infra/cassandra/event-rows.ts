import type cassandra from "cassandra-driver";
import type { Logger } from "../../core/logger.ts";
import type { EventQuery, RawEvent } from "../../core/ports/bulk-store.ts";
import { OFFLINE } from "./driver-client.ts";
import { forEachLimited, pagedRows } from "./paging.ts";

const CLAIM = "INSERT INTO events_by_id (event_id, user_id, month, ts) VALUES (?, ?, ?, ?) IF NOT EXISTS";
const WRITE_EVENT =
  "INSERT INTO events_by_user (user_id, month, ts, event_id, type, item_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)";
const WRITE_MONTH = "INSERT INTO user_months (user_id, month) VALUES (?, ?)";
const USER_MONTHS = "SELECT month FROM user_months WHERE user_id = ? AND month >= ? AND month <= ?";
const ALL_USER_MONTHS = "SELECT user_id, month FROM user_months";
const MONTH_EVENTS =
  "SELECT user_id, ts, event_id, type, item_id, body FROM events_by_user " +
  "WHERE user_id = ? AND month = ? AND ts >= ? AND ts < ?";

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

  append(events: readonly RawEvent[]): Promise<void> {
    return forEachLimited(events, this.concurrency, (event) => this.appendOne(event));
  }

  /**
   * Claims the id with a lightweight transaction, then upserts the rows. A claim that already exists for the
   * same (user, month, time) is our own earlier append, maybe cut short: the upserts run again (they are
   * idempotent). A claim for another place means a different event reused the id: the first one wins.
   */
  private async appendOne(event: RawEvent): Promise<void> {
    const month = monthOf(event.timestamp);
    const ts = new Date(event.timestamp);
    // Idempotent despite being a transaction: a retried claim finds its own row and finishes the append.
    const claim = await this.client.execute(CLAIM, [event.eventId, event.userId, month, ts], WRITE);
    const row = claim.first();
    const mine =
      row?.get("[applied]") === true ||
      (row?.user_id === event.userId && row?.month === month && row?.ts?.getTime() === event.timestamp);
    if (!mine) {
      this.logger.warn("event id reused by a different event; keeping the first", { eventId: event.eventId });
      return;
    }
    await Promise.all([
      this.client.execute(
        WRITE_EVENT,
        [event.userId, month, ts, event.eventId, event.type, event.itemId, event.body],
        WRITE,
      ),
      this.client.execute(WRITE_MONTH, [event.userId, month], WRITE),
    ]);
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
