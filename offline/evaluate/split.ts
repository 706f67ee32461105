import { compareRatings } from "./rating-order.ts";
import { type EvaluationSplit, LIKE_THRESHOLD, type RatingRow } from "./types.ts";

/**
 * Leave-last-out split (benchmarks.md): per user, holds out the last liked rating in (timestamp, itemId) order
 * and drops every rating of that user at or after its timestamp. Users with fewer than 2 liked ratings, or whose
 * liked ratings all share one timestamp, keep everything and are not evaluated.
 */
export function splitLeaveLastOut(
  ratings: readonly RatingRow[],
  likeThreshold: number = LIKE_THRESHOLD,
): EvaluationSplit {
  const byUser = groupByUser(ratings);
  const heldOut = new Map<string, string>();
  const cutoff = new Map<string, number>();
  for (const [userId, rows] of byUser) {
    rows.sort(compareRatings);
    const held = heldOutRow(rows, likeThreshold);
    if (held === undefined) continue;
    heldOut.set(userId, held.itemId);
    cutoff.set(userId, held.timestamp);
  }
  // Filtering the input (not the sorted groups) keeps `train` in input order, so callers see a stable order.
  const keep = (row: RatingRow) => row.timestamp < (cutoff.get(row.userId) ?? Number.POSITIVE_INFINITY);
  const train = ratings.filter(keep);
  const trainByUser = new Map<string, readonly RatingRow[]>();
  for (const [userId, rows] of byUser) trainByUser.set(userId, rows.filter(keep));
  return { train, heldOut, trainByUser };
}

function groupByUser(ratings: readonly RatingRow[]): Map<string, RatingRow[]> {
  const byUser = new Map<string, RatingRow[]>();
  for (const row of ratings) {
    const rows = byUser.get(row.userId);
    if (rows === undefined) byUser.set(row.userId, [row]);
    else rows.push(row);
  }
  return byUser;
}

/**
 * The last liked row of sorted `rows` when the user also liked something strictly earlier, else undefined.
 * "At least 2 liked ratings" is read as 2 liked timestamps: if every like shares the held-out timestamp, the
 * cut would leave no liked training item (user 163 of ml-latest-small), and the reference count of 607
 * evaluated users excludes that case.
 */
function heldOutRow(rows: readonly RatingRow[], likeThreshold: number): RatingRow | undefined {
  let first: RatingRow | undefined;
  let last: RatingRow | undefined;
  for (const row of rows) {
    if (row.rating < likeThreshold) continue;
    first ??= row;
    last = row;
  }
  return first !== undefined && last !== undefined && first.timestamp < last.timestamp ? last : undefined;
}
