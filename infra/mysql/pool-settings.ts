import type { PoolOptions } from "mysql2/promise";
import { ConfigError } from "../../core/errors.ts";

/** How the MySQL control store connects; only `url` is required. */
export interface MysqlControlStoreOptions {
  /** `mysql://user:password@host:port/database`; the database is created if missing. */
  readonly url: string;
  /** Most connections open at once (default 10). */
  readonly connectionLimit?: number;
  /** Most callers waiting for a connection before new ones fail fast with UnavailableError (default 100). */
  readonly queueLimit?: number;
  /** Longest wait for one statement's answer (default 5000 ms); a paused server fails calls after this. */
  readonly queryTimeoutMs?: number;
  /** Longest wait for a new connection's handshake (default 5000 ms). */
  readonly connectTimeoutMs?: number;
  /** Longest wait for a pooled connection, queued or new (default: connectTimeoutMs). */
  readonly acquireTimeoutMs?: number;
  /** Idle pooled connections are closed after this (default 60000 ms), kept below the server's wait_timeout. */
  readonly idleTimeoutMs?: number;
  /** Per-statement timeout while creating the database and migrating (default 60000 ms). */
  readonly migrationTimeoutMs?: number;
  /** Folder of `NNN_name.sql` migrations (default: the repository's schemas/sql). */
  readonly migrationsDir?: string;
}

export interface PoolSettings {
  readonly queryTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly acquireTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly migrationTimeoutMs: number;
  readonly pool: PoolOptions;
}

function positive(name: keyof MysqlControlStoreOptions, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen <= 0) {
    throw new ConfigError(`mysql ${name} must be a positive integer, got ${String(value)}`, name);
  }
  return chosen;
}

/** Validated timeouts and the mysql2 pool options derived from them. */
export function poolSettings(options: MysqlControlStoreOptions): PoolSettings {
  const connectionLimit = positive("connectionLimit", options.connectionLimit, 10);
  const connectTimeoutMs = positive("connectTimeoutMs", options.connectTimeoutMs, 5000);
  return {
    queryTimeoutMs: positive("queryTimeoutMs", options.queryTimeoutMs, 5000),
    connectTimeoutMs,
    acquireTimeoutMs: positive("acquireTimeoutMs", options.acquireTimeoutMs, connectTimeoutMs),
    idleTimeoutMs: positive("idleTimeoutMs", options.idleTimeoutMs, 60_000),
    migrationTimeoutMs: positive("migrationTimeoutMs", options.migrationTimeoutMs, 60_000),
    pool: {
      connectionLimit,
      maxIdle: connectionLimit,
      queueLimit: positive("queueLimit", options.queueLimit, 100),
      waitForConnections: true,
      connectTimeout: connectTimeoutMs,
      // TCP keepalive notices a silently dead peer on idle connections.
      enableKeepAlive: true,
      keepAliveInitialDelay: 10_000,
      charset: "utf8mb4_bin",
    },
  };
}
