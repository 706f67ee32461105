import { compareRatings } from "../../core/rating-order.ts";
import { EMBEDDING_MODELS } from "../../schemas/index.ts";
import type { ItemVectors, UserProfile } from "../lookup/types.ts";
import { likedRatings } from "./liked-ratings.ts";
import { catalogueOrder, topHits } from "./ordering.ts";
import type { RecallChannel, RecallContext, RecallHit } from "./types.ts";
import {
  meanOfUnitVectors,
  scoreItem,
  scoreItems,
  type VectorMetric,
  type VectorQuery,
  vectorQuery,
} from "./vector-maths.ts";

/** A channel's query for one user against one model's vectors. */
interface Prepared {
  readonly vectors: ItemVectors;
  readonly query: VectorQuery;
  readonly hasDirection: boolean;
}

/** Builds a channel's float64 query from the user and the model's vectors; null when the user gives none. */
type QueryOf = (user: UserProfile, vectors: ItemVectors) => Float64Array | null;

/**
 * Extra hits asked of the (approximate) index beyond the quota: hits are re-scored exactly and re-ordered, so a
 * tie straddling the cut-off, or an item outside the catalogue, does not push out the item offline would keep.
 */
const SEARCH_SLACK = 16;

/**
 * An embedding recall channel, defined as the offline channel of the same name: the user's query against every
 * item of `model`, the user's seen items removed, best first (ties by catalogue order). A user without a query
 * scores 0 on every known item, so the channel recalls the first known items in catalogue order, exactly as
 * the offline channel did when the ranker was trained. Items the model lacks score -Infinity.
 */
function embeddingChannel(
  name: string,
  model: string,
  metric: VectorMetric,
  queryOf: QueryOf,
): RecallChannel {
  // `recall` and the ranker's `score` of one request see the same profile object: the query is built once.
  const preparedOf = new WeakMap<UserProfile, Prepared>();
  const prepare = (context: RecallContext): Prepared | null => {
    const vectors = context.snapshot.embeddings.get(model);
    if (vectors === undefined) return null;
    const known = preparedOf.get(context.user);
    if (known !== undefined && known.vectors === vectors) return known;
    const vector = queryOf(context.user, vectors);
    const usable = vector !== null && vector.length === vectors.dimension ? vector : null;
    const query = vectorQuery(metric, usable, vectors.dimension);
    // A zero vector has no direction either: every known item scores 0 (cosine scale 0, or inner product 0).
    const hasDirection = usable !== null && query.scale > 0 && usable.some((v) => v !== 0);
    const prepared = { vectors, query, hasDirection };
    preparedOf.set(context.user, prepared);
    return prepared;
  };
  return {
    name,
    recall(context, quota) {
      const prepared = prepare(context);
      if (prepared === null || quota <= 0) return [];
      const { vectors, query, hasDirection } = prepared;
      const { snapshot, user } = context;
      if (!hasDirection) return firstKnown(context, vectors, quota);
      const probe = Float32Array.from(query.vector);
      const hits: RecallHit[] = [];
      for (const hit of vectors.search(probe, quota + SEARCH_SLACK, user.seen)) {
        if (user.seen.has(hit.id) || !snapshot.items.has(hit.id)) continue;
        hits.push({ itemId: hit.id, score: Math.fround(scoreItem(vectors, query, hit.id)) });
      }
      return topHits(hits, quota);
    },
    score(context, itemIds) {
      const out = new Float32Array(itemIds.length).fill(Number.NEGATIVE_INFINITY);
      const prepared = prepare(context);
      if (prepared !== null) scoreItems(prepared.vectors, prepared.query, itemIds, out);
      return out;
    },
  };
}

/** The first `quota` unseen catalogue items the model knows, each scoring 0 (a query without direction). */
function firstKnown(context: RecallContext, vectors: ItemVectors, quota: number): RecallHit[] {
  const hits: RecallHit[] = [];
  for (const itemId of catalogueOrder(context.snapshot)) {
    if (hits.length >= quota) break;
    if (!context.user.seen.has(itemId) && vectors.vectors.has(itemId)) hits.push({ itemId, score: 0 });
  }
  return hits;
}

/** Mean of the unit vectors of the liked items the model knows (offline `meanOfLikedScorer`). */
const meanOfLiked: QueryOf = (user, vectors) =>
  meanOfUnitVectors(
    vectors,
    likedRatings(user).map((r) => r.itemId),
  );

/** The unit vector of the latest liked item the model knows (offline `lastLikedScorer`). */
const lastLiked: QueryOf = (user, vectors) => {
  let last: { itemId: string; timestamp: number } | undefined;
  for (const rating of likedRatings(user)) {
    if (!vectors.vectors.has(rating.itemId)) continue;
    if (last === undefined || compareRatings(rating, last) > 0) last = rating;
  }
  const unit = last === undefined ? undefined : vectors.unitVectors.get(last.itemId);
  return unit === undefined ? null : Float64Array.from(unit);
};

/** The user's published (or nearline) vector of `model`. */
const userVector =
  (model: string): QueryOf =>
  (user) => {
    const vector = user.embeddings.get(model);
    return vector === undefined ? null : Float64Array.from(vector);
  };

/** `item2vec-mean`: liked items' mean; without a liked item the model knows, the user's Item2Vec vector. */
export function item2vecMeanChannel(): RecallChannel {
  const stored = userVector(EMBEDDING_MODELS.item2vec);
  return embeddingChannel("item2vec-mean", EMBEDDING_MODELS.item2vec, "cosine", (user, vectors) => {
    return meanOfLiked(user, vectors) ?? stored(user, vectors);
  });
}

/** `item2vec-last`, `deepwalk`, `node2vec`: cosine with the last liked item the model knows. */
export function lastLikedChannel(name: string, model: string): RecallChannel {
  return embeddingChannel(name, model, "cosine", lastLiked);
}

/** `als`: inner product of the user's ALS factors with each item's. */
export function alsChannel(): RecallChannel {
  return embeddingChannel(
    EMBEDDING_MODELS.als,
    EMBEDDING_MODELS.als,
    "dot",
    userVector(EMBEDDING_MODELS.als),
  );
}

/** The user's Item2Vec query as the embedding ranker uses it: the stored vector, else the liked items' mean. */
export function item2vecUserVector(user: UserProfile, vectors: ItemVectors | undefined): Float64Array | null {
  const stored = user.embeddings.get(EMBEDDING_MODELS.item2vec);
  if (stored !== undefined) return Float64Array.from(stored);
  return vectors === undefined ? null : meanOfLiked(user, vectors);
}
