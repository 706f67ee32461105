import type { Database } from "better-sqlite3";

/** One schema change, applied once per database file and recorded by id. */
export interface Migration {
  /** Unique across every store that may share a file, e.g. `bulk-001-initial`. */
  readonly id: string;
  readonly sql: string;
}

export const MIGRATIONS_TABLE = "schema_migrations";

/** Apply the migrations not yet recorded, in order, each in its own write transaction. */
export function applyMigrations(db: Database, migrations: readonly Migration[], now: number): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`,
  );
  const isApplied = db.prepare<[string], { id: string }>(`SELECT id FROM ${MIGRATIONS_TABLE} WHERE id = ?`);
  const record = db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (id, applied_at) VALUES (?, ?)`);
  for (const migration of migrations) {
    // IMMEDIATE takes the write lock before the check, so two processes opening the file together apply it once.
    db.transaction(() => {
      if (isApplied.get(migration.id) !== undefined) return;
      db.exec(migration.sql);
      record.run(migration.id, now);
    }).immediate();
  }
}
