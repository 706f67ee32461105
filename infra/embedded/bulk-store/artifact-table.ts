import type { Database } from "better-sqlite3";
import type { Clock } from "../../../core/clock.ts";
import type { ArtifactEntry, ArtifactVersion } from "../../../core/ports/bulk-store.ts";
import { guard } from "../sqlite/index.ts";
import {
  type ArtifactStatements,
  artifactInsertSql,
  INSERT_CHUNK_ROWS,
  prepareArtifactStatements,
} from "./artifact-statements.ts";
import { toBytes } from "./bytes.ts";

/** The artifacts and versions tables: (kind, version, key) → bytes, plus when each version was first written. */
export class ArtifactTable {
  private readonly sql: ArtifactStatements;
  private readonly putAll: (kind: string, version: string, entries: readonly ArtifactEntry[]) => void;
  private readonly deleteAll: (kind: string, version: string) => void;

  constructor(
    db: Database,
    clock: Clock,
    private readonly pageSize: number,
  ) {
    const sql = prepareArtifactStatements(db);
    this.sql = sql;
    this.putAll = db.transaction((kind: string, version: string, entries: readonly ArtifactEntry[]) => {
      sql.recordVersion.run(kind, version, clock.now());
      for (let start = 0; start < entries.length; start += INSERT_CHUNK_ROWS) {
        const chunk = entries.slice(start, start + INSERT_CHUNK_ROWS);
        const insert =
          chunk.length === INSERT_CHUNK_ROWS
            ? sql.insertFullChunk
            : db.prepare(artifactInsertSql(chunk.length));
        insert.run(chunk.flatMap((entry) => [kind, version, entry.key, entry.value]));
      }
    });
    this.deleteAll = db.transaction((kind: string, version: string) => {
      sql.deleteEntries.run(kind, version);
      sql.deleteVersionRow.run(kind, version);
    });
  }

  /** Write entries in one transaction, replacing existing keys; an empty list writes nothing. */
  put(kind: string, version: string, entries: readonly ArtifactEntry[]): void {
    if (entries.length === 0) return;
    guard(`write artifacts ${kind}/${version}`, () => this.putAll(kind, version, entries));
  }

  /** Values in the order of `keys`, null where missing. */
  getMany(kind: string, version: string, keys: readonly string[]): (Uint8Array | null)[] {
    if (keys.length === 0) return [];
    const rows = guard(`read artifacts ${kind}/${version}`, () =>
      this.sql.selectValues.all(kind, version, JSON.stringify(keys)),
    );
    const byKey = new Map(rows.map((row) => [row.key, row.value]));
    return keys.map((key) => {
      const value = byKey.get(key);
      return value === undefined ? null : toBytes(value);
    });
  }

  /** Every key of a version in key order, read a page at a time so the connection is free between pages. */
  async *listKeys(kind: string, version: string): AsyncGenerator<string> {
    let after: string | undefined;
    for (;;) {
      const keys = guard(`list artifact keys ${kind}/${version}`, () => this.keyPage(kind, version, after));
      yield* keys;
      after = keys.at(-1);
      if (after === undefined || keys.length < this.pageSize) return;
    }
  }

  /** Versions of a kind, newest first, with their entry counts. */
  listVersions(kind: string): ArtifactVersion[] {
    const rows = guard(`list versions of ${kind}`, () => this.sql.selectVersions.all(kind));
    return rows.map((row) => ({
      kind,
      version: row.version,
      entries: row.entries,
      createdAt: row.created_at,
    }));
  }

  /** Remove a version's entries and its version row; unknown versions are a no-op. */
  deleteVersion(kind: string, version: string): void {
    guard(`delete version ${kind}/${version}`, () => this.deleteAll(kind, version));
  }

  private keyPage(kind: string, version: string, after: string | undefined): string[] {
    return after === undefined
      ? this.sql.firstKeyPage.all(kind, version, this.pageSize)
      : this.sql.nextKeyPage.all(kind, version, after, this.pageSize);
  }
}
