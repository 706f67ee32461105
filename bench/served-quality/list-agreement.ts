import type { ServedAnswer } from "./served-metrics.ts";

/** How the served lists agree with the offline replay's lists of the same models, user by user. */
export interface ListAgreement {
  readonly users: number;
  /** Same items in the same order. */
  readonly identical: number;
  /** Same items, another order. */
  readonly sameItems: number;
  /** Mean share of the replay's items the served list holds. */
  readonly meanOverlap: number;
  readonly bothHit: number;
  readonly servedOnlyHit: number;
  readonly replayOnlyHit: number;
  /** The first few users whose lists differ, for a look. */
  readonly examples: readonly { userId: string; served: readonly string[]; replay: readonly string[] }[];
}

const EXAMPLES = 5;

export function listAgreement(
  answers: readonly ServedAnswer[],
  replay: ReadonlyMap<string, readonly string[]>,
  heldOut: ReadonlyMap<string, string>,
  k = 10,
): ListAgreement {
  const served = new Map(answers.map((a) => [a.userId, a.status === 200 ? a.itemIds.slice(0, k) : []]));
  const counts = { identical: 0, sameItems: 0, overlap: 0, bothHit: 0, servedOnly: 0, replayOnly: 0 };
  const examples: { userId: string; served: readonly string[]; replay: readonly string[] }[] = [];
  for (const [userId, heldItem] of heldOut) {
    const ours = served.get(userId) ?? [];
    const theirs = (replay.get(userId) ?? []).slice(0, k);
    const ourSet = new Set(ours);
    const shared = theirs.filter((id) => ourSet.has(id)).length;
    counts.overlap += theirs.length === 0 ? (ours.length === 0 ? 1 : 0) : shared / theirs.length;
    if (ours.length === theirs.length && ours.every((id, i) => id === theirs[i])) counts.identical += 1;
    else {
      if (shared === theirs.length && ours.length === theirs.length) counts.sameItems += 1;
      if (examples.length < EXAMPLES) examples.push({ userId, served: ours, replay: theirs });
    }
    const servedHit = ourSet.has(heldItem);
    const replayHit = theirs.includes(heldItem);
    if (servedHit && replayHit) counts.bothHit += 1;
    else if (servedHit) counts.servedOnly += 1;
    else if (replayHit) counts.replayOnly += 1;
  }
  const users = heldOut.size;
  return {
    users,
    identical: counts.identical,
    sameItems: counts.sameItems,
    meanOverlap: users === 0 ? 0 : counts.overlap / users,
    bothHit: counts.bothHit,
    servedOnlyHit: counts.servedOnly,
    replayOnlyHit: counts.replayOnly,
    examples,
  };
}
