import type cassandra from "cassandra-driver";
import type { RawEvent } from "../../core/ports/bulk-store.ts";
import type { CassandraBulkStore } from "../../infra/cassandra/index.ts";
import { type Side, secondsSince } from "./alternate.ts";
import { insertLikeAdapter, insertPlain, readUserRaw, scanRaw } from "./cassandra-raw.ts";
import { chunks, eventJson, userId } from "./sample-data.ts";

export interface CassandraParams {
  runs: number;
  events: number;
  batch: number;
  users: number;
  /** Requests in flight for the raw references: the adapter's default writeConcurrency. */
  concurrency: number;
  readUsers: number;
  fetchSize: number;
  eventBytes: number;
}

export interface Timed {
  rows: number;
  seconds: number;
}

/** The warm-up run writes this share of a run's events. */
export const WARM_UP_SHARE = 10;
const NINETY_DAYS_S = 90 * 86_400;

/** A run's events: its own ids, users spread round-robin, times spread over three months of 2026. */
function eventsOf(run: number, params: CassandraParams): RawEvent[] {
  const count = run === 0 ? Math.ceil(params.events / WARM_UP_SHARE) : params.events;
  const base = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const user = userId(i, params.users);
    const timestamp = base + ((i * 7919 + run * 104_729) % NINETY_DAYS_S) * 1000;
    const body = eventJson(i, user, params.eventBytes);
    return {
      eventId: `r${run}-e${i}`,
      type: "view",
      userId: user,
      itemId: `i${(i * 31) % 5000}`,
      timestamp,
      body,
    };
  });
}

function timedRows(rows: () => Promise<number>) {
  return async (): Promise<Timed> => {
    const started = performance.now();
    const count = await rows();
    return { rows: count, seconds: secondsSince(started) };
  };
}

/** Appends through the adapter, plain driver inserts, and the adapter's statements through the driver. */
export function writeSides(
  store: CassandraBulkStore,
  raw: cassandra.Client,
  params: CassandraParams,
): Side<Timed>[] {
  const write = (name: string, send: (batch: RawEvent[]) => Promise<void>): Side<Timed> => ({
    name,
    run: (run) => {
      const batches = chunks(eventsOf(run, params), params.batch);
      return timedRows(async () => {
        for (const batch of batches) await send(batch);
        return batches.reduce((sum, b) => sum + b.length, 0);
      })();
    },
  });
  return [
    write("appendEvents", (batch) => store.appendEvents(batch)),
    write("raw plain inserts", (batch) => insertPlain(raw, batch, params.concurrency)),
    write("raw adapter statements", (batch) => insertLikeAdapter(raw, batch, params.concurrency)),
  ];
}

async function drain(events: AsyncIterable<RawEvent>, limit = Number.POSITIVE_INFINITY): Promise<number> {
  let rows = 0;
  for await (const _ of events) if (++rows >= limit) break;
  return rows;
}

/** Per-user reads and full reads, through the adapter and through the driver. */
export function readSides(
  store: CassandraBulkStore,
  raw: cassandra.Client,
  params: CassandraParams,
  total: number,
) {
  const users = Array.from({ length: params.readUsers }, (_, k) =>
    userId(Math.floor((k * params.users) / params.readUsers), params.users),
  );
  const someUsers = (run: number) => (run === 0 ? users.slice(0, users.length / 4) : users);
  const perUser = (read: (user: string) => Promise<number>) => async (run: number) => {
    let rows = 0;
    for (const user of someUsers(run)) rows += await read(user);
    return rows;
  };
  const limit = (run: number) => (run === 0 ? total / 4 : Number.POSITIVE_INFINITY);
  const side = (name: string, rows: (run: number) => Promise<number>): Side<Timed> => ({
    name,
    run: (run) => timedRows(() => rows(run))(),
  });
  return [
    side(
      "readEvents({userId})",
      perUser((user) => drain(store.readEvents({ userId: user }))),
    ),
    side(
      "raw same queries per user",
      perUser((user) => readUserRaw(raw, user, params.fetchSize)),
    ),
    side("readEvents()", (run) => drain(store.readEvents(), limit(run))),
    side("raw table scan", (run) => scanRaw(raw, params.fetchSize, limit(run))),
  ];
}
