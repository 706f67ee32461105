import { EMBEDDING_MODELS } from "../../schemas/index.ts";
import { item2vecUserVector } from "../recall/embedding-channels.ts";
import { reciprocalRankSum } from "../recall/merge.ts";
import type { Candidate } from "../recall/types.ts";
import { topIndices } from "./top-k.ts";
import type { Explanation, RankedItem, Ranker, RankInput } from "./types.ts";

function innerProduct(user: Float64Array, item: Float32Array): number {
  let sum = 0;
  const n = Math.min(user.length, item.length);
  for (let d = 0; d < n; d++) sum += (user[d] as number) * (item[d] as number);
  return sum;
}

function channelFeatures(candidate: Candidate): Record<string, number> {
  const features: Record<string, number> = {};
  for (const [name, { rank, score }] of candidate.channels) {
    features[`${name}:rank`] = rank;
    features[`${name}:score`] = score;
  }
  return features;
}

/**
 * The reference design's ranker: the inner product of the user's Item2Vec vector (the stored one, else the
 * mean of the liked items' unit vectors) with each candidate's Item2Vec vector. Candidates without a vector
 * (or every candidate, for a user without one) are ordered by channel evidence (reciprocal-rank sum, e) below
 * every scored candidate: score = lowest inner product - 1 + e / (1 + e), which stays under that lowest one.
 */
export function embeddingRanker(): Ranker {
  return {
    name: "embedding",
    rank({ context, candidates, k, explain }: RankInput): RankedItem[] {
      const vectors = context.snapshot.embeddings.get(EMBEDDING_MODELS.item2vec);
      const user = item2vecUserVector(context.user, vectors);
      const products = candidates.map((c) => {
        const item = user === null ? undefined : vectors?.vectors.get(c.itemId);
        return user === null || item === undefined ? null : innerProduct(user, item);
      });
      const evidence = candidates.map(reciprocalRankSum);
      let floor = Number.POSITIVE_INFINITY;
      for (const p of products) if (p !== null) floor = Math.min(floor, p);
      if (floor === Number.POSITIVE_INFINITY) floor = 1;
      const scores = candidates.map((_, i) => {
        const p = products[i] ?? null;
        const e = evidence[i] as number;
        return p ?? floor - 1 + e / (1 + e);
      });
      const ids = candidates.map((c) => c.itemId);
      return topIndices(ids, scores, k).map((i) => {
        const candidate = candidates[i] as Candidate;
        const item: RankedItem = {
          itemId: candidate.itemId,
          score: scores[i] as number,
          channels: [...candidate.channels.keys()],
        };
        if (!explain) return item;
        const product = products[i] ?? null;
        const parts: Record<string, number> = { channelEvidence: evidence[i] as number };
        if (product !== null) parts.innerProduct = product;
        const features = channelFeatures(candidate);
        if (product !== null) features["item2vec:innerProduct"] = product;
        const explanation: Explanation = { features, parts };
        return { ...item, explain: explanation };
      });
    },
  };
}
