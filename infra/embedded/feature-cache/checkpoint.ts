import type { CacheWrite, Checkpoint } from "../../../core/ports/feature-cache.ts";
import { corruptCheckpointError } from "./cache-errors.ts";
import { type CacheStore, readKind } from "./typed-access.ts";

const storedOffset = /^(0|[1-9][0-9]*)$/;

/** The offset stored in hash `key` field `field`, or null; a non-decimal value is corrupt_value. */
export function readCheckpoint(store: CacheStore, key: string, field: string, now: number): number | null {
  const stored = readKind(store, key, "hash", now)?.fields.get(field);
  if (stored === undefined) return null;
  const offset = Number(stored);
  if (!storedOffset.test(stored) || !Number.isSafeInteger(offset))
    throw corruptCheckpointError(key, field, stored);
  return offset;
}

/** The write recording `checkpoint`: its next offset as a decimal string in the checkpoint hash. */
export function checkpointWrite(checkpoint: Checkpoint): CacheWrite {
  return { op: "hset", key: checkpoint.key, fields: { [checkpoint.field]: String(checkpoint.offset) } };
}
