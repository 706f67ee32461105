import type { ServingSnapshot, UserProfile } from "../lookup/types.ts";
import type { Candidate } from "./types.ts";

export interface FilterOptions {
  readonly snapshot: ServingSnapshot;
  /** Whose seen items are dropped; null for an anonymous list (cold start). */
  readonly user: UserProfile | null;
  /** Ids the request asked to leave out. */
  readonly exclude?: ReadonlySet<string>;
}

/** Whether an item may be shown: in the catalogue, eligible, not seen by the user, not excluded. */
export function isServable(itemId: string, options: FilterOptions): boolean {
  if (options.user?.seen.has(itemId)) return false;
  if (options.exclude?.has(itemId)) return false;
  return options.snapshot.items.get(itemId)?.eligible === true;
}

/** Drops seen, unknown, ineligible and excluded candidates, keeping the order. */
export function filterCandidates(candidates: readonly Candidate[], options: FilterOptions): Candidate[] {
  return candidates.filter((c) => isServable(c.itemId, options));
}
