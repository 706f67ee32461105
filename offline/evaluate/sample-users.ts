import type { EvaluationSplit } from "./types.ts";

/** FNV-1a of the text mixed with a seed, then murmur3's finaliser so near-identical ids spread out. */
function rank(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * The split with at most `maxUsers` evaluated users, chosen by a seeded hash of the user id, so the same data and
 * seed evaluate the same users; training data is unchanged. Returns the split itself when it is small enough.
 */
export function sampleEvaluatedUsers(
  split: EvaluationSplit,
  maxUsers: number,
  seed: number,
): EvaluationSplit {
  if (split.heldOut.size <= maxUsers) return split;
  const chosen = [...split.heldOut.keys()]
    .map((userId) => ({ userId, rank: rank(userId, seed) }))
    .sort((a, b) => a.rank - b.rank || (a.userId < b.userId ? -1 : 1))
    .slice(0, maxUsers);
  const heldOut = new Map(chosen.map(({ userId }) => [userId, split.heldOut.get(userId) as string]));
  return { ...split, heldOut };
}
