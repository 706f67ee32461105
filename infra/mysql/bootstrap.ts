import { createConnection, type RowDataPacket } from "mysql2/promise";
import type { Logger } from "../../core/logger.ts";
import { applyMigrations } from "./migrations.ts";
import { mysqlFailure } from "./mysql-errors.ts";
import type { MysqlTarget } from "./mysql-url.ts";

export interface BootstrapOptions {
  readonly connectTimeoutMs: number;
  readonly migrationTimeoutMs: number;
  readonly migrationsDir: string;
  readonly logger: Logger;
}

/** What the bootstrap learnt about the server. */
export interface ServerFacts {
  /** Seconds the server keeps an idle connection open; pooled connections must be dropped sooner. */
  readonly waitTimeoutSeconds: number;
  readonly version: string;
}

/** Create the database if missing (connecting without one first), apply pending migrations, read server facts. */
export async function bootstrapDatabase(
  target: MysqlTarget,
  options: BootstrapOptions,
): Promise<ServerFacts> {
  const { database, ...server } = target;
  const timeout = options.migrationTimeoutMs;
  const connection = await createConnection({ ...server, connectTimeout: options.connectTimeoutMs }).catch(
    (error: unknown) => {
      throw mysqlFailure(`connect to ${server.host}:${server.port}`, error);
    },
  );
  try {
    await connection.query({
      sql: `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
      timeout,
    });
    await connection.query({ sql: `USE \`${database}\``, timeout });
    await applyMigrations(connection, {
      directory: options.migrationsDir,
      timeoutMs: timeout,
      logger: options.logger,
    });
    const [rows] = await connection.query<RowDataPacket[]>({
      sql: "SELECT @@wait_timeout AS waitTimeout, VERSION() AS version",
      timeout,
    });
    await connection.end();
    return { waitTimeoutSeconds: Number(rows[0]?.waitTimeout), version: String(rows[0]?.version) };
  } catch (error) {
    connection.destroy();
    throw mysqlFailure(`prepare database ${database}`, error);
  }
}
