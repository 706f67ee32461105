import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type cassandra from "cassandra-driver";
import type { Clock } from "../../core/clock.ts";
import type { Logger } from "../../core/logger.ts";
import { splitCqlStatements } from "./cql-statements.ts";

/** Same definition as in 001_init.cql; created first so the applied list can be read before 001 runs. */
const MIGRATIONS_TABLE =
  "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamp)";

/** The `*.cql` files of `dir`, in file-name order (`001_`, `002_`, ...). */
export async function migrationFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith(".cql")).sort();
}

/**
 * Applies each migration file not yet recorded in `schema_migrations`, statement by statement, and records
 * it once done. Statements are `IF NOT EXISTS`, so a file interrupted half-way can simply run again.
 */
export async function applyMigrations(
  client: cassandra.Client,
  dir: string,
  clock: Clock,
  logger: Logger,
): Promise<string[]> {
  await client.execute(MIGRATIONS_TABLE);
  const applied = new Set(
    (await client.execute("SELECT id FROM schema_migrations")).rows.map((row) => String(row.id)),
  );
  const ran: string[] = [];
  for (const file of await migrationFiles(dir)) {
    if (applied.has(file)) continue;
    for (const statement of splitCqlStatements(await readFile(join(dir, file), "utf8"))) {
      await client.execute(statement);
    }
    await client.execute(
      "INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)",
      [file, new Date(clock.now())],
      { prepare: true },
    );
    logger.info("applied cql migration", { file });
    ran.push(file);
  }
  return ran;
}
