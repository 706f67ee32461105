/** A raw event as the offline tier reads it back: the envelope's keys plus the whole event as JSON. */
export interface RawEvent {
  readonly eventId: string;
  readonly type: string;
  readonly userId: string;
  readonly itemId: string;
  /** Event time, milliseconds since the epoch. */
  readonly timestamp: number;
  /** The validated event serialised as JSON. */
  readonly body: string;
}

export interface EventQuery {
  /** Only this user's events; the cheap query (one partition range in Cassandra). */
  readonly userId?: string;
  /** Inclusive lower bound on event time (ms). */
  readonly from?: number;
  /** Exclusive upper bound on event time (ms). */
  readonly to?: number;
  readonly types?: readonly string[];
}

export interface ArtifactEntry {
  readonly key: string;
  readonly value: Uint8Array;
}

export interface ArtifactVersion {
  readonly kind: string;
  readonly version: string;
  readonly entries: number;
  /** When the first entry of the version was written (ms). */
  readonly createdAt: number;
}

/**
 * Bulk storage for raw events and versioned artifacts (the Cassandra role).
 *
 * Guarantees every adapter keeps (checked by the contract suite):
 * - `appendEvents` is idempotent by `eventId`: appending the same event again stores it once.
 * - A user's events read back in event-time order (ties by `eventId`).
 * - Artifacts are addressed by (kind, version, key); writing the same key again replaces the value.
 * - Reading a missing artifact gives null; listing an unknown version gives no keys; deleting one is a no-op.
 * - Values round-trip byte-exactly.
 */
export interface BulkStore {
  appendEvents(events: readonly RawEvent[]): Promise<void>;
  /** Stream events matching the query; without `userId`, order is by user, then time. */
  readEvents(query?: EventQuery): AsyncIterable<RawEvent>;
  putArtifacts(kind: string, version: string, entries: readonly ArtifactEntry[]): Promise<void>;
  getArtifact(kind: string, version: string, key: string): Promise<Uint8Array | null>;
  /** Values in the order of `keys`, null where missing. */
  getArtifacts(kind: string, version: string, keys: readonly string[]): Promise<(Uint8Array | null)[]>;
  /** Every key of a version, in key order. */
  listArtifactKeys(kind: string, version: string): AsyncIterable<string>;
  /** Versions of a kind, newest first. */
  listVersions(kind: string): Promise<ArtifactVersion[]>;
  deleteVersion(kind: string, version: string): Promise<void>;
  close(): Promise<void>;
}
