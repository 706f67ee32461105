import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../core/clock.ts";
import { StarlingError } from "../../core/errors.ts";
import { silentLogger } from "../../core/logger.ts";
import type { RankerScorer } from "../../core/ranking/index.ts";
import type { RankModel } from "../api/query-schemas.ts";
import type { ServingSnapshot, UserProfile } from "../lookup/types.ts";
import { fixtureItems, fixtureSnapshot, fixtureUser } from "../recall/serving.fixture.ts";
import type { Candidate } from "../recall/types.ts";
import { DependencyUnavailable } from "../resilience/types.ts";
import { createRecommender, NOTHING_SERVED, type RecommenderDeps } from "./recommender.ts";
import type { Assignment, RankedItem, RankingPipeline, RecommendRequest } from "./types.ts";

const ITEMS = Array.from({ length: 20 }, (_, i) => ({ itemId: String(i + 1) }));

/** A stand-in for the published ranker: the recommender only asks whether one is there. */
const someRanker = { featureNames: [], output: "score" } as unknown as RankerScorer;

function snapshotWith(parts: Partial<ServingSnapshot> = {}): ServingSnapshot {
  return fixtureSnapshot({
    versions: { popularity: "v7", features: "v7", embeddings: "v7" },
    // Item 19 is ineligible: no list may show it.
    items: fixtureItems(ITEMS, ["19"]),
    popular: ["19", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"].map((itemId, i) => ({
      itemId,
      count: 100 - i,
    })),
    ...parts,
  });
}

const knownUser = (): UserProfile =>
  fixtureUser("u1", [
    { itemId: "1", rating: 5, timestamp: 1000 },
    { itemId: "2", rating: 4, timestamp: 2000 },
  ]);

const candidate = (itemId: string, channel = "genre"): Candidate => ({
  itemId,
  channels: new Map([[channel, { rank: 0, score: 1 }]]),
});

interface PipelineLog {
  quotas: Record<string, number>[];
  ranked: RankModel[];
  coldStarts: { k: number; exclude: string[] }[];
  timeouts: number[];
}

interface FakeOptions {
  snapshot?: ServingSnapshot | null;
  load?: (userId: string) => Promise<UserProfile>;
  recall?: () => Promise<{ candidates: Candidate[]; failures: string[] }>;
  rank?: (model: RankModel, candidates: readonly Candidate[], k: number) => RankedItem[];
  assignment?: Assignment | null;
  controlQuotas?: Record<string, number> | null;
  quotasFor?: RankingPipeline["quotasFor"];
  clock?: ManualClock;
  maxInFlight?: number;
}

/** The recommender over hand-built fakes of its steps; `log` records what each step was asked. */
function fakeRecommender(options: FakeOptions = {}) {
  const log: PipelineLog = { quotas: [], ranked: [], coldStarts: [], timeouts: [] };
  const stages: string[] = [];
  const snapshot = options.snapshot === undefined ? snapshotWith() : options.snapshot;
  const candidates = ["10", "11", "12", "13", "14", "15"].map((id) => candidate(id));
  const pipeline: RankingPipeline = {
    quotasFor:
      options.quotasFor ??
      ((model): Record<string, number> =>
        model === "ranker" ? { "item2vec-mean": 50, als: 50 } : { genre: 20, als: 20 }),
    recall: async (_context, quotas) => {
      log.quotas.push({ ...quotas });
      return options.recall ? options.recall() : { candidates, failures: [] };
    },
    filter: (list, context, exclude) =>
      list.filter((c) => !exclude.has(c.itemId) && !context.user.seen.has(c.itemId)),
    rank: (model, _context, list, k) => {
      log.ranked.push(model);
      if (options.rank) return options.rank(model, list, k);
      return list.slice(0, k).map((c, i) => ({ itemId: c.itemId, score: 1 - i / 10, channels: [model] }));
    },
    coldStart: (_snapshot, k, exclude) => {
      log.coldStarts.push({ k, exclude: [...exclude] });
      return [{ itemId: "3", score: 1, channels: ["top-rated"] }];
    },
  };
  const deps: RecommenderDeps = {
    snapshots: { current: () => snapshot },
    users: {
      load: (userId, { timeoutMs }) => {
        log.timeouts.push(timeoutMs);
        return options.load ? options.load(userId) : Promise.resolve(knownUser());
      },
    },
    pipeline,
    experiments: {
      assign: () => options.assignment ?? null,
      quotas: () => (options.controlQuotas === undefined ? null : options.controlQuotas),
    },
    clock: options.clock ?? new ManualClock(1_000_000),
    logger: silentLogger,
    deadlineMs: 150,
    ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
    onStage: (stage) => stages.push(stage),
  };
  return { recommender: createRecommender(deps), log, stages };
}

