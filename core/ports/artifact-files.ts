/** One file of a published version, by its plain name (no folders). */
export interface ArtifactFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/**
 * A folder per published version beside the stores, for people and tools that read files (the artifacts'
 * file copy). The BulkStore and ControlStore stay the source of truth.
 *
 * Guarantees:
 * - `writeVersion` is all or nothing: a version's folder appears complete or not at all, also after a crash.
 *   Writing a version that exists replaces it as a whole.
 * - `markActive` replaces the pointer atomically; `active` reads null before the first call.
 * - Deleting a missing version is a no-op; `listVersions` ignores unfinished writes.
 */
export interface ArtifactFiles {
  writeVersion(version: string, files: readonly ArtifactFile[]): Promise<void>;
  markActive(version: string): Promise<void>;
  active(): Promise<string | null>;
  listVersions(): Promise<string[]>;
  deleteVersion(version: string): Promise<void>;
}
