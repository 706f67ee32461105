import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ItemFeatures } from "../../core/features/index.ts";
import { catalogueIndex } from "../evaluate/catalogue-index.ts";
import type { EvaluationSplit, RatingRow, Scorer } from "../evaluate/types.ts";
import { CandidateCollector } from "./candidates.ts";
import { buildRankerRows } from "./ranker-rows.ts";
import { fillRankingFeatures, type RankingContext, rankingFeatureNames } from "./ranking-features.ts";
import { rerankingScorer } from "./reranking-scorer.ts";

const catalogue = ["a", "b", "c", "d", "e"];
const index = catalogueIndex(catalogue);

/** A channel that scores the catalogue with fixed values, whoever asks. */
function fixed(name: string, values: number[]): Scorer {
  return { name, score: (_u, _h, out) => out.set(values) };
}

const rating = (userId: string, itemId: string): RatingRow => ({ userId, itemId, rating: 5, timestamp: 1 });

const item = (itemId: string, genres: number[]): ItemFeatures =>
  ({
    itemId,
    genres,
    ratingCountNorm: 0.5,
    bayesianAverageNorm: 0.25,
    yearNorm: null,
  }) as unknown as ItemFeatures;

const context: RankingContext = {
  items: [item("a", [1, 0]), item("b", [0, 1]), item("c", [1, 1]), undefined, item("e", [0, 0])],
  users: new Map([
    [
      "u",
      {
        userId: "u",
        ratingCount: 3,
        averageRating: 4,
        lastRatingAt: 0,
        daysSinceLastRating: 0,
        genreAffinity: { comedy: 1, drama: -1 },
        genreLikedShare: { comedy: 0.5 },
      },
    ],
  ]),
  genres: ["comedy", "drama"],
};

describe("candidates from several channels", () => {
  it("merges each channel's top items without the user's history, remembering ranks", () => {
    const channels = [fixed("x", [5, 4, 3, 2, 1]), fixed("y", [1, 2, 3, 4, 5])];
    const collector = new CandidateCollector(channels, index, 2);
    const found = collector.collect("u", [rating("u", "a")]);
    // x without a: b, c; y: e, d.
    assert.deepEqual([...found.indices.subarray(0, found.count)], [1, 2, 4, 3]);
    assert.equal(found.channelRanks[0]?.[1], 0);
    assert.equal(found.channelRanks[0]?.[4], -1);
    assert.equal(found.channelRanks[1]?.[4], 0);
    assert.equal(found.channelScores[0]?.[0], Number.NEGATIVE_INFINITY, "seen items are removed");
    assert.deepEqual(collector.names, ["x", "y"]);
  });
});

describe("ranking features", () => {
  it("writes channel scores, reciprocal ranks, item, user and genre-match features per candidate", () => {
    const collector = new CandidateCollector([fixed("x", [5, 4, 3, 2, 1])], index, 2);
    const found = collector.collect("u", [rating("u", "a")]);
    const names = rankingFeatureNames(["x"]);
    const out = new Float32Array(found.count * names.length);
    fillRankingFeatures(found, "u", context, out);
    const row = (r: number) => Object.fromEntries(names.map((n, i) => [n, out[r * names.length + i]]));
    const b = row(0);
    assert.ok(Math.abs((b["x:score"] as number) - Math.log1p(4)) < 1e-6);
    assert.equal(b["x:reciprocalRank"], 1);
    assert.equal(b["item:ratingCountNorm"], 0.5);
    assert.equal(b["item:yearKnown"], 0);
    assert.ok(Math.abs((b["user:logRatingCount"] as number) - Math.log1p(3)) < 1e-6);
    assert.equal(b["cross:genreAffinity"], -1, "b is a drama, which the user rates below their mean");
    const c = row(1);
    assert.equal(c["x:reciprocalRank"], 0.5);
    assert.equal(c["cross:genreAffinity"], 0, "c is both: +1 and -1 average out");
    assert.equal(c["cross:genreLikedShare"], 0.25);
  });
});

describe("ranker rows and re-ranking", () => {
  const split: EvaluationSplit = {
    train: [],
    heldOut: new Map([
      ["u", "c"],
      ["v", "a"],
    ]),
    trainByUser: new Map([
      ["u", [rating("u", "a")]],
      ["v", [rating("v", "a")]],
    ]),
  };

  it("labels the held-out item among the candidates and skips users whose item was not recalled", () => {
    const collector = new CandidateCollector([fixed("x", [5, 4, 3, 2, 1])], index, 2);
    const rows = buildRankerRows(split, collector, index, context);
    assert.equal(rows.usersWithPositive, 1, "v's held-out item is in v's history, so never recalled");
    assert.equal(rows.rows, 2);
    assert.deepEqual([...rows.labels], [0, 1]);
    assert.deepEqual([...rows.groups], [0, 0]);
    assert.equal(rows.features.length, 2 * rows.featureNames.length);
  });

  it("orders only recalled items by the ranker's scores", () => {
    const collector = new CandidateCollector([fixed("x", [5, 4, 3, 2, 1])], index, 2);
    const prefersLowerChannelScore = {
      featureNames: rankingFeatureNames(["x"]),
      score(features: Float32Array, rows: number, out: Float32Array) {
        const width = rankingFeatureNames(["x"]).length;
        for (let r = 0; r < rows; r++) out[r] = -(features[r * width] as number);
      },
    };
    const scorer = rerankingScorer("ranker", collector, context, prefersLowerChannelScore);
    const out = new Float32Array(catalogue.length);
    scorer.score("u", [rating("u", "a")], out);
    assert.equal(out[0], Number.NEGATIVE_INFINITY);
    assert.equal(out[3], Number.NEGATIVE_INFINITY, "not recalled");
    assert.ok((out[2] as number) > (out[1] as number), "c beats b once re-ranked");
  });

  it("refuses a ranker trained on other features than the channels give", () => {
    const collector = new CandidateCollector([fixed("x", [5, 4, 3, 2, 1])], index, 2);
    const other = { featureNames: rankingFeatureNames(["x", "y"]), score() {} };
    assert.throws(() => rerankingScorer("ranker", collector, context, other), /trained on features/);
  });
});
