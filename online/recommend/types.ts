import type { RankModel } from "../api/query-schemas.ts";
import type { ServingSnapshot, UserProfile } from "../lookup/types.ts";
import type { Candidate, RecallContext } from "../recall/types.ts";

export interface RecommendRequest {
  readonly userId: string;
  readonly k: number;
  /** Absent: the experiment arm's model, else the ranker when published, else embedding. */
  readonly model?: RankModel;
  readonly exclude: readonly string[];
  readonly explain: boolean;
}

export interface RankedItem {
  readonly itemId: string;
  readonly score: number;
  readonly channels: readonly string[];
  readonly explain?: { features: Record<string, number>; parts: Record<string, number> };
}

/** The recall → filter → rank steps, as the orchestrator sees them (bound to channels and rankers in wiring). */
export interface RankingPipeline {
  /** Default channel quotas of a model, for this snapshot (the ranker's are its training channels). */
  quotasFor(model: RankModel, snapshot: ServingSnapshot): Record<string, number>;
  recall(
    context: RecallContext,
    quotas: Readonly<Record<string, number>>,
  ): Promise<{ candidates: Candidate[]; failures: string[] }>;
  filter(candidates: readonly Candidate[], context: RecallContext, exclude: ReadonlySet<string>): Candidate[];
  rank(
    model: RankModel,
    context: RecallContext,
    candidates: readonly Candidate[],
    k: number,
    explain: boolean,
  ): RankedItem[];
  /** Genre and popularity lists for a user with no history. */
  coldStart(snapshot: ServingSnapshot, k: number, exclude: ReadonlySet<string>): RankedItem[];
}

export interface Assignment {
  readonly experimentId: string;
  readonly arm: string;
  readonly params: { readonly model?: RankModel; readonly quotas?: Readonly<Record<string, number>> };
}

export interface UserProfileSource {
  load(userId: string, options: { timeoutMs: number }): Promise<UserProfile>;
}