const request = (parts: Partial<RecommendRequest> = {}): RecommendRequest => ({
  userId: "u1",
  k: 3,
  exclude: [],
  explain: false,
  ...parts,
});

const arm = (params: Assignment["params"]): Assignment => ({ experimentId: "exp1", arm: "b", params });

describe("createRecommender: cold start", () => {
  it("a user with no actions and no vectors gets the cold-start list, marked as such", async () => {
    const { recommender, log } = fakeRecommender({ load: async (id) => fixtureUser(id, []) });
    const answer = await recommender.recommend(request({ userId: "new", k: 4, exclude: ["5"] }));
    assert.equal(answer.coldStart, true);
    assert.equal(answer.model, "cold-start");
    assert.deepEqual(answer.degradedReasons, []);
    assert.deepEqual(answer.items, [{ itemId: "3", score: 1, channels: ["top-rated"] }]);
    assert.deepEqual(log.coldStarts, [{ k: 4, exclude: ["5"] }]);
    assert.deepEqual(log.quotas, [], "a cold user is not recalled for");
    assert.equal(answer.modelVersion, "v7");
  });

  it("a user with vectors but no actions is not cold", async () => {
    const withVector = { ...fixtureUser("u1", []), embeddings: new Map([["item2vec", new Float32Array(2)]]) };
    const { recommender } = fakeRecommender({ load: async () => withVector });
    const answer = await recommender.recommend(request());
    assert.equal(answer.coldStart, false);
    assert.equal(answer.model, "embedding");
  });

  it("a lookup that fails as unavailable degrades to a cold start naming the dependency", async () => {
    const { recommender } = fakeRecommender({
      load: () => Promise.reject(new DependencyUnavailable("cache", "timeout")),
    });
    const answer = await recommender.recommend(request());
    assert.equal(answer.coldStart, true);
    assert.equal(answer.model, "cold-start");
    assert.deepEqual(answer.degradedReasons, ["cache:timeout"]);
    assert.ok(answer.items.length > 0);
  });

  it("any other lookup error is reported as lookup:error", async () => {
    const { recommender } = fakeRecommender({ load: () => Promise.reject(new Error("boom")) });
    const answer = await recommender.recommend(request());
    assert.equal(answer.coldStart, true);
    assert.deepEqual(answer.degradedReasons, ["lookup:error"]);
  });

  it("tiers that failed while a lower one still answered are reported, and the user is served", async () => {
    const partial = { ...knownUser(), failures: ["cache:open"] };
    const { recommender } = fakeRecommender({ load: async () => partial });
    const answer = await recommender.recommend(request());
    assert.equal(answer.coldStart, false);
    assert.deepEqual(answer.degradedReasons, ["cache:open"]);
  });

  it("gives the lookup 40% of the deadline and times every stage", async () => {
    const { recommender, log, stages } = fakeRecommender();
    await recommender.recommend(request());
    assert.deepEqual(log.timeouts, [60]);
    assert.deepEqual(stages, ["lookup", "recall", "rank"]);
  });
});

