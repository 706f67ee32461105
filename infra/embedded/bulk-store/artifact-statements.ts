import type { Database, Statement } from "better-sqlite3";

/** Rows per multi-row INSERT: 4 parameters each keeps far below SQLite's parameter limit. */
export const INSERT_CHUNK_ROWS = 1000;

export interface VersionRow {
  version: string;
  created_at: number;
  entries: number;
}

/** The prepared statements of the artifacts and versions tables, compiled once per connection. */
export interface ArtifactStatements {
  readonly insertFullChunk: Statement<unknown[]>;
  readonly recordVersion: Statement<[string, string, number]>;
  readonly deleteEntries: Statement<[string, string]>;
  readonly deleteVersionRow: Statement<[string, string]>;
  readonly selectValues: Statement<[string, string, string], { key: string; value: Buffer }>;
  readonly selectVersions: Statement<[string], VersionRow>;
  readonly firstKeyPage: Statement<[string, string, number], string>;
  readonly nextKeyPage: Statement<[string, string, string, number], string>;
}

/** Compile the artifact statements on `db`. */
export function prepareArtifactStatements(db: Database): ArtifactStatements {
  const keysSql = (range: string) =>
    `SELECT key FROM artifacts WHERE kind = ? AND version = ? ${range} ORDER BY key LIMIT ?`;
  return {
    insertFullChunk: db.prepare(artifactInsertSql(INSERT_CHUNK_ROWS)),
    recordVersion: db.prepare("INSERT OR IGNORE INTO versions (kind, version, created_at) VALUES (?, ?, ?)"),
    deleteEntries: db.prepare("DELETE FROM artifacts WHERE kind = ? AND version = ?"),
    deleteVersionRow: db.prepare("DELETE FROM versions WHERE kind = ? AND version = ?"),
    // json_each turns one JSON parameter into a lookup set, so thousands of keys need no giant IN list.
    selectValues: db.prepare(
      "SELECT key, value FROM artifacts WHERE kind = ? AND version = ? AND key IN (SELECT value FROM json_each(?))",
    ),
    selectVersions: db.prepare(
      `SELECT v.version, v.created_at,
         (SELECT count(*) FROM artifacts a WHERE a.kind = v.kind AND a.version = v.version) AS entries
       FROM versions v WHERE v.kind = ? ORDER BY v.created_at DESC, v.version DESC`,
    ),
    firstKeyPage: db.prepare<[string, string, number], string>(keysSql("")).pluck(),
    nextKeyPage: db.prepare<[string, string, string, number], string>(keysSql("AND key > ?")).pluck(),
  };
}

/** A multi-row upsert of `rows` artifacts; a later row with the same key wins. */
export function artifactInsertSql(rows: number): string {
  const values = Array.from({ length: rows }, () => "(?, ?, ?, ?)").join(", ");
  return `INSERT INTO artifacts (kind, version, key, value) VALUES ${values}
    ON CONFLICT (kind, version, key) DO UPDATE SET value = excluded.value`;
}
