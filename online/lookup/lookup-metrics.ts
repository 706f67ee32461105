import type { Tier } from "./types.ts";

/**
 * What happened to one lookup of one key. Exactly one of `l1` / `l2` / `l3` (the tier that answered) or `miss`
 * (no tier had it) per key; besides that, `error` for each tier that failed, `corrupt` for each unreadable value
 * met on the way, and `fill_error` for each upper-tier write that failed after an answer from below.
 */
export type LookupOutcome = "l1" | "l2" | "l3" | "miss" | "error" | "corrupt" | "fill_error";

/**
 * Where tiered lookups report their outcomes; the app maps it to prom-client counters (labels lookup, outcome,
 * tier), tests to a plain tally. `tier` names the tier an `error`, `corrupt` or `fill_error` happened at.
 */
export interface LookupMetrics {
  onOutcome(lookup: string, outcome: LookupOutcome, tier?: Tier): void;
}

/** Drops every report. */
export const noLookupMetrics: LookupMetrics = { onOutcome: () => {} };

/** A tally of outcomes in memory, for tests and tools. */
export interface CountingLookupMetrics extends LookupMetrics {
  /** How often `outcome` was reported for `lookup` (at `tier`, when given; at any tier otherwise). */
  count(lookup: string, outcome: LookupOutcome, tier?: Tier): number;
  /** Every non-zero count, keyed `lookup/outcome` or `lookup/outcome/tier`. */
  counts(): Record<string, number>;
  reset(): void;
}

export function createCountingLookupMetrics(): CountingLookupMetrics {
  const tally = new Map<string, number>();
  const keyOf = (lookup: string, outcome: LookupOutcome, tier?: Tier) =>
    tier === undefined ? `${lookup}/${outcome}` : `${lookup}/${outcome}/${tier}`;
  return {
    onOutcome(lookup, outcome, tier) {
      const key = keyOf(lookup, outcome, tier);
      tally.set(key, (tally.get(key) ?? 0) + 1);
    },
    count(lookup, outcome, tier) {
      if (tier !== undefined) return tally.get(keyOf(lookup, outcome, tier)) ?? 0;
      const prefix = keyOf(lookup, outcome);
      let sum = 0;
      for (const [key, n] of tally) if (key === prefix || key.startsWith(`${prefix}/`)) sum += n;
      return sum;
    },
    counts: () => Object.fromEntries(tally),
    reset: () => tally.clear(),
  };
}
