import { ValidationError } from "../../errors.ts";
import type { CacheWrite, Checkpoint } from "../feature-cache.ts";

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(message, [{ field, message }]);
}

function requirePositiveInteger(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw invalid(field, `${field} must be a positive integer`);
}

function requireFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) throw invalid(field, `${field} must be a finite number`);
}

/** Rejects arguments that no stored state could make valid: bad TTLs, caps, increments and scores. */
export function checkWriteInput(write: CacheWrite): void {
  if ("ttlMs" in write && write.ttlMs !== undefined) requirePositiveInteger(write.ttlMs, "ttlMs");
  switch (write.op) {
    case "lpush":
      requirePositiveInteger(write.cap, "cap");
      return;
    case "hincrby":
      if (!Number.isSafeInteger(write.by)) throw invalid("by", "by must be an integer");
      return;
    case "zincrby":
      requireFinite(write.by, "by");
      return;
    case "zadd":
      for (const entry of write.entries) requireFinite(entry.score, "score");
      return;
    case "setVector":
      if (!(write.vector instanceof Float32Array)) throw invalid("vector", "vector must be a Float32Array");
      return;
    default:
      return;
  }
}

/** Rejects a checkpoint whose offset is not a non-negative integer. */
export function checkCheckpointInput(checkpoint: Checkpoint): void {
  if (!Number.isSafeInteger(checkpoint.offset) || checkpoint.offset < 0) {
    throw invalid("offset", "checkpoint offset must be a non-negative integer");
  }
}

/** Writes with nothing to add, skipped entirely (Redis rejects HSET/LPUSH/ZADD without arguments). */
export function isEmptyWrite(write: CacheWrite): boolean {
  switch (write.op) {
    case "hset":
      return Object.keys(write.fields).length === 0;
    case "lpush":
      return write.values.length === 0;
    case "zadd":
      return write.entries.length === 0;
    default:
      return false;
  }
}
