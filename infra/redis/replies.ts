import { StarlingError } from "../../core/errors.ts";
import type { ScoredMember } from "../../core/ports/feature-cache.ts";
import { bytesToFloat32 } from "../../core/vector-bytes.ts";

/** A Redis score reply: a decimal, or inf / -inf, which JavaScript's Number does not read. */
export function parseScore(text: string): number {
  if (text === "inf" || text === "+inf") return Number.POSITIVE_INFINITY;
  if (text === "-inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** ZREVRANGE ... WITHSCORES replies alternate member and score; Redis's order is kept. */
export function scoredMembers(flat: readonly string[]): ScoredMember[] {
  const members: ScoredMember[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    members.push({ member: flat[i] as string, score: parseScore(flat[i + 1] as string) });
  }
  return members;
}

/** A stored vector, or null; bytes that are not whole Float32 values reject with corrupt_value. */
export function vectorFrom(bytes: Buffer | null): Float32Array | null {
  return bytes === null ? null : bytesToFloat32(bytes);
}

const storedOffset = /^(0|[1-9][0-9]*)$/;

/** A checkpoint field's offset, or null; anything but a decimal offset is corrupt_value. */
export function parseCheckpoint(key: string, field: string, stored: string | null): number | null {
  if (stored === null) return null;
  const offset = Number(stored);
  if (!storedOffset.test(stored) || !Number.isSafeInteger(offset)) {
    throw new StarlingError(`checkpoint "${key}" field "${field}" holds "${stored}", not an offset`, {
      code: "corrupt_value",
      field: key,
    });
  }
  return offset;
}
