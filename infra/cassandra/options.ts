import { ConfigError } from "../../core/errors.ts";

/** How the keyspace is replicated when the adapter has to create it. */
export interface CassandraReplication {
  /** `SimpleStrategy` for one data centre (local/test), `NetworkTopologyStrategy` in production. */
  readonly strategy?: "SimpleStrategy" | "NetworkTopologyStrategy";
  /** Replicas (per data centre with NetworkTopologyStrategy); default 1. */
  readonly factor?: number;
}

export interface CassandraBulkStoreOptions {
  /** `host:port` or `host` (port 9042). */
  readonly contactPoints: readonly string[];
  /** The data centre this process is in, as `system.local` names it (e.g. `datacenter1`). */
  readonly localDataCenter: string;
  /** Created when missing; letters, digits and `_`, at most 48 characters. */
  readonly keyspace: string;
  readonly replication?: CassandraReplication;
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Read timeout of the `online` profile (serving reads), default 1500 ms. */
  readonly onlineTimeoutMs?: number;
  /** Read timeout of the `offline` profile (scans, writes, schema), default 30 s. */
  readonly offlineTimeoutMs?: number;
  /** Reconnection back-off: first delay and cap, default 500 ms and 10 s. */
  readonly reconnectBaseMs?: number;
  readonly reconnectMaxMs?: number;
  /** Rows per page when streaming events and keys, default 1000. */
  readonly fetchSize?: number;
  /** Requests in flight per bulk write, default 32. */
  readonly writeConcurrency?: number;
  /** Folder of `*.cql` migrations, default the repository's `schemas/cql`. */
  readonly migrationsDir?: string;
}

export type ResolvedCassandraOptions = Required<
  Omit<CassandraBulkStoreOptions, "credentials" | "replication">
> &
  Pick<CassandraBulkStoreOptions, "credentials"> & { readonly replication: Required<CassandraReplication> };

const DEFAULT_MIGRATIONS_DIR = new URL("../../schemas/cql/", import.meta.url).pathname;

function positiveInteger(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${field} must be a positive integer, got ${value}`, field);
  }
  return value;
}

/** Fills defaults and rejects options that cannot work, naming the field. */
export function resolveCassandraOptions(options: CassandraBulkStoreOptions): ResolvedCassandraOptions {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,47}$/.test(options.keyspace)) {
    throw new ConfigError(
      `keyspace "${options.keyspace}" must start with a letter and hold only letters, digits and _ (max 48)`,
      "keyspace",
    );
  }
  if (options.contactPoints.length === 0) throw new ConfigError("contactPoints is empty", "contactPoints");
  if (options.localDataCenter.trim() === "")
    throw new ConfigError("localDataCenter is empty", "localDataCenter");
  const resolved = {
    ...options,
    replication: { strategy: "SimpleStrategy", factor: 1, ...options.replication },
    onlineTimeoutMs: options.onlineTimeoutMs ?? 1500,
    offlineTimeoutMs: options.offlineTimeoutMs ?? 30_000,
    reconnectBaseMs: options.reconnectBaseMs ?? 500,
    reconnectMaxMs: options.reconnectMaxMs ?? 10_000,
    fetchSize: options.fetchSize ?? 1000,
    writeConcurrency: options.writeConcurrency ?? 32,
    migrationsDir: options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR,
  } satisfies ResolvedCassandraOptions;
  for (const field of [
    "onlineTimeoutMs",
    "offlineTimeoutMs",
    "reconnectBaseMs",
    "reconnectMaxMs",
    "fetchSize",
    "writeConcurrency",
  ] as const) {
    positiveInteger(resolved[field], field);
  }
  positiveInteger(resolved.replication.factor, "replication.factor");
  return resolved;
}
