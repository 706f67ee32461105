import type { Database, Statement } from "better-sqlite3";
import type { EventQuery, RawEvent } from "../../../core/ports/bulk-store.ts";
import { guard } from "../sqlite/index.ts";

interface EventRow {
  event_id: string;
  type: string;
  user_id: string;
  item_id: string;
  ts: number;
  body: string;
}

/** Where the previous page ended; the next page starts strictly after it (keyset paging). */
type Cursor = Pick<EventRow, "user_id" | "ts" | "event_id">;

/** The events table: idempotent appends and paged, index-ordered reads. */
export class EventTable {
  private readonly insert: Statement<[string, string, string, string, number, string]>;
  private readonly appendAll: (events: readonly RawEvent[]) => void;
  private readonly pageQueries = new Map<string, Statement<[Record<string, unknown>], EventRow>>();

  constructor(
    private readonly db: Database,
    private readonly pageSize: number,
  ) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO events (event_id, type, user_id, item_id, ts, body) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.appendAll = db.transaction((events: readonly RawEvent[]) => {
      for (const e of events) this.insert.run(e.eventId, e.type, e.userId, e.itemId, e.timestamp, e.body);
    });
  }

  /** Store events in one transaction; an eventId already stored is skipped. */
  append(events: readonly RawEvent[]): void {
    guard("append events", () => this.appendAll(events));
  }

  /** Stream matching events one page at a time, so neither memory nor the connection is held between pages. */
  async *read(query: EventQuery): AsyncGenerator<RawEvent> {
    let cursor: Cursor | undefined;
    for (;;) {
      const rows = guard("read events", () => this.readPage(query, cursor));
      for (const row of rows) yield toRawEvent(row);
      const last = rows.at(-1);
      if (last === undefined || rows.length < this.pageSize) return;
      cursor = last;
    }
  }

  private readPage(query: EventQuery, cursor: Cursor | undefined): EventRow[] {
    const statement = this.pageQuery(query, cursor !== undefined);
    const params = {
      userId: query.userId,
      from: query.from,
      to: query.to,
      types: query.types === undefined ? undefined : JSON.stringify(query.types),
      cursorUser: cursor?.user_id,
      cursorTs: cursor?.ts,
      cursorEvent: cursor?.event_id,
      limit: this.pageSize,
    };
    const rows: EventRow[] = [];
    for (const row of statement.iterate(params)) rows.push(row);
    return rows;
  }

  private pageQuery(query: EventQuery, afterCursor: boolean): Statement<[Record<string, unknown>], EventRow> {
    const sql = buildPageSql(query, afterCursor);
    let statement = this.pageQueries.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<[Record<string, unknown>], EventRow>(sql);
      this.pageQueries.set(sql, statement);
    }
    return statement;
  }
}

/** SQL for one page; every shape walks the (user_id, ts, event_id) index in order. */
function buildPageSql(query: EventQuery, afterCursor: boolean): string {
  const byUser = query.userId !== undefined;
  const where: string[] = [];
  if (byUser) where.push("user_id = @userId");
  if (query.from !== undefined) where.push("ts >= @from");
  if (query.to !== undefined) where.push("ts < @to");
  if (query.types !== undefined) where.push("type IN (SELECT value FROM json_each(@types))");
  if (afterCursor) {
    where.push(
      byUser
        ? "(ts, event_id) > (@cursorTs, @cursorEvent)"
        : "(user_id, ts, event_id) > (@cursorUser, @cursorTs, @cursorEvent)",
    );
  }
  const filter = where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`;
  const order = byUser ? "ts, event_id" : "user_id, ts, event_id";
  return `SELECT event_id, type, user_id, item_id, ts, body FROM events ${filter} ORDER BY ${order} LIMIT @limit`;
}

function toRawEvent(row: EventRow): RawEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    userId: row.user_id,
    itemId: row.item_id,
    timestamp: row.ts,
    body: row.body,
  };
}
