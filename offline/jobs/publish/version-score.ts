import { ARTIFACT_KINDS } from "../../../schemas/index.ts";
import type { JobDeps } from "../job-deps.ts";
import { jsonBytes, parseJsonBytes, type VersionScore } from "./version-bundle.ts";

const SCORE_KEY = "score";

/** The artifact entry that stores a version's promotion score. */
export function scoreArtifact(score: VersionScore) {
  return { kind: ARTIFACT_KINDS.evaluation, entries: [{ key: SCORE_KEY, value: jsonBytes(score) }] };
}

/** The promotion score stored with a version, or null when it has none or it cannot be read. */
export async function readVersionScore(deps: JobDeps, version: string): Promise<VersionScore | null> {
  const bytes = await deps.bulk.getArtifact(ARTIFACT_KINDS.evaluation, version, SCORE_KEY);
  if (bytes === null) return null;
  try {
    const value = parseJsonBytes(bytes) as Partial<VersionScore>;
    if (typeof value.value !== "number" || typeof value.metric !== "string") return null;
    return { metric: value.metric, model: String(value.model), value: value.value };
  } catch {
    return null;
  }
}

export interface GateDecision {
  readonly promote: boolean;
  readonly reason: string;
}

/**
 * Promote unless the serving version scored better by more than `margin` (relative), on the same metric.
 * A serving version without a comparable score never blocks.
 */
export function decidePromotion(
  candidate: VersionScore | undefined,
  serving: VersionScore | null,
  margin: number,
): GateDecision {
  if (candidate === undefined) return { promote: true, reason: "no score to compare" };
  if (serving === null || serving.metric !== candidate.metric) {
    return { promote: true, reason: "the serving version has no comparable score" };
  }
  const floor = serving.value * (1 - margin);
  const figures = `${candidate.metric} ${candidate.value.toFixed(4)} vs serving ${serving.value.toFixed(4)}`;
  if (candidate.value + 1e-12 >= floor) return { promote: true, reason: figures };
  return {
    promote: false,
    reason: `${figures}: more than ${(margin * 100).toFixed(1)}% worse (floor ${floor.toFixed(4)})`,
  };
}
