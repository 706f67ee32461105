import type { RankerModel, RankerScorer } from "../../core/ranking/index.ts";
import {
  CHANNEL_FEATURE_COUNT,
  channelsOfFeatureNames,
  rankingRowWidth,
  writeChannelFeatures,
  writeContextFeatures,
} from "../../core/ranking/ranking-features.ts";
import type { Candidate, RecallChannel } from "../recall/types.ts";
import { linearParts } from "./linear-parts.ts";
import { RankerUnavailableError } from "./ranker-unavailable.ts";
import { topIndices } from "./top-k.ts";
import type { RankedItem, Ranker, RankInput } from "./types.ts";

export interface ModelRankerOptions {
  /**
   * The published model behind `snapshot.ranker`, when the caller has it: a linear one (no hidden layers) makes
   * `explain` add each feature's weight × standardised value. Ignored when its feature names differ.
   */
  readonly model?: (snapshot: RankInput["context"]["snapshot"]) => RankerModel | null;
}

const channelsOfScorer = new WeakMap<RankerScorer, string[]>();

/** The ranker's channels in feature order (parsed from its `<channel>:score` names once per scorer). */
export function rankerChannels(scorer: RankerScorer): string[] {
  let channels = channelsOfScorer.get(scorer);
  if (channels === undefined) {
    try {
      channels = channelsOfFeatureNames(scorer.featureNames);
    } catch (error) {
      throw new RankerUnavailableError(error instanceof Error ? error.message : String(error));
    }
    channelsOfScorer.set(scorer, channels);
  }
  return channels;
}

/**
 * The published ranking model over the recalled candidates, with the feature rows the offline trainer and
 * evaluator compute (core/ranking/ranking-features): per ranker channel, squash(the channel's score of the
 * item) — every candidate is scored by every channel, whichever recalled it — and the reciprocal rank where the
 * channel recalled it (0 otherwise); then item, user and cross features. Throws `RankerUnavailableError` when no
 * ranker is published or one of its channels cannot score.
 */
export function modelRanker(
  channels: ReadonlyMap<string, RecallChannel>,
  options: ModelRankerOptions = {},
): Ranker {
  return {
    name: "ranker",
    rank({ context, candidates, k, explain }: RankInput): RankedItem[] {
      const { snapshot, user } = context;
      const scorer = snapshot.ranker;
      if (scorer === null) throw new RankerUnavailableError("no ranking model is published");
      const names = rankerChannels(scorer);
      const scorers = names.map((name) => {
        const channel = channels.get(name);
        if (channel?.score === undefined) {
          throw new RankerUnavailableError(`the ranker's channel ${name} cannot score items here`);
        }
        return channel;
      });
      const rows = candidates.length;
      if (rows === 0) return [];
      const ids = candidates.map((c) => c.itemId);
      const width = rankingRowWidth(names.length);
      const features = new Float32Array(rows * width);
      scorers.forEach((channel, c) => {
        const scores = channel.score?.(context, ids) as Float32Array;
        for (let row = 0; row < rows; row++) {
          const rank = (candidates[row] as Candidate).channels.get(channel.name)?.rank ?? -1;
          writeChannelFeatures(
            features,
            row * width + c * CHANNEL_FEATURE_COUNT,
            scores[row] as number,
            rank,
          );
        }
      });
      const userFeatures = user.features ?? undefined;
      for (let row = 0; row < rows; row++) {
        const item = snapshot.itemFeatures.get(ids[row] as string);
        const at = row * width + names.length * CHANNEL_FEATURE_COUNT;
        writeContextFeatures(features, at, item, userFeatures, snapshot.genreVocabulary);
      }
      const out = new Float32Array(rows);
      scorer.score(features, rows, out);
      const model = explain ? (options.model?.(snapshot) ?? null) : null;
      return topIndices(ids, out, k).map((row) => {
        const candidate = candidates[row] as Candidate;
        const item: RankedItem = {
          itemId: candidate.itemId,
          score: out[row] as number,
          channels: [...candidate.channels.keys()],
        };
        if (!explain) return item;
        const values = features.subarray(row * width, (row + 1) * width);
        const byName = Object.fromEntries(scorer.featureNames.map((name, f) => [name, values[f] as number]));
        const parts = { score: out[row] as number, ...linearParts(model, scorer.featureNames, values) };
        return { ...item, explain: { features: byName, parts } };
      });
    },
  };
}
