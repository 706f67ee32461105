import type { Clock } from "../../core/clock.ts";
import { StarlingError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { RankModel } from "../api/query-schemas.ts";
import type { ServingSnapshot, UserProfile } from "../lookup/types.ts";
import type { RecallContext } from "../recall/types.ts";
import { createDeadline } from "../resilience/deadline.ts";
import { DependencyUnavailable } from "../resilience/types.ts";
import { emptyProfile } from "./empty-profile.ts";
import { popularFallback } from "./popular-fallback.ts";
import type {
  Assignment,
  RankedItem,
  RankingPipeline,
  RecommendRequest,
  UserProfileSource,
} from "./types.ts";

export interface RecommenderDeps {
  readonly snapshots: { current(): ServingSnapshot | null };
  readonly users: UserProfileSource;
  readonly pipeline: RankingPipeline;
  readonly experiments: {
    assign(userId: string): Assignment | null;
    /** Channel quotas set in the ControlStore, or null when none are set. */
    quotas(): Readonly<Record<string, number>> | null;
  };
  readonly clock: Clock;
  readonly logger: Logger;
  /** The whole request's budget (ms). */
  readonly deadlineMs: number;
  /**
   * Most requests computed at once; more are answered at once from the popular list (`overload:shed`), so an
   * overloaded process keeps its latency bounded instead of queueing work until every deadline has passed.
   */
  readonly maxInFlight?: number;
  readonly onStage?: (stage: "lookup" | "recall" | "rank", seconds: number) => void;
}

export interface Recommendation {
  readonly userId: string;
  readonly k: number;
  readonly model: RankModel | "cold-start" | "popular";
  readonly modelVersion: string | null;
  readonly coldStart: boolean;
  readonly degradedReasons: readonly string[];
  readonly experiment: { readonly id: string; readonly arm: string } | null;
  readonly items: readonly RankedItem[];
}

/** Shares of the remaining budget: lookup first, recall next, ranking gets the rest (it needs no I/O). */
const LOOKUP_SHARE = 0.4;
const RECALL_SHARE = 0.7;

/** Code of the 503 answered while no version has been loaded yet. */
export const NOTHING_SERVED = "not_published";

function reasonOf(stage: string, error: unknown): string {
  if (error instanceof DependencyUnavailable) return `${error.dependency}:${error.reason}`;
  return `${stage}:error`;
}

function chooseModel(
  request: RecommendRequest,
  assignment: Assignment | null,
  snapshot: ServingSnapshot,
  reasons: string[],
): RankModel {
  const wanted = request.model ?? assignment?.params.model ?? (snapshot.ranker ? "ranker" : "embedding");
  if (wanted === "ranker" && snapshot.ranker === null) {
    // Asked for explicitly or by an arm, but this version has none: the embedding ranker still answers.
    if (request.model !== undefined || assignment?.params.model !== undefined)
      reasons.push("ranker:unpublished");
    return "embedding";
  }
  return wanted;
}

/**
 * The request path of architecture §7: lookup → recall → filter → rank, within one deadline. Every failure on the
 * way is skipped and named in `degradedReasons`; the last resort is the in-process popular list, so a loaded
 * snapshot always yields an answer.
 */
export function createRecommender(deps: RecommenderDeps) {
  const timed = async <T>(stage: "lookup" | "recall" | "rank", run: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      deps.onStage?.(stage, (performance.now() - started) / 1000);
    }
  };

  async function lookup(userId: string, timeoutMs: number, reasons: string[]): Promise<UserProfile> {
    try {
      const profile = await deps.users.load(userId, { timeoutMs });
      reasons.push(...profile.failures);
      return profile;
    } catch (error) {
      const reason = reasonOf("lookup", error);
      deps.logger.warn("user lookup failed; serving without the user's state", { userId, reason });
      reasons.push(reason);
      return emptyProfile(userId, reason);
    }
  }

  let inFlight = 0;
  return {
    async recommend(request: RecommendRequest): Promise<Recommendation> {
      const snapshot = deps.snapshots.current();
      if (snapshot === null) {
        throw new StarlingError("nothing is published yet: run `recsys offline train` (the demo does)", {
          code: NOTHING_SERVED,
          status: 503,
          retriable: true,
        });
      }
      if (inFlight >= (deps.maxInFlight ?? Number.POSITIVE_INFINITY)) {
        const items = popularFallback(snapshot, request.k, new Set(request.exclude));
        const experiment = null;
        const degradedReasons = ["overload:shed", "fallback:popular"];
        const modelVersion = snapshot.versions.embeddings;
        return {
          userId: request.userId,
          k: request.k,
          model: "popular",
          modelVersion,
          coldStart: false,
          degradedReasons,
          experiment,
          items,
        };
      }
      inFlight += 1;
      try {
        return await compute(snapshot, request);
      } finally {
        inFlight -= 1;
      }
    },
  };

  async function compute(snapshot: ServingSnapshot, request: RecommendRequest): Promise<Recommendation> {
    const deadline = createDeadline(deps.deadlineMs, deps.clock);
    const reasons: string[] = [];
    const exclude = new Set(request.exclude);
    const assignment = deps.experiments.assign(request.userId);
    const experiment = assignment ? { id: assignment.experimentId, arm: assignment.arm } : null;
    const base = {
      userId: request.userId,
      k: request.k,
      experiment,
      modelVersion: snapshot.versions.embeddings,
    };
    try {
      const user = await timed("lookup", () => lookup(request.userId, deadline.slice(LOOKUP_SHARE), reasons));
      if (user.actions.length === 0 && user.embeddings.size === 0) {
        const items = deps.pipeline.coldStart(snapshot, request.k, exclude);
        return { ...base, model: "cold-start", coldStart: true, degradedReasons: reasons, items };
      }
      if (deadline.remaining() <= 0) {
        // The budget went on the lookup (an overloaded process or slow stores): answer the cheap list now rather
        // than spend CPU on recall that a queue of other requests is waiting for.
        const items = popularFallback(snapshot, request.k, new Set([...user.seen, ...exclude]));
        const degradedReasons = [...reasons, "deadline:lookup", "fallback:popular"];
        return { ...base, model: "popular", coldStart: false, degradedReasons, items };
      }
      let model = chooseModel(request, assignment, snapshot, reasons);
      let defaultQuotas: Record<string, number>;
      try {
        defaultQuotas = deps.pipeline.quotasFor(model, snapshot);
      } catch (error) {
        // A ranker whose channels cannot be read (trained on a channel unknown here) must not cost the answer.
        if (model !== "ranker") throw error;
        reasons.push("ranker:unavailable");
        model = "embedding";
        defaultQuotas = deps.pipeline.quotasFor(model, snapshot);
      }
      // The ControlStore quotas tune the embedding model's channels; the ranker keeps the channels and quotas it
      // was trained on (other candidates would not be what it learned to order). An arm may override either.
      const quotas = {
        ...defaultQuotas,
        ...(model === "embedding" ? (deps.experiments.quotas() ?? {}) : {}),
        ...(assignment?.params.quotas ?? {}),
      };
      const recallSignal = AbortSignal.any([
        deadline.signal,
        AbortSignal.timeout(deadline.slice(RECALL_SHARE)),
      ]);
      const context: RecallContext = { snapshot, user, now: deps.clock.now(), signal: recallSignal };
      const recalled = await timed("recall", () => deps.pipeline.recall(context, quotas));
      reasons.push(...recalled.failures);
      const candidates = deps.pipeline.filter(recalled.candidates, context, exclude);
      const ranked = await timed("rank", () => {
        try {
          return deps.pipeline.rank(model, context, candidates, request.k, request.explain);
        } catch (error) {
          if (model !== "ranker") throw error;
          // A ranker that cannot score (a channel it needs is gone) must not cost the answer.
          reasons.push("ranker:unavailable");
          deps.logger.warn("the ranking model failed; ranking by embedding", {
            message: (error as Error).message,
          });
          // The answer names the model that ordered it.
          model = "embedding";
          return deps.pipeline.rank(model, context, candidates, request.k, request.explain);
        }
      });
      // Too few candidates (a heavy user, a tiny catalogue): top up from the popular list.
      const items =
        ranked.length < request.k
          ? popularFallback(snapshot, request.k, new Set([...user.seen, ...exclude]), ranked)
          : ranked;
      return { ...base, model, coldStart: false, degradedReasons: reasons, items };
    } catch (error) {
      const reason = reasonOf("recommend", error);
      deps.logger.warn("recommendation failed; serving the popular list", {
        userId: request.userId,
        reason,
        message: (error as Error).message,
      });
      const items = popularFallback(snapshot, request.k, exclude);
      return {
        ...base,
        model: "popular",
        coldStart: false,
        degradedReasons: [...reasons, reason, "fallback:popular"],
        items,
      };
    } finally {
      deadline.dispose();
    }
  }
}

export type Recommender = ReturnType<typeof createRecommender>;
