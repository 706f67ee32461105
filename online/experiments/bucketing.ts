import { createHash } from "node:crypto";
import type { ExperimentArm } from "../../core/ports/control-store.ts";

const TWO_TO_53 = 2 ** 53;

/**
 * Where a user falls in an experiment, uniformly in [0, 1): the first 53 bits of sha256(experimentId, userId).
 * Stable across processes and releases; each experiment hashes independently, so buckets are uncorrelated.
 */
export function bucketOf(experimentId: string, userId: string): number {
  // NUL separates the two ids (ids never contain it), so ("ab","c") and ("a","bc") differ.
  const digest = createHash("sha256").update(`${experimentId}\u0000${userId}`).digest();
  return Number(digest.readBigUInt64BE(0) >> 11n) / TWO_TO_53;
}

/**
 * The user's arm: arms cover [0, total weight) in their listed order, each as wide as its weight; arms of
 * weight 0 (or below, or not finite) are never chosen. Null when no arm has a positive weight.
 */
export function armFor<A extends Pick<ExperimentArm, "weight">>(
  experimentId: string,
  userId: string,
  arms: readonly A[],
): A | null {
  const usable = arms.filter((arm) => arm.weight > 0 && Number.isFinite(arm.weight));
  const total = usable.reduce((sum, arm) => sum + arm.weight, 0);
  if (total <= 0) return null;
  const point = bucketOf(experimentId, userId) * total;
  let end = 0;
  for (const arm of usable) {
    end += arm.weight;
    if (point < end) return arm;
  }
  // Rounding can leave `point` a hair above the summed ends; it belongs to the last arm.
  return usable[usable.length - 1] ?? null;
}
