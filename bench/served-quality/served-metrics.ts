/** What the API answered one evaluated user. */
export interface ServedAnswer {
  readonly userId: string;
  readonly status: number;
  /** The response's `model` (ranker, embedding, cold-start, popular), null without a 200. */
  readonly model: string | null;
  readonly coldStart: boolean;
  readonly degradedReasons: readonly string[];
  /** The served list, best first. */
  readonly itemIds: readonly string[];
  readonly latencyMs: number;
}

/** Served quality under the evaluation protocol, and what the answers were made of. */
export interface ServedMetrics {
  readonly users: number;
  readonly hr10: number;
  readonly ndcg10: number;
  /** Share of the catalogue in any served top 10. */
  readonly coverage10: number;
  readonly hits: number;
  readonly failed: number;
  readonly coldStart: number;
  readonly degraded: number;
  /** Degraded answers whose reasons name a timeout: the deadline, not a fault, cost them. */
  readonly degradedByTime: number;
  readonly degradedReasons: Readonly<Record<string, number>>;
  readonly models: Readonly<Record<string, number>>;
  /** Served lists that hold an item of the user's training history (should be 0: seen items are filtered). */
  readonly listsWithSeenItems: number;
  /** Lists shorter than k. */
  readonly shortLists: number;
}

const K = 10;

function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * HR@10, NDCG@10 (binary relevance, one held-out item: 1 / log2(rank + 2)) and coverage@10 of the answers, as
 * `evaluateScorer` computes them offline. Every user of `heldOut` counts: one without an answer, or with a
 * failed one, is a miss.
 */
export function servedMetrics(
  answers: readonly ServedAnswer[],
  heldOut: ReadonlyMap<string, string>,
  catalogueSize: number,
  seenByUser: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): ServedMetrics {
  const byUser = new Map(answers.map((a) => [a.userId, a]));
  const covered = new Set<string>();
  const degradedReasons: Record<string, number> = {};
  const models: Record<string, number> = {};
  const counts = { hits: 0, dcg: 0, failed: 0, coldStart: 0, degraded: 0, byTime: 0, seen: 0, short: 0 };
  for (const [userId, heldItem] of heldOut) {
    const answer = byUser.get(userId);
    if (answer === undefined || answer.status !== 200) {
      counts.failed += 1;
      continue;
    }
    tally(models, answer.model ?? "unknown");
    if (answer.coldStart) counts.coldStart += 1;
    if (answer.degradedReasons.length > 0) {
      counts.degraded += 1;
      if (answer.degradedReasons.some((r) => r.includes("timeout"))) counts.byTime += 1;
      for (const reason of new Set(answer.degradedReasons)) tally(degradedReasons, reason);
    }
    const top = answer.itemIds.slice(0, K);
    if (top.length < K) counts.short += 1;
    const seen = seenByUser.get(userId);
    if (seen !== undefined && top.some((id) => seen.has(id))) counts.seen += 1;
    for (const id of top) covered.add(id);
    const rank = top.indexOf(heldItem);
    if (rank >= 0) {
      counts.hits += 1;
      counts.dcg += 1 / Math.log2(rank + 2);
    }
  }
  const users = heldOut.size;
  const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  return {
    users,
    hr10: rate(counts.hits, users),
    ndcg10: rate(counts.dcg, users),
    coverage10: rate(covered.size, catalogueSize),
    hits: counts.hits,
    failed: counts.failed,
    coldStart: counts.coldStart,
    degraded: counts.degraded,
    degradedByTime: counts.byTime,
    degradedReasons,
    models,
    listsWithSeenItems: counts.seen,
    shortLists: counts.short,
  };
}
