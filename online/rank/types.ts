import type { Candidate, RecallContext } from "../recall/types.ts";

/** Why an item got its score: feature values by name and the parts the score is made of. */
export interface Explanation {
  readonly features: Record<string, number>;
  readonly parts: Record<string, number>;
}

/** One ranked item of a served list. */
export interface RankedItem {
  readonly itemId: string;
  readonly score: number;
  /** The channels that recalled it, in channel order. */
  readonly channels: string[];
  readonly explain?: Explanation;
}

export interface RankInput {
  /** The context recall ran with (the model ranker asks its channels to score candidates with it). */
  readonly context: RecallContext;
  /** Filtered candidates. */
  readonly candidates: readonly Candidate[];
  readonly k: number;
  readonly explain?: boolean;
}

/** Orders candidates; returns the best `k`, best first (equal scores by item id, as offline). */
export interface Ranker {
  readonly name: "ranker" | "embedding";
  rank(input: RankInput): RankedItem[];
}
