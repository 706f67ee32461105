/** Artifact kinds stored in the BulkStore and pointed at by ControlStore versions. */
export const ARTIFACT_KINDS = {
  /** Per-item statistics (count, mean, Bayesian average), key = item id, value = JSON. */
  itemStats: "item-stats",
  /** Top items per genre by Bayesian average, key = genre (or `*`), value = JSON array of item ids. */
  genreTop: "genre-top",
  /** The most rated items, key `all`, value = JSON array of item ids. */
  popularity: "popularity",
} as const;

/** Kinds of version pointer kept in the ControlStore; one pointer covers a consistent set of artifacts. */
export const VERSION_KINDS = {
  /** Item statistics, genre top lists and the popularity list, published together. */
  popularity: "popularity",
} as const;

export type ArtifactKind = (typeof ARTIFACT_KINDS)[keyof typeof ARTIFACT_KINDS];

/** Version ids sort by time: `v<yyyymmddHHMMss>-<suffix>`. */
export function newVersionId(now: number, suffix: string): string {
  const stamp = new Date(now).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `v${stamp}-${suffix}`;
}
