import cassandra from "cassandra-driver";
import type { RawEvent } from "../../core/ports/bulk-store.ts";
import { inParallel } from "./sample-data.ts";

const { consistencies } = cassandra.types;

/** Tables of the references, shaped like the adapter's (schemas/cql) but their own, in the bench keyspace. */
const RAW_TABLES = [
  `CREATE TABLE IF NOT EXISTS raw_events_by_user (user_id text, month text, ts timestamp, event_id text,
     type text, item_id text, body text, PRIMARY KEY ((user_id, month), ts, event_id))`,
  "CREATE TABLE IF NOT EXISTS raw_user_months (user_id text, month text, PRIMARY KEY (user_id, month))",
  "CREATE TABLE IF NOT EXISTS raw_events_by_id (event_id text PRIMARY KEY, user_id text, month text, ts timestamp)",
];
const INSERT_EVENT =
  "INSERT INTO raw_events_by_user (user_id, month, ts, event_id, type, item_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)";
const INSERT_MONTH = "INSERT INTO raw_user_months (user_id, month) VALUES (?, ?)";
const CLAIM = "INSERT INTO raw_events_by_id (event_id, user_id, month, ts) VALUES (?, ?, ?, ?) IF NOT EXISTS";
// The reads go to the adapter's own tables, so both sides read the same rows.
const USER_MONTHS = "SELECT month FROM user_months WHERE user_id = ?";
const MONTH_EVENTS =
  "SELECT user_id, ts, event_id, type, item_id, body FROM events_by_user WHERE user_id = ? AND month = ?";
const WHOLE_TABLE = "SELECT user_id, ts, event_id, type, item_id, body FROM events_by_user";

const WRITE = { prepare: true, isIdempotent: true } as const;
const monthOf = (timestamp: number) => new Date(timestamp).toISOString().slice(0, 7);
const eventRow = (e: RawEvent) => [
  e.userId,
  monthOf(e.timestamp),
  new Date(e.timestamp),
  e.eventId,
  e.type,
  e.itemId,
  e.body,
];

/** A driver client with the adapter's consistency (LOCAL_QUORUM, LOCAL_SERIAL for the claim), all prepared. */
export function rawCassandraClient(
  contactPoints: readonly string[],
  localDataCenter: string,
  keyspace: string,
) {
  return new cassandra.Client({
    contactPoints: [...contactPoints],
    localDataCenter,
    keyspace,
    queryOptions: {
      consistency: consistencies.localQuorum,
      serialConsistency: consistencies.localSerial,
      prepare: true,
    },
  });
}

export async function createRawTables(client: cassandra.Client): Promise<void> {
  for (const statement of RAW_TABLES) await client.execute(statement);
}

/** The plain ceiling: one prepared INSERT per event, `concurrency` in flight. */
export function insertPlain(client: cassandra.Client, events: readonly RawEvent[], concurrency: number) {
  return inParallel(events, concurrency, (e) => client.execute(INSERT_EVENT, eventRow(e), WRITE));
}

/** What the adapter sends per event, straight through the driver: the id claim (LWT), then both rows. */
export function insertLikeAdapter(
  client: cassandra.Client,
  events: readonly RawEvent[],
  concurrency: number,
) {
  return inParallel(events, concurrency, async (e) => {
    const month = monthOf(e.timestamp);
    await client.execute(CLAIM, [e.eventId, e.userId, month, new Date(e.timestamp)], WRITE);
    await Promise.all([
      client.execute(INSERT_EVENT, eventRow(e), WRITE),
      client.execute(INSERT_MONTH, [e.userId, month], WRITE),
    ]);
  });
}

/** Every row of a query, page by page; returns the row count. */
async function countPaged(
  client: cassandra.Client,
  query: string,
  params: unknown[],
  fetchSize: number,
  limit: number,
) {
  let rows = 0;
  let pageState: string | undefined;
  do {
    const options = { prepare: true, fetchSize, ...(pageState === undefined ? {} : { pageState }) };
    const page = await client.execute(query, params, options);
    rows += page.rowLength;
    pageState = page.pageState ?? undefined;
  } while (pageState !== undefined && rows < limit);
  return rows;
}

/** One user's events with the adapter's queries (months first, then each month), through the driver. */
export async function readUserRaw(
  client: cassandra.Client,
  userId: string,
  fetchSize: number,
): Promise<number> {
  const months = await client.execute(USER_MONTHS, [userId], { prepare: true });
  let rows = 0;
  for (const row of months.rows) {
    rows += await countPaged(
      client,
      MONTH_EVENTS,
      [userId, String(row.month)],
      fetchSize,
      Number.POSITIVE_INFINITY,
    );
  }
  return rows;
}

/** The whole events table in token order, page by page (stops after `limit` rows): the scan ceiling. */
export function scanRaw(client: cassandra.Client, fetchSize: number, limit = Number.POSITIVE_INFINITY) {
  return countPaged(client, WHOLE_TABLE, [], fetchSize, limit);
}