describe("createRecommender: recall, ranking and fallbacks", () => {
  it("a known user is recalled, filtered (seen and excluded) and ranked, with no reasons", async () => {
    const { recommender } = fakeRecommender();
    const answer = await recommender.recommend(request({ exclude: ["10"] }));
    assert.equal(answer.coldStart, false);
    assert.deepEqual(answer.degradedReasons, []);
    assert.deepEqual(
      answer.items.map((i) => i.itemId),
      ["11", "12", "13"],
    );
  });

  it("channel failures from recall become degraded reasons, the answer still ranked", async () => {
    const { recommender } = fakeRecommender({
      recall: async () => ({
        candidates: [candidate("10"), candidate("11"), candidate("12")],
        failures: ["channel:trending:timeout", "channel:graph:open"],
      }),
    });
    const answer = await recommender.recommend(request());
    assert.deepEqual(answer.degradedReasons, ["channel:trending:timeout", "channel:graph:open"]);
    assert.equal(answer.model, "embedding");
    assert.deepEqual(
      answer.items.map((i) => i.itemId),
      ["10", "11", "12"],
    );
  });

  it("a pipeline that throws falls back to the popular list: eligible, not excluded, fallback:popular", async () => {
    const { recommender } = fakeRecommender({
      recall: () => Promise.reject(new Error("recall exploded")),
    });
    const answer = await recommender.recommend(request({ k: 4, exclude: ["2"] }));
    assert.equal(answer.model, "popular");
    assert.equal(answer.coldStart, false);
    assert.deepEqual(answer.degradedReasons, ["recommend:error", "fallback:popular"]);
    assert.deepEqual(
      answer.items.map((i) => i.itemId),
      ["1", "3", "4", "5"],
    );
    assert.ok(answer.items.every((i) => i.channels.includes("popular")));
    assert.equal(answer.modelVersion, "v7");
  });

  it("a dependency failure inside the pipeline is named in the fallback's reasons", async () => {
    const { recommender } = fakeRecommender({
      recall: () => Promise.reject(new DependencyUnavailable("bulk", "open")),
    });
    const answer = await recommender.recommend(request());
    assert.deepEqual(answer.degradedReasons, ["bulk:open", "fallback:popular"]);
  });

  it("a ranker that throws costs the model, not the answer: ranker:unavailable and the embedding ranking", async () => {
    const { recommender, log } = fakeRecommender({
      snapshot: snapshotWith({ ranker: someRanker }),
      rank: (model, list, k) => {
        if (model === "ranker") throw new Error("channel gone");
        return list.slice(0, k).map((c) => ({ itemId: c.itemId, score: 0.5, channels: ["embedding"] }));
      },
    });
    const answer = await recommender.recommend(request());
    assert.deepEqual(log.ranked, ["ranker", "embedding"]);
    assert.deepEqual(answer.degradedReasons, ["ranker:unavailable"]);
    assert.equal(answer.model, "embedding", "the answer names the model that ordered it");
    assert.deepEqual(
      answer.items.map((i) => i.channels[0]),
      ["embedding", "embedding", "embedding"],
    );
  });

  it("a ranker whose channels cannot be read falls back to the embedding model before recall", async () => {
    const broken = fakeRecommender({
      snapshot: snapshotWith({ ranker: someRanker }),
      controlQuotas: { trending: 4 },
      quotasFor: (model) => {
        if (model === "ranker") throw new Error("unknown channel in feature names");
        return { genre: 20 };
      },
    });
    const answer = await broken.recommender.recommend(request());
    assert.equal(answer.model, "embedding");
    assert.deepEqual(answer.degradedReasons, ["ranker:unavailable"]);
    assert.deepEqual(broken.log.quotas, [{ genre: 20, trending: 4 }], "the embedding model's quotas apply");
    assert.deepEqual(broken.log.ranked, ["embedding"]);
  });

  it("an embedding ranker that throws falls back to the popular list", async () => {
    const { recommender } = fakeRecommender({
      rank: () => {
        throw new Error("no vectors");
      },
    });
    const answer = await recommender.recommend(request());
    assert.equal(answer.model, "popular");
    assert.deepEqual(answer.degradedReasons, ["recommend:error", "fallback:popular"]);
  });

  it("too few candidates are topped up from the popular list, skipping seen, excluded and ineligible items", async () => {
    const { recommender } = fakeRecommender({
      recall: async () => ({ candidates: [candidate("12"), candidate("13")], failures: [] }),
    });
    const answer = await recommender.recommend(request({ k: 5, exclude: ["3"] }));
    assert.deepEqual(
      answer.items.map((i) => i.itemId),
      // 19 ineligible, 1 and 2 seen, 3 excluded.
      ["12", "13", "4", "5", "6"],
    );
    assert.deepEqual(answer.items[2]?.channels, ["popular"]);
    assert.deepEqual(answer.degradedReasons, [], "a top-up is not a degradation");
  });

  it("with no snapshot loaded it refuses with a retriable 503 not_published", async () => {
    const { recommender } = fakeRecommender({ snapshot: null });
    await assert.rejects(recommender.recommend(request()), (error: unknown) => {
      assert.ok(error instanceof StarlingError);
      assert.equal(error.status, 503);
      assert.equal(error.code, NOTHING_SERVED);
      assert.equal(NOTHING_SERVED, "not_published");
      assert.equal(error.retriable, true);
      return true;
    });
  });
});

