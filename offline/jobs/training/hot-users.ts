import type { HistoryRating } from "./history.ts";

/** The `limit` most recently active users, most recent first (ties by user id). */
export function mostRecentlyActive(ratings: readonly HistoryRating[], limit: number): string[] {
  const last = new Map<string, number>();
  for (const r of ratings)
    if (r.timestamp > (last.get(r.userId) ?? Number.NEGATIVE_INFINITY)) last.set(r.userId, r.timestamp);
  return [...last]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([userId]) => userId);
}
