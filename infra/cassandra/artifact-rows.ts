import type cassandra from "cassandra-driver";
import type { Clock } from "../../core/clock.ts";
import type { ArtifactEntry, ArtifactVersion } from "../../core/ports/bulk-store.ts";
import { OFFLINE, ONLINE } from "./driver-client.ts";
import { forEachLimited, pagedRows, toNumber } from "./paging.ts";

const PUT = "INSERT INTO artifacts (kind, version, key, value) VALUES (?, ?, ?, ?)";
const GET = "SELECT value FROM artifacts WHERE kind = ? AND version = ? AND key = ?";
const GET_MANY = "SELECT key, value FROM artifacts WHERE kind = ? AND version = ? AND key IN ?";
const KEYS = "SELECT key FROM artifacts WHERE kind = ? AND version = ?";
const COUNT = "SELECT COUNT(*) AS entry_count FROM artifacts WHERE kind = ? AND version = ?";
const DELETE_ENTRIES = "DELETE FROM artifacts WHERE kind = ? AND version = ?";
// The versions table is only ever written through lightweight transactions, so they never mix with plain writes.
const CREATE_VERSION =
  "INSERT INTO versions (kind, version, created_at, entry_count) VALUES (?, ?, ?, 0) IF NOT EXISTS";
const SET_ENTRIES = "UPDATE versions SET entry_count = ? WHERE kind = ? AND version = ? IF EXISTS";
const DELETE_VERSION = "DELETE FROM versions WHERE kind = ? AND version = ? IF EXISTS";
const VERSIONS = "SELECT version, created_at, entry_count FROM versions WHERE kind = ?";

/** Keys per `IN` query: large enough for few round trips, small enough not to load one coordinator. */
const KEYS_PER_READ = 100;
const idempotent = (executionProfile: string) => ({ prepare: true, isIdempotent: true, executionProfile });

/** A driver Buffer copied into a plain Uint8Array that owns its bytes. */
const ownBytes = (value: Buffer): Uint8Array => new Uint8Array(value);

/** Artifact rows in (kind, version) partitions, plus the per-kind version listing. */
export class CassandraArtifactRows {
  constructor(
    private readonly client: cassandra.Client,
    private readonly clock: Clock,
    private readonly fetchSize: number,
    private readonly concurrency: number,
  ) {}

  /**
   * Writes the entries (a later duplicate key wins), then records the version if new (createdAt = when this
   * first put began) and its entry count, recounted so overwrites do not inflate it.
   */
  async put(kind: string, version: string, entries: readonly ArtifactEntry[]): Promise<void> {
    const startedAt = new Date(this.clock.now());
    const latest = [...new Map(entries.map((e) => [e.key, e.value])).entries()];
    await forEachLimited(latest, this.concurrency, async ([key, value]) => {
      const blob = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      await this.client.execute(PUT, [kind, version, key, blob], idempotent(OFFLINE));
    });
    await this.client.execute(CREATE_VERSION, [kind, version, startedAt], idempotent(OFFLINE));
    const counted = (await this.client.execute(COUNT, [kind, version], idempotent(OFFLINE))).first();
    const count = toNumber(counted?.get("entry_count"));
    await this.client.execute(SET_ENTRIES, [count, kind, version], idempotent(OFFLINE));
  }

  async get(kind: string, version: string, key: string): Promise<Uint8Array | null> {
    const row = (await this.client.execute(GET, [kind, version, key], idempotent(ONLINE))).first();
    return row === null ? null : ownBytes(row.value as Buffer);
  }

  async getMany(kind: string, version: string, keys: readonly string[]): Promise<(Uint8Array | null)[]> {
    const found = new Map<string, Uint8Array>();
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_READ) chunks.push(keys.slice(i, i + KEYS_PER_READ));
    await forEachLimited(chunks, this.concurrency, async (chunk) => {
      const result = await this.client.execute(GET_MANY, [kind, version, chunk], idempotent(ONLINE));
      for (const row of result.rows) found.set(String(row.key), ownBytes(row.value as Buffer));
    });
    return keys.map((key) => found.get(key) ?? null);
  }

  async *listKeys(kind: string, version: string): AsyncIterable<string> {
    const options = { fetchSize: this.fetchSize, executionProfile: OFFLINE };
    for await (const row of pagedRows(this.client, KEYS, [kind, version], options)) yield String(row.key);
  }

  /** Newest first by createdAt, then by version name (descending) for equal times. */
  async listVersions(kind: string): Promise<ArtifactVersion[]> {
    const result = await this.client.execute(VERSIONS, [kind], idempotent(ONLINE));
    const versions = result.rows.map((row) => ({
      kind,
      version: String(row.version),
      entries: toNumber(row.entry_count),
      createdAt: (row.created_at as Date).getTime(),
    }));
    return versions.sort(
      (a, b) => b.createdAt - a.createdAt || (a.version < b.version ? 1 : a.version > b.version ? -1 : 0),
    );
  }

  /** Removes the listing first, so no reader picks a version whose entries are being deleted. */
  async deleteVersion(kind: string, version: string): Promise<void> {
    await this.client.execute(DELETE_VERSION, [kind, version], idempotent(OFFLINE));
    await this.client.execute(DELETE_ENTRIES, [kind, version], idempotent(OFFLINE));
  }
}
