import type { ScoredMember } from "../../../core/ports/feature-cache.ts";

/**
 * Compares strings by Unicode code point, which is the UTF-8 byte order Redis uses for members. Plain `<`
 * compares UTF-16 units and would put U+10000 and above before U+E000..U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return surrogateLast(x) - surrogateLast(y);
  }
  return a.length - b.length;
}

/** Moves surrogate units above U+E000..U+FFFF so UTF-16 unit order matches code point order. */
function surrogateLast(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Members by score descending, ties by member descending: the ZREVRANGE order. */
export function byScoreDescending(scores: ReadonlyMap<string, number>): ScoredMember[] {
  const members = Array.from(scores, ([member, score]) => ({ member, score }));
  return members.sort((a, b) => b.score - a.score || compareCodePoints(b.member, a.member));
}