describe("createRecommender: model choice", () => {
  const cases: {
    name: string;
    ranker: boolean;
    model?: RankModel;
    armModel?: RankModel;
    expected: RankModel;
    reasons: string[];
  }[] = [
    { name: "the ranker by default when published", ranker: true, expected: "ranker", reasons: [] },
    { name: "embedding by default when no ranker", ranker: false, expected: "embedding", reasons: [] },
    {
      name: "the arm's model over the default",
      ranker: true,
      armModel: "embedding",
      expected: "embedding",
      reasons: [],
    },
    {
      name: "the request's model over the arm's",
      ranker: true,
      model: "ranker",
      armModel: "embedding",
      expected: "ranker",
      reasons: [],
    },
    {
      name: "embedding with ranker:unpublished when the request asks for a missing ranker",
      ranker: false,
      model: "ranker",
      expected: "embedding",
      reasons: ["ranker:unpublished"],
    },
    {
      name: "embedding with ranker:unpublished when the arm asks for a missing ranker",
      ranker: false,
      armModel: "ranker",
      expected: "embedding",
      reasons: ["ranker:unpublished"],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { recommender, log } = fakeRecommender({
        snapshot: snapshotWith({ ranker: c.ranker ? someRanker : null }),
        assignment: c.armModel ? arm({ model: c.armModel }) : null,
      });
      const answer = await recommender.recommend(request(c.model ? { model: c.model } : {}));
      assert.equal(answer.model, c.expected);
      assert.deepEqual(log.ranked, [c.expected]);
      assert.deepEqual(answer.degradedReasons, c.reasons);
    });
  }

  it("reports the experiment and arm the user is in", async () => {
    const { recommender } = fakeRecommender({ assignment: arm({}) });
    const answer = await recommender.recommend(request());
    assert.deepEqual(answer.experiment, { id: "exp1", arm: "b" });
  });
});

describe("createRecommender: channel quotas", () => {
  it("ControlStore quotas tune the embedding model's channels", async () => {
    const { recommender, log } = fakeRecommender({ controlQuotas: { genre: 5, trending: 7 } });
    await recommender.recommend(request({ model: "embedding" }));
    assert.deepEqual(log.quotas, [{ genre: 5, als: 20, trending: 7 }]);
  });

  it("the ranker keeps its training channels whatever the ControlStore says", async () => {
    const { recommender, log } = fakeRecommender({
      snapshot: snapshotWith({ ranker: someRanker }),
      controlQuotas: { genre: 5, "item2vec-mean": 1 },
    });
    await recommender.recommend(request());
    assert.deepEqual(log.quotas, [{ "item2vec-mean": 50, als: 50 }]);
  });

  it("an arm's quotas override both the defaults and the ControlStore's", async () => {
    const embedding = fakeRecommender({
      controlQuotas: { genre: 5 },
      assignment: arm({ quotas: { genre: 9, graph: 3 } }),
    });
    await embedding.recommender.recommend(request());
    assert.deepEqual(embedding.log.quotas, [{ genre: 9, als: 20, graph: 3 }]);
    const ranker = fakeRecommender({
      snapshot: snapshotWith({ ranker: someRanker }),
      assignment: arm({ quotas: { als: 0 } }),
    });
    await ranker.recommender.recommend(request());
    assert.deepEqual(ranker.log.quotas, [{ "item2vec-mean": 50, als: 0 }]);
  });
});

describe("createRecommender: load shedding", () => {
  it("a lookup that used up the whole budget gets the popular list at once, without recall", async () => {
    const clock = new ManualClock(1_000_000);
    const { recommender, log } = fakeRecommender({
      clock,
      load: async (id) => {
        clock.advance(200);
        return { ...knownUser(), userId: id };
      },
    });
    const answer = await recommender.recommend(request());
    assert.equal(answer.model, "popular");
    assert.ok(answer.degradedReasons.includes("deadline:lookup"), answer.degradedReasons.join());
    assert.deepEqual(log.quotas, [], "no recall once the deadline passed");
    assert.ok(answer.items.length > 0);
  });
});

describe("createRecommender: overload", () => {
  it("beyond maxInFlight requests computed at once, a request gets the popular list at once", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { recommender } = fakeRecommender({
      maxInFlight: 1,
      load: async (id) => {
        await held;
        return { ...knownUser(), userId: id };
      },
    });
    const first = recommender.recommend(request({ userId: "a" }));
    const shed = await recommender.recommend(request({ userId: "b" }));
    assert.equal(shed.model, "popular");
    assert.deepEqual(shed.degradedReasons, ["overload:shed", "fallback:popular"]);
    release();
    assert.notEqual((await first).model, "popular");
    const after = await recommender.recommend(request({ userId: "c" }));
    assert.notEqual(after.model, "popular", "the slot is free again once the first finished");
  });
});
