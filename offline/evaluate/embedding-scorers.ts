import {
  addUnitVector,
  alignToCatalogue,
  type CatalogueEmbeddings,
  cosineScores,
} from "./catalogue-embeddings.ts";
import { compareRatings } from "./rating-order.ts";
import { type EmbeddingTable, LIKE_THRESHOLD, type RatingRow, type Scorer } from "./types.ts";

type UserVector = (
  embeddings: CatalogueEmbeddings,
  history: readonly RatingRow[],
  user: Float64Array,
) => void;

/** A scorer by cosine with a user vector built from the history; the vector buffer is reused for every user. */
function userVectorScorer(
  name: string,
  table: EmbeddingTable,
  catalogue: readonly string[],
  fill: UserVector,
): Scorer {
  const embeddings = alignToCatalogue(table, catalogue);
  const user = new Float64Array(embeddings.dimension);
  return {
    name,
    score(_userId, history, out) {
      user.fill(0);
      fill(embeddings, history, user);
      cosineScores(embeddings, user, out);
    },
  };
}

/**
 * Scores by cosine with the mean of the user's liked training items' unit vectors (unit, as gensim's
 * `most_similar` averages them, so no item dominates by its norm). A user with no liked item the model knows
 * scores 0 on every known item (ties fall to catalogue order); items missing from the model score -Infinity.
 */
export function meanOfLikedScorer(
  name: string,
  table: EmbeddingTable,
  catalogue: readonly string[],
  likeThreshold: number = LIKE_THRESHOLD,
): Scorer {
  return userVectorScorer(name, table, catalogue, (embeddings, history, user) => {
    let liked = 0;
    for (const row of history) {
      if (row.rating < likeThreshold) continue;
      if (addUnitVector(embeddings, row.itemId, user)) liked++;
    }
    // Dividing by `liked` changes no cosine; it keeps the vector the documented mean.
    if (liked > 0) for (let d = 0; d < user.length; d++) user[d] = (user[d] as number) / liked;
  });
}

/**
 * Scores by cosine with the user's last liked training item (latest in (timestamp, itemId) order) that the model
 * knows; same fallback as `meanOfLikedScorer` when there is none.
 */
export function lastLikedScorer(
  name: string,
  table: EmbeddingTable,
  catalogue: readonly string[],
  likeThreshold: number = LIKE_THRESHOLD,
): Scorer {
  return userVectorScorer(name, table, catalogue, (embeddings, history, user) => {
    const last = lastKnownLiked(embeddings, history, likeThreshold);
    if (last !== undefined) addUnitVector(embeddings, last.itemId, user);
  });
}

/** Searches the whole history rather than trusting its order, so any caller's history works. */
function lastKnownLiked(
  embeddings: CatalogueEmbeddings,
  history: readonly RatingRow[],
  likeThreshold: number,
): RatingRow | undefined {
  let last: RatingRow | undefined;
  for (const row of history) {
    if (row.rating < likeThreshold || !embeddings.rowOf.has(row.itemId)) continue;
    if (last === undefined || compareRatings(row, last) > 0) last = row;
  }
  return last;
}
