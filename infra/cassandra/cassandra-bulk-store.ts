import type cassandra from "cassandra-driver";
import { type Clock, systemClock } from "../../core/clock.ts";
import { type Logger, silentLogger } from "../../core/logger.ts";
import type {
  ArtifactEntry,
  ArtifactVersion,
  BulkStore,
  EventQuery,
  RawEvent,
} from "../../core/ports/bulk-store.ts";
import { CassandraArtifactRows } from "./artifact-rows.ts";
import { createDriverClient } from "./driver-client.ts";
import { guarded, guardedStream } from "./driver-errors.ts";
import { shutdownClient } from "./driver-workarounds.ts";
import { CassandraEventRows } from "./event-rows.ts";
import { ensureKeyspace } from "./keyspace.ts";
import { applyMigrations } from "./migrations.ts";
import { type CassandraBulkStoreOptions, resolveCassandraOptions } from "./options.ts";

export interface CassandraBulkStoreDeps {
  /** Stamps artifact versions' createdAt and migrations' applied_at. */
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** The BulkStore on Cassandra: events by (user, month), artifacts by (kind, version). */
export class CassandraBulkStore implements BulkStore {
  private readonly events: CassandraEventRows;
  private readonly artifacts: CassandraArtifactRows;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly client: cassandra.Client,
    clock: Clock,
    logger: Logger,
    limits: { fetchSize: number; writeConcurrency: number },
  ) {
    this.events = new CassandraEventRows(client, limits.fetchSize, limits.writeConcurrency, logger);
    this.artifacts = new CassandraArtifactRows(client, clock, limits.fetchSize, limits.writeConcurrency);
  }

  appendEvents(events: readonly RawEvent[]): Promise<void> {
    return guarded("appendEvents", () => this.events.append(events));
  }

  readEvents(query: EventQuery = {}): AsyncIterable<RawEvent> {
    return guardedStream("readEvents", () => this.events.read(query));
  }

  putArtifacts(kind: string, version: string, entries: readonly ArtifactEntry[]): Promise<void> {
    return guarded("putArtifacts", () => this.artifacts.put(kind, version, entries));
  }

  getArtifact(kind: string, version: string, key: string): Promise<Uint8Array | null> {
    return guarded("getArtifact", () => this.artifacts.get(kind, version, key));
  }

  getArtifacts(kind: string, version: string, keys: readonly string[]): Promise<(Uint8Array | null)[]> {
    return guarded("getArtifacts", () => this.artifacts.getMany(kind, version, keys));
  }

  listArtifactKeys(kind: string, version: string): AsyncIterable<string> {
    return guardedStream("listArtifactKeys", () => this.artifacts.listKeys(kind, version));
  }

  listVersions(kind: string): Promise<ArtifactVersion[]> {
    return guarded("listVersions", () => this.artifacts.listVersions(kind));
  }

  deleteVersion(kind: string, version: string): Promise<void> {
    return guarded("deleteVersion", () => this.artifacts.deleteVersion(kind, version));
  }

  /** Shuts the driver client down (its pools and reconnection timers); closing twice is harmless. */
  close(): Promise<void> {
    this.closed ??= shutdownClient(this.client);
    return this.closed;
  }
}

/**
 * Connects, checks the replication factor fits the cluster, creates the keyspace if missing, applies the
 * `schemas/cql` migrations not yet recorded, and returns a store on a client bound to the keyspace.
 */
export async function createCassandraBulkStore(
  deps: CassandraBulkStoreDeps,
  options: CassandraBulkStoreOptions,
): Promise<CassandraBulkStore> {
  const resolved = resolveCassandraOptions(options);
  const clock = deps.clock ?? systemClock;
  const logger = (deps.logger ?? silentLogger).child("cassandra-bulk-store");
  const admin = createDriverClient(resolved);
  try {
    await guarded("connect", () => admin.connect());
    await guarded("keyspace setup", () => ensureKeyspace(admin, resolved, logger));
  } finally {
    await shutdownClient(admin);
  }
  const client = createDriverClient(resolved, resolved.keyspace);
  try {
    await guarded("connect", () => client.connect());
    await guarded("migrations", () => applyMigrations(client, resolved.migrationsDir, clock, logger));
  } catch (error) {
    await shutdownClient(client);
    throw error;
  }
  return new CassandraBulkStore(client, clock, logger, resolved);
}
