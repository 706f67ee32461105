export { applyMigrations, MIGRATIONS_TABLE, type Migration } from "./migrations.ts";
export { MEMORY_PATH, type OpenSqliteOptions, openSqliteDatabase } from "./open-sqlite-database.ts";
export { guard, sqliteFailure } from "./sqlite-errors.ts";
