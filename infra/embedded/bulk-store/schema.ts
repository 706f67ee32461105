import type { Migration } from "../sqlite/index.ts";

/** Schema of the embedded bulk store; ids are prefixed so it can share a file with other stores. */
export const BULK_STORE_MIGRATIONS: readonly Migration[] = [
  {
    id: "bulk-001-events-and-artifacts",
    sql: `
      CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        user_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        ts INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX events_by_user_time ON events (user_id, ts, event_id);
      CREATE TABLE artifacts (
        kind TEXT NOT NULL,
        version TEXT NOT NULL,
        key TEXT NOT NULL,
        value BLOB NOT NULL,
        PRIMARY KEY (kind, version, key)
      );
      CREATE TABLE versions (
        kind TEXT NOT NULL,
        version TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (kind, version)
      );
    `,
  },
];
