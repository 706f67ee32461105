import type { EvaluationSplit } from "../evaluate/types.ts";
import type { CandidateCollector } from "./candidates.ts";
import { fillRankingFeatures, type RankingContext, rankingFeatureNames } from "./ranking-features.ts";

export interface RankerRows {
  readonly featureNames: string[];
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly groups: Int32Array;
  readonly rows: number;
  /** Users whose held-out item some channel recalled (only they give training rows). */
  readonly usersWithPositive: number;
}

/**
 * Learning-to-rank rows from a leave-last-out split: for every held-out user the channels' candidates become rows,
 * labelled 1 for the held-out item and 0 otherwise. Users whose held-out item no channel recalled are skipped:
 * the ranker cannot help them, and they would only add negatives.
 */
export function buildRankerRows(
  split: EvaluationSplit,
  collector: CandidateCollector,
  catalogueIndex: ReadonlyMap<string, number>,
  context: RankingContext,
): RankerRows {
  const featureNames = rankingFeatureNames(collector.names);
  const width = featureNames.length;
  const chunks: { features: Float32Array; labels: Uint8Array; group: number }[] = [];
  let rows = 0;
  for (const [userId, heldItem] of split.heldOut) {
    const target = catalogueIndex.get(heldItem);
    const candidates = collector.collect(userId, split.trainByUser.get(userId) ?? []);
    const labels = new Uint8Array(candidates.count);
    let positive = false;
    for (let i = 0; i < candidates.count; i++) {
      if (candidates.indices[i] === target) {
        labels[i] = 1;
        positive = true;
      }
    }
    if (!positive) continue;
    const features = new Float32Array(candidates.count * width);
    fillRankingFeatures(candidates, userId, context, features);
    chunks.push({ features, labels, group: chunks.length });
    rows += candidates.count;
  }
  const features = new Float32Array(rows * width);
  const labels = new Uint8Array(rows);
  const groups = new Int32Array(rows);
  let at = 0;
  for (const chunk of chunks) {
    features.set(chunk.features, at * width);
    labels.set(chunk.labels, at);
    groups.fill(chunk.group, at, at + chunk.labels.length);
    at += chunk.labels.length;
  }
  return { featureNames, features, labels, groups, rows, usersWithPositive: chunks.length };
}
