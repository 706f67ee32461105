import type { ItemFeatures, UserFeatures } from "../../core/features/index.ts";
import type { RankerModel, RankerScorer } from "../../core/ranking/index.ts";

/** The tiers a lookup can be answered from, fastest first. */
export type Tier = "l1" | "l2" | "l3";

/** One catalogue item as the online tier shows it. */
export interface ServedItem {
  readonly itemId: string;
  readonly title: string;
  readonly year: number | null;
  readonly genres: readonly string[];
  readonly eligible: boolean;
}

/** An item's published rating statistics. */
export interface ItemStats {
  readonly ratingCount: number;
  readonly averageRating: number | null;
  readonly bayesianAverage: number | null;
}

/** One model's item vectors of the active embeddings version, with the index recall searches. */
export interface ItemVectors {
  readonly model: string;
  readonly dimension: number;
  /** How `score` and `search` compare: cosine (item2vec, deepwalk, node2vec) or inner product (als). */
  readonly metric: "cosine" | "dot";
  /** The vectors as published. */
  readonly vectors: ReadonlyMap<string, Float32Array>;
  /** The same vectors scaled to unit length as the offline evaluation scales them (a zero vector stays zero). */
  readonly unitVectors: ReadonlyMap<string, Float32Array>;
  /**
   * Nearest items to a query. Cosine models (item2vec, deepwalk, node2vec) search the published HNSW index;
   * ALS scores by inner product, as the offline channel does. Scores are cosines or inner products.
   */
  search(query: Float32Array, k: number, exclude?: ReadonlySet<string>): { id: string; score: number }[];
  /** The channel score of one item for a query (cosine or inner product); -Infinity for an unknown item. */
  score(query: Float32Array, itemId: string): number;
}

/**
 * Everything item-side the request path needs, of one set of active versions, held wholly in process memory
 * (L1) and swapped as one object when a version pointer changes.
 */
export interface ServingSnapshot {
  readonly versions: {
    readonly popularity: string | null;
    readonly features: string | null;
    readonly embeddings: string | null;
  };
  /** When this snapshot was loaded (ms). */
  readonly loadedAt: number;
  readonly items: ReadonlyMap<string, ServedItem>;
  /** Published rating statistics of every rated item (the popularity version's item-stats). */
  readonly itemStats: ReadonlyMap<string, ItemStats>;
  readonly itemFeatures: ReadonlyMap<string, ItemFeatures>;
  /** The genre vocabulary of `ItemFeatures.genres` (the feature transforms'). */
  readonly genreVocabulary: readonly string[];
  /** Most rated items first, with their rating counts (the popularity channel and the last-resort list). */
  readonly popular: readonly { readonly itemId: string; readonly count: number }[];
  /** Per genre (and `*` for all), item ids by Bayesian average, best first. */
  readonly genreTop: ReadonlyMap<string, readonly string[]>;
  /** Item ids by release year, newest first (ties by popularity). */
  readonly recentReleases: readonly string[];
  /** Per embedding model, the item vectors of the embeddings version. */
  readonly embeddings: ReadonlyMap<string, ItemVectors>;
  /** Strongest offline behaviour-graph successors of an item, strongest first. */
  graphNext(itemId: string, k: number): { itemId: string; weight: number }[];
  /** The published ranking model, or null when the version has none. */
  readonly ranker: RankerScorer | null;
  /** The model behind `ranker` (absent in hand-built snapshots), for explaining a linear model's scores. */
  readonly rankerModel?: RankerModel | null;
}

/** One rating or click of the user, as the online tier sees it. */
export interface UserAction {
  readonly itemId: string;
  readonly type: "rating" | "click";
  /** Null for clicks. */
  readonly rating: number | null;
  readonly timestamp: number;
}

/** What the request path knows about one user, merged from the nearline's live state and the archive. */
export interface UserProfile {
  readonly userId: string;
  /** Every rating and click known, newest first ((timestamp, itemId) descending). */
  readonly actions: readonly UserAction[];
  /** Items rated or clicked: what the "already seen" filter drops. */
  readonly seen: ReadonlySet<string>;
  /** The latest liked item (rating >= 3.5, by (timestamp, itemId)), or null. */
  readonly lastLiked: string | null;
  /** Rating features: the nearline's live counters when present, else the published ones; null when none. */
  readonly features: UserFeatures | null;
  /** Per embedding model, the user vector of the active embeddings version. */
  readonly embeddings: ReadonlyMap<string, Float32Array>;
  /**
   * Which tier answered each part, for explain and metrics: `history` (the live list, always L2), `archive`,
   * `features` (L2 for the live counters) and `embeddings` (the deepest tier any vector came from); "none" when
   * the part is empty or could not be read.
   */
  readonly tiers: Readonly<Record<string, Tier | "none">>;
  /**
   * Tiers that failed while loading, as degraded reasons `<dependency>:<timeout|open|error>` (e.g.
   * `cache:timeout`), deduplicated; a failure is listed even when a lower tier still answered the part.
   */
  readonly failures: readonly string[];
}
