/** The index families Starling can build; `exact` is the brute-force ground truth. */
export type AnnKind = "hnsw" | "lsh" | "exact";

/** One search hit: the item id and its cosine similarity to the query. */
export interface AnnHit {
  readonly id: string;
  readonly score: number;
}

export interface AnnSearchOptions {
  /** Ids never returned, e.g. the query item itself or items the user has seen. */
  readonly exclude?: ReadonlySet<string>;
}

/**
 * Nearest neighbours by cosine similarity over a fixed set of item vectors (one embedding kind and version).
 *
 * Guarantees every implementation keeps:
 * - Vectors are normalised to unit length at build time (a zero vector stays zero) and queries at search time,
 *   so `score` is the cosine similarity, in [-1, 1] up to float rounding; a zero query scores 0 against all.
 * - `search` returns at most `k` hits, best first, never an excluded id, never the same id twice. `exact` and
 *   `hnsw` return `min(k, size - excluded ids present)` hits; `lsh` only finds items that share a bucket with
 *   the query, so it may return fewer. `k <= 0` returns []. A query whose length is not `dimension` throws.
 * - `exact` returns the true top k (ties by build order); the others approximate it.
 * - Ids round-trip as given (any string, unique within an index), and `load(serialize())` answers every query
 *   exactly as the serialised index did, in another process too.
 * - An index is read-only after build; `search` is synchronous and safe to call from any number of requests.
 */
export interface AnnIndex {
  readonly kind: AnnKind;
  readonly dimension: number;
  readonly size: number;
  search(query: Float32Array, k: number, options?: AnnSearchOptions): AnnHit[];
  /** A self-describing byte form (format magic, version, kind, checksum) for BulkStore or artifact files. */
  serialize(): Uint8Array;
}

/** Hierarchical navigable small world graph (Malkov & Yashunin) parameters, named as hnswlib names them. */
export interface HnswParams {
  /** Graph links per node and layer; memory and build time grow with it. */
  readonly M: number;
  /** Candidate list size while inserting; higher builds a better graph, slower. */
  readonly efConstruction: number;
  /** Candidate list size while searching (at least k is used); the recall / speed knob. */
  readonly ef: number;
  readonly seed: number;
}

/** Random-projection LSH as Spark's BucketedRandomProjectionLSH hashes, with AND / OR amplification. */
export interface LshParams {
  /** Width w of a bucket on each random unit direction a: h(v) = floor(a·v / w), v normalised. */
  readonly bucketLength: number;
  /** Hash tables; an item is a candidate when it shares a bucket with the query in any of them (OR). */
  readonly tables: number;
  /** Projections concatenated into one table's key; all must agree for a shared bucket (AND). */
  readonly projectionsPerTable: number;
  readonly seed: number;
}

/** Build parameters of each kind; `exact` has none. */
export interface AnnParams {
  hnsw: HnswParams;
  lsh: LshParams;
  exact: Record<string, never>;
}

/**
 * Builds indexes offline and loads serialised ones online.
 *
 * Guarantees:
 * - `build` copies what it needs: later changes to `vectors` do not affect the index. It rejects a `vectors`
 *   length other than `ids.length * dimension`, non-finite values, duplicate ids and invalid parameters with a
 *   ValidationError; parameters left out take the factory's defaults.
 * - `load` accepts the bytes of any kind's `serialize()` and rejects anything else (wrong magic, unknown format
 *   version or kind, truncation, checksum mismatch) with a StarlingError of code `corrupt_value`.
 */
export interface AnnIndexFactory {
  build<K extends AnnKind>(
    kind: K,
    ids: readonly string[],
    vectors: Float32Array,
    dimension: number,
    params?: Partial<AnnParams[K]>,
  ): AnnIndex;
  load(bytes: Uint8Array): AnnIndex;
}
