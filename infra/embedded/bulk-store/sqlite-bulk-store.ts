import type { Database } from "better-sqlite3";
import { type Clock, systemClock } from "../../../core/clock.ts";
import { ConfigError } from "../../../core/errors.ts";
import type {
  ArtifactEntry,
  ArtifactVersion,
  BulkStore,
  EventQuery,
  RawEvent,
} from "../../../core/ports/bulk-store.ts";
import { openSqliteDatabase } from "../sqlite/index.ts";
import { ArtifactTable } from "./artifact-table.ts";
import { EventTable } from "./event-table.ts";
import { BULK_STORE_MIGRATIONS } from "./schema.ts";

export interface SqliteBulkStoreOptions {
  /** A file path, or `":memory:"` for a private in-memory store. */
  readonly path: string;
  /** Stamps each artifact version's creation time. */
  readonly clock?: Clock;
  /** Rows fetched per page when streaming events or keys. */
  readonly pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 1000;

/** The BulkStore on one SQLite file: the embedded stand-in for Cassandra. */
export class SqliteBulkStore implements BulkStore {
  private readonly events: EventTable;
  private readonly artifacts: ArtifactTable;

  constructor(
    private readonly db: Database,
    clock: Clock,
    pageSize: number,
  ) {
    this.events = new EventTable(db, pageSize);
    this.artifacts = new ArtifactTable(db, clock, pageSize);
  }

  async appendEvents(events: readonly RawEvent[]): Promise<void> {
    this.events.append(events);
  }

  readEvents(query: EventQuery = {}): AsyncIterable<RawEvent> {
    return this.events.read(query);
  }

  async putArtifacts(kind: string, version: string, entries: readonly ArtifactEntry[]): Promise<void> {
    this.artifacts.put(kind, version, entries);
  }

  async getArtifact(kind: string, version: string, key: string): Promise<Uint8Array | null> {
    return this.artifacts.getMany(kind, version, [key])[0] ?? null;
  }

  async getArtifacts(kind: string, version: string, keys: readonly string[]): Promise<(Uint8Array | null)[]> {
    return this.artifacts.getMany(kind, version, keys);
  }

  listArtifactKeys(kind: string, version: string): AsyncIterable<string> {
    return this.artifacts.listKeys(kind, version);
  }

  async listVersions(kind: string): Promise<ArtifactVersion[]> {
    return this.artifacts.listVersions(kind);
  }

  async deleteVersion(kind: string, version: string): Promise<void> {
    this.artifacts.deleteVersion(kind, version);
  }

  /** Close the connection; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Open (creating if needed) the SQLite bulk store at `options.path`. */
export function createSqliteBulkStore(options: SqliteBulkStoreOptions): SqliteBulkStore {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new ConfigError(`pageSize must be a positive integer, got ${pageSize}`, "pageSize");
  }
  const clock = options.clock ?? systemClock;
  const db = openSqliteDatabase({ path: options.path, migrations: BULK_STORE_MIGRATIONS, clock });
  return new SqliteBulkStore(db, clock, pageSize);
}
