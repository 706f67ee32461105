import type { RankModel } from "./api/query-schemas.ts";
import type { ServingSnapshot } from "./lookup/types.ts";
import { coldStartList } from "./rank/cold-start.ts";
import { embeddingRanker } from "./rank/embedding-ranker.ts";
import { modelRanker } from "./rank/model-ranker.ts";
import { defaultQuotas } from "./rank/quotas.ts";
import { prepareRecall } from "./recall/channels.ts";
import { filterCandidates } from "./recall/filter.ts";
import { planRecall, runRecall } from "./recall/recall.ts";
import type { RecallChannel } from "./recall/types.ts";
import type { RankingPipeline } from "./recommend/types.ts";

/** Binds the recall channels and the two rankers into the steps the recommender runs. */
export function createRankingPipeline(
  channels: ReadonlyMap<string, RecallChannel>,
  candidatesPerChannel: number,
): RankingPipeline {
  const rankers = {
    ranker: modelRanker(channels, { model: (snapshot) => snapshot.rankerModel ?? null }),
    embedding: embeddingRanker(),
  };
  // Per-snapshot tables (catalogue order, popularity) are built once, not by the first request after a swap.
  const prepared = new WeakSet<ServingSnapshot>();
  const prepare = (snapshot: ServingSnapshot) => {
    if (prepared.has(snapshot)) return;
    prepareRecall(snapshot);
    prepared.add(snapshot);
  };
  return {
    quotasFor: (model: RankModel, snapshot) => defaultQuotas(model, snapshot.ranker, candidatesPerChannel),
    async recall(context, quotas) {
      prepare(context.snapshot);
      const { plan, failures } = planRecall(channels, { ...quotas });
      const outcome = await runRecall(context, plan);
      return { candidates: outcome.candidates, failures: [...failures, ...outcome.failures] };
    },
    filter: (candidates, context, exclude) =>
      filterCandidates(candidates, { snapshot: context.snapshot, user: context.user, exclude }),
    rank: (model, context, candidates, k, explain) =>
      rankers[model].rank({ context, candidates, k, explain }),
    coldStart(snapshot, k, exclude) {
      prepare(snapshot);
      return coldStartList(snapshot, { k, exclude });
    },
  };
}
