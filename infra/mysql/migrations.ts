import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Connection, RowDataPacket } from "mysql2/promise";
import { UnavailableError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { splitSqlStatements } from "./sql-statements.ts";

/** The repository's SQL migrations, applied in file-name order. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../schemas/sql/", import.meta.url));

export const MIGRATIONS_TABLE = "schema_migrations";

// MySQL 8 caps lock names at 64 characters, so only a prefix of the database name goes in.
const LOCK_NAME = "CONCAT('starling.migrations.', LEFT(DATABASE(), 40))";

export interface MigrationRun {
  readonly directory: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

/** Migration files (`NNN_name.sql`) in the order they apply. */
export function migrationFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith(".sql"))
    .sort();
}

/**
 * Apply every migration file not yet in schema_migrations, each once, recording its file name. A named server
 * lock serialises processes that start against the same database at the same time.
 */
export async function applyMigrations(connection: Connection, run: MigrationRun): Promise<string[]> {
  const timeout = run.timeoutMs;
  const lockSeconds = Math.max(1, Math.ceil(timeout / 1000));
  const [locked] = await connection.query<RowDataPacket[]>({
    sql: `SELECT GET_LOCK(${LOCK_NAME}, ?) AS got`,
    values: [lockSeconds],
    timeout: timeout + 1000,
  });
  if (locked[0]?.got !== 1) throw new UnavailableError("another process holds the migrations lock");
  try {
    await connection.query({
      sql: `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
        id VARCHAR(128) NOT NULL PRIMARY KEY,
        applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      timeout,
    });
    const [rows] = await connection.query<RowDataPacket[]>({
      sql: `SELECT id FROM ${MIGRATIONS_TABLE}`,
      timeout,
    });
    const applied = new Set(rows.map((row) => String(row.id)));
    const pending = migrationFiles(run.directory).filter((file) => !applied.has(file));
    for (const file of pending) {
      // DDL commits implicitly in MySQL, so a file is recorded only after all its statements ran.
      for (const sql of splitSqlStatements(readFileSync(join(run.directory, file), "utf8"))) {
        await connection.query({ sql, timeout });
      }
      await connection.query({
        sql: `INSERT INTO ${MIGRATIONS_TABLE} (id) VALUES (?)`,
        values: [file],
        timeout,
      });
      run.logger.info("applied migration", { file });
    }
    return pending;
  } finally {
    await connection.query({
      sql: `SELECT RELEASE_LOCK(${LOCK_NAME})`,
      timeout,
    });
  }
}
