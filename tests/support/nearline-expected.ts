import { BehaviourGraphBuilder } from "../../core/graph/index.ts";
import type { HistoryEntry } from "../../core/user-state/index.ts";
import { userEmbeddingMean, userEmbeddingRecency } from "../../offline/algorithms/item2vec/index.ts";
import type { Rating } from "../../offline/data/index.ts";
import { buildUserFeatures, type UserFeatures } from "../../offline/features/user-features.ts";
import { likedSequences } from "../../offline/jobs/training/liked-sequences.ts";
import { EMBEDDING_MODELS } from "../../schemas/index.ts";
import { type NearlineDataset, ratingEvent } from "./nearline-dataset.ts";

/** What the nearline state of one user must be after the whole data set, by the offline definitions. */
export interface ExpectedUser {
  readonly userId: string;
  /** The newest `historySize` ratings, newest first. */
  readonly history: readonly HistoryEntry[];
  readonly features: UserFeatures;
  /** Per user-embedding model, the user vector, or null when no liked item has a vector in that model. */
  readonly embeddings: ReadonlyMap<string, Float32Array | null>;
}

/** The whole expected state: users, and the behaviour graph's out-edges (from → to → weight). */
export interface ExpectedState {
  readonly users: ReadonlyMap<string, ExpectedUser>;
  readonly edges: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Every item of the catalogue: the graph check reads each one's successors, so extra edges show up. */
  readonly itemIds: readonly string[];
  /** The reference time of the features: the latest rating of the data set. */
  readonly asOf: number;
}

/** The behaviour graph the offline tier builds from the users' liked sequences, as plain maps. */
function offlineEdges(liked: ReadonlyMap<string, readonly Rating[]>): Map<string, Map<string, number>> {
  const builder = new BehaviourGraphBuilder();
  for (const sequence of liked.values()) builder.addSequence(sequence.map((r) => r.itemId));
  const graph = builder.build();
  const edges = new Map<string, Map<string, number>>();
  graph.nodes.forEach((from, node) => {
    const out = new Map<string, number>();
    for (let at = graph.offsets[node] as number; at < (graph.offsets[node + 1] as number); at++) {
      out.set(graph.nodes[graph.targets[at] as number] as string, graph.weights[at] as number);
    }
    if (out.size > 0) edges.set(from, out);
  });
  return edges;
}

function userEmbeddings(data: NearlineDataset, liked: readonly Rating[], halfLifeMs: number) {
  const ids = liked.map((r) => r.itemId);
  const { item2vec, deepwalk, node2vec } = data.vectors;
  return new Map<string, Float32Array | null>([
    [EMBEDDING_MODELS.item2vec, userEmbeddingMean(item2vec, ids)],
    [EMBEDDING_MODELS.item2vecRecent, userEmbeddingRecency(item2vec, liked, halfLifeMs)],
    [EMBEDDING_MODELS.deepwalk, userEmbeddingMean(deepwalk, ids)],
    [EMBEDDING_MODELS.node2vec, userEmbeddingMean(node2vec, ids)],
  ]);
}

function historyOf(ratings: readonly Rating[], size: number): HistoryEntry[] {
  return ratings
    .slice(-size)
    .reverse()
    .map((r) => {
      const { eventId, itemId, timestamp, rating } = ratingEvent(r);
      return { eventId, type: "rating" as const, itemId, timestamp, rating };
    });
}

/** The offline tier's view of the data set: graph edges, user features, user embeddings, recent history. */
export function expectedState(
  data: NearlineDataset,
  settings: { readonly historySize: number; readonly recencyHalfLifeMs: number },
): ExpectedState {
  const asOf = data.ratings.reduce((max, r) => Math.max(max, r.timestamp), 0);
  const features = buildUserFeatures(data.movies, data.ratings, { asOf });
  const liked = likedSequences(data.ratings);
  const byUser = new Map<string, Rating[]>();
  for (const r of data.ratings) {
    const list = byUser.get(r.userId);
    if (list) list.push(r);
    else byUser.set(r.userId, [r]);
  }
  const users = new Map<string, ExpectedUser>();
  for (const [userId, ratings] of byUser) {
    users.set(userId, {
      userId,
      history: historyOf(ratings, settings.historySize),
      features: features.get(userId) as UserFeatures,
      embeddings: userEmbeddings(data, liked.get(userId) ?? [], settings.recencyHalfLifeMs),
    });
  }
  const itemIds = data.movies.map((m) => m.itemId);
  return { users, edges: offlineEdges(liked), itemIds, asOf };
}
