import { catalogueIndex } from "./catalogue-index.ts";
import { rankOf, selectTopK } from "./top-k.ts";
import type { EvaluationSplit, ModelMetrics, RatingRow, Scorer } from "./types.ts";

/** Options of `evaluateScorer`; `now` is the clock for `scoringMs` (milliseconds, default `performance.now`). */
export interface EvaluateOptions {
  readonly onProgress?: (usersDone: number, usersTotal: number) => void;
  readonly now?: () => number;
}

const COVERAGE_K = 10;

/**
 * Scores every evaluated user's candidates (catalogue items not in their training history) and computes
 * HR@10, NDCG@10, HR@50 and coverage@10. A held-out item missing from the catalogue, or scored -Infinity,
 * counts as a miss.
 */
export function evaluateScorer(
  split: EvaluationSplit,
  catalogue: readonly string[],
  scorer: Scorer,
  options: EvaluateOptions = {},
): ModelMetrics {
  const now = options.now ?? (() => performance.now());
  const index = catalogueIndex(catalogue);
  const scores = new Float32Array(catalogue.length);
  const top = new Int32Array(COVERAGE_K);
  const covered = new Uint8Array(catalogue.length);
  const total = split.heldOut.size;
  const tally = { hits10: 0, hits50: 0, dcg: 0 };
  let done = 0;
  const start = now();
  for (const [userId, heldItem] of split.heldOut) {
    const history = split.trainByUser.get(userId) ?? [];
    scorer.score(userId, history, scores);
    excludeHistory(scores, history, index);
    const count = selectTopK(scores, COVERAGE_K, top);
    for (let i = 0; i < count; i++) covered[top[i] as number] = 1;
    const target = index.get(heldItem);
    addRank(tally, target === undefined ? -1 : rankOf(scores, target));
    options.onProgress?.(++done, total);
  }
  const scoringMs = now() - start;
  return {
    model: scorer.name,
    users: total,
    hr10: rate(tally.hits10, total),
    ndcg10: rate(tally.dcg, total),
    hr50: rate(tally.hits50, total),
    coverage10: rate(countOnes(covered), catalogue.length),
    scoringMs,
  };
}

/** Binary relevance with one held-out item: DCG@10 is 1 / log2(rank + 2) for a 0-based rank, IDCG is 1. */
function addRank(tally: { hits10: number; hits50: number; dcg: number }, rank: number): void {
  if (rank < 0) return;
  if (rank < 10) {
    tally.hits10++;
    tally.dcg += 1 / Math.log2(rank + 2);
  }
  if (rank < 50) tally.hits50++;
}

function excludeHistory(
  scores: Float32Array,
  history: readonly RatingRow[],
  index: ReadonlyMap<string, number>,
) {
  for (const row of history) {
    const position = index.get(row.itemId);
    if (position !== undefined) scores[position] = Number.NEGATIVE_INFINITY;
  }
}

function countOnes(flags: Uint8Array): number {
  let n = 0;
  for (const flag of flags) n += flag;
  return n;
}

function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
