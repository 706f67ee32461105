import type { ArtifactEntry, ArtifactFile, CacheWrite } from "../../../core/ports/index.ts";

/** Everything one version consists of, handed to `publishVersion` in one piece. */
export interface VersionBundle {
  /** Version pointer kinds (VERSION_KINDS) switched to this version together, in one transaction. */
  readonly pointers: readonly string[];
  readonly artifacts: readonly { readonly kind: string; readonly entries: readonly ArtifactEntry[] }[];
  /** Cache warming; every key must carry the version so nothing is visible before the pointer switch. */
  readonly cacheWrites: readonly CacheWrite[];
  /** The file copy written under the artifact directory. */
  readonly files: readonly ArtifactFile[];
  /** What the promotion gate compares with the serving version's score; absent = always promoted. */
  readonly score?: VersionScore;
}

/** The figure a version is promoted on, stored with it so the next version can be compared. */
export interface VersionScore {
  /** e.g. `hr@10` */
  readonly metric: string;
  /** The model the figure belongs to. */
  readonly model: string;
  readonly value: number;
}

const encoder = new TextEncoder();

/** Encodes a value as JSON bytes for an artifact entry. */
export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** Decodes an artifact entry written with `jsonBytes`. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes));
}
