import type { Migration } from "../sqlite/index.ts";

/** Schema of the embedded control store; ids are prefixed so it can share a file with other stores. */
export const CONTROL_STORE_MIGRATIONS: readonly Migration[] = [
  {
    id: "control-001-catalog-experiments-versions",
    sql: `
      CREATE TABLE items (
        item_id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        year INTEGER,
        eligible INTEGER NOT NULL CHECK (eligible IN (0, 1))
      );
      CREATE TABLE genres (
        name TEXT PRIMARY KEY,
        parent TEXT REFERENCES genres (name) DEFERRABLE INITIALLY DEFERRED
      );
      CREATE INDEX genres_by_parent ON genres (parent);
      CREATE TABLE item_genres (
        item_id TEXT NOT NULL REFERENCES items (item_id) ON DELETE CASCADE,
        genre TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (item_id, genre)
      );
      CREATE TABLE experiments (
        id TEXT PRIMARY KEY,
        description TEXT NOT NULL,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        arms TEXT NOT NULL CHECK (json_valid(arms))
      );
      CREATE TABLE switches (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE model_versions (
        kind TEXT NOT NULL,
        version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('staged', 'active', 'retired', 'failed')),
        staged_at INTEGER NOT NULL,
        activated_at INTEGER,
        PRIMARY KEY (kind, version)
      );
      -- The active pointer is the status column; this index makes two active versions of a kind impossible.
      CREATE UNIQUE INDEX one_active_version_per_kind ON model_versions (kind) WHERE status = 'active';
    `,
  },
  {
    id: "control-002-leases",
    sql: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        -- Milliseconds on the store's clock; the lease is free from this instant on.
        expires_at INTEGER NOT NULL
      );
    `,
  },
];
