import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Clock } from "../../../core/clock.ts";
import { messageOf } from "../../../core/error-message.ts";
import { ConfigError, DataFileError } from "../../../core/errors.ts";
import { applyMigrations, type Migration } from "./migrations.ts";

export interface OpenSqliteOptions {
  /** A file path, or `":memory:"` for a private in-memory database. */
  readonly path: string;
  readonly migrations: readonly Migration[];
  readonly clock: Clock;
  /** How long a write waits for another connection's lock before failing (ms). */
  readonly busyTimeoutMs?: number;
}

export const MEMORY_PATH = ":memory:";

/** Open a SQLite file in WAL mode with foreign keys on and the given migrations applied. */
export function openSqliteDatabase(options: OpenSqliteOptions): Database.Database {
  const { path } = options;
  if (path.trim() === "") throw new ConfigError("SQLite path must be a file path or ':memory:'", "path");
  if (path !== MEMORY_PATH) assertDirectoryExists(path);
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw new DataFileError(`Cannot open SQLite database at ${path}: ${messageOf(error)}`, error);
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    applyMigrations(db, options.migrations, options.clock.now());
  } catch (error) {
    db.close();
    throw new DataFileError(`Cannot prepare SQLite database at ${path}: ${messageOf(error)}`, error);
  }
  return db;
}

function assertDirectoryExists(path: string): void {
  const directory = dirname(resolve(path));
  if (!existsSync(directory)) {
    throw new DataFileError(`Cannot open SQLite database at ${path}: directory ${directory} does not exist`);
  }
}
