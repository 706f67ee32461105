import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { trainingParams } from "../bin/offline-deps.ts";
import { readChunked } from "../core/chunked-artifacts.ts";
import { loadConfig } from "../core/config/index.ts";
import { featuresOfTally, LIKE_THRESHOLD } from "../core/features/index.ts";
import { decodeGraph, neighbours } from "../core/graph/index.ts";
import { silentLogger } from "../core/logger.ts";
import { compareRatings } from "../core/rating-order.ts";
import {
  encodeHistoryEntry,
  FEATURE_FIELDS,
  genreFields,
  tallyOfFeatureHash,
} from "../core/user-state/index.ts";
import { bytesToFloat32 } from "../core/vector-bytes.ts";
import { createAnnIndexFactory } from "../infra/ann/index.ts";
import { buildPopularity } from "../offline/jobs/build-popularity.ts";
import { runTraining } from "../offline/jobs/training/run-training.ts";
import { createCountingLookupMetrics } from "../online/lookup/lookup-metrics.ts";
import { loadServingSnapshot, servingVersionsOf } from "../online/lookup/serving-snapshot-loader.ts";
import { createSnapshotHolder } from "../online/lookup/snapshot-holder.ts";
import type { ServingSnapshot } from "../online/lookup/types.ts";
import { createUserProfileLoader } from "../online/lookup/user-profile-loader.ts";
import { type Dependency, type DependencyGuard, directGuard } from "../online/resilience/types.ts";
import { ARTIFACT_KINDS, cacheKeys, EMBEDDING_MODELS, embeddingKey } from "../schemas/index.ts";
import { FAST_OFFLINE_ENV } from "./support/fast-offline-env.ts";
import { embeddedJobDeps } from "./support/offline-job-deps.ts";
import { firstUsersDataset } from "./support/online-embedded.ts";
import { tinyDataset } from "./support/tiny-dataset.ts";

const USERS = 100;
const keys = cacheKeys();
const settings = { userCacheEntries: 1000, userCacheTtlMs: 60_000, userFillTtlMs: 3_600_000 };

/** The real guard's timeouts, counting calls per dependency: proof of which tiers a load touched. */
function countingGuard(): DependencyGuard & { calls: Record<Dependency, number>; reset(): void } {
  const calls = { cache: 0, bulk: 0, control: 0, eventLog: 0 };
  return {
    calls,
    reset: () => Object.assign(calls, { cache: 0, bulk: 0, control: 0, eventLog: 0 }),
    call(dependency, operation, timeoutMs) {
      calls[dependency] += 1;
      return directGuard.call(dependency, operation, timeoutMs);
    },
    state: () => "closed",
  };
}

describe("online lookup on a version trained in process (embedded adapters)", async () => {
  const deps = { ...(await embeddedJobDeps()), ann: createAnnIndexFactory() };
  const { dataset, ratings } = await firstUsersDataset(USERS);
  let version = "";
  let snapshot: ServingSnapshot;

  before(async () => {
    const config = loadConfig({
      ...FAST_OFFLINE_ENV,
      RECSYS_OFFLINE_ITEM2VEC_DIMENSION: "16",
      // No user is warmed in the cache: the loader must find them in the BulkStore.
      RECSYS_OFFLINE_HOT_USERS: "0",
    });
    const result = await runTraining(deps, { ...trainingParams(config, true), dataset });
    assert.ok(result.promoted, result.reason);
    version = result.version;
    const versions = servingVersionsOf(await deps.control.activeVersions());
    snapshot = await loadServingSnapshot({ ...deps, logger: silentLogger }, versions);
  });
  after(async () => {
    await Promise.all([deps.bulk.close(), deps.control.close(), deps.cache.close()]);
    await rm(deps.artifactDir, { recursive: true, force: true });
  });

  it("loads the snapshot: catalogue, popularity, item features, vectors with indexes, graph and ranker", async () => {
    assert.deepEqual(snapshot.versions, { popularity: version, features: version, embeddings: version });
    const rated = new Set(ratings.map((r) => r.itemId));
    assert.equal(snapshot.items.size, rated.size);
    assert.equal(snapshot.itemFeatures.size, rated.size);
    assert.ok(snapshot.genreVocabulary.includes("Comedy"));
    assert.ok(snapshot.popular.length > 0);
    const counts = new Map<string, number>();
    for (const r of ratings) counts.set(r.itemId, (counts.get(r.itemId) ?? 0) + 1);
    for (const { itemId, count } of snapshot.popular) assert.equal(count, counts.get(itemId), itemId);
    assert.ok(snapshot.popular.every((p, i, all) => i === 0 || (all[i - 1]?.count ?? 0) >= p.count));
    assert.ok(snapshot.genreTop.has("Drama"));
    // The version publishes genre lists only; the list over all genres is derived in the same order.
    const all = snapshot.genreTop.get("*") ?? [];
    assert.equal(all.length, snapshot.genreTop.get("Drama")?.length);
    const bayes = all.map((id) => snapshot.itemStats.get(id)?.bayesianAverage as number);
    assert.ok(bayes.every((b, i) => i === 0 || (bayes[i - 1] as number) >= b));
    const years = snapshot.recentReleases.map((id) => snapshot.items.get(id)?.year as number);
    assert.ok(years.every((y, i) => i === 0 || (years[i - 1] as number) >= y));
    assert.deepEqual([...snapshot.embeddings.keys()].sort(), [
      EMBEDDING_MODELS.als,
      EMBEDDING_MODELS.deepwalk,
      EMBEDDING_MODELS.item2vec,
      EMBEDDING_MODELS.node2vec,
    ]);
    const item2vec = snapshot.embeddings.get(EMBEDDING_MODELS.item2vec);
    assert.equal(item2vec?.dimension, 16);
    assert.equal(item2vec?.metric, "cosine");
    assert.equal(snapshot.embeddings.get(EMBEDDING_MODELS.als)?.metric, "dot");
    const probe = snapshot.popular[0]?.itemId as string;
    const query = item2vec?.unitVectors.get(probe) as Float32Array;
    const hits = item2vec?.search(query, 5, new Set([probe])) ?? [];
    assert.equal(hits.length, 5);
    assert.ok(hits.every((h) => h.id !== probe && h.score <= 1.0001));
    const graph = decodeGraph(
      (await readChunked(deps.bulk, ARTIFACT_KINDS.behaviourGraph, version, "graph")) as Uint8Array,
    );
    const node = graph.nodes.find((n) => neighbours(graph, n, 1).length > 0) as string;
    assert.deepEqual(snapshot.graphNext(node, 5), neighbours(graph, node, 5));
    assert.deepEqual(snapshot.graphNext("no-such-item", 5), []);
    assert.ok(
      snapshot.ranker?.featureNames.includes("als:score"),
      `ranker features: ${snapshot.ranker?.featureNames}`,
    );
    assert.equal(snapshot.ranker?.output, "probability");
  });

  it("loads a profile from L3, fills L2, and answers the next call from L1 without touching L2 or L3", async () => {
    const guard = countingGuard();
    const metrics = createCountingLookupMetrics();
    const loader = createUserProfileLoader({
      cache: deps.cache,
      bulk: deps.bulk,
      guard,
      clock: deps.clock,
      snapshot: () => snapshot,
      settings,
      metrics,
    });
    const userId = "1";
    const mine = ratings.filter((r) => r.userId === userId);
    const first = await loader.load(userId, { timeoutMs: 1000 });
    assert.deepEqual(first.failures, []);
    assert.deepEqual(first.tiers, { history: "l2", archive: "l3", features: "l3", embeddings: "l3" });
    assert.equal(first.actions.length, mine.length);
    assert.deepEqual(first.seen, new Set(mine.map((r) => r.itemId)));
    const liked = mine.filter((r) => r.rating >= LIKE_THRESHOLD).sort(compareRatings);
    assert.equal(first.lastLiked, liked.at(-1)?.itemId);
    assert.equal(first.features?.ratingCount, mine.length);
    for (const model of Object.values(EMBEDDING_MODELS)) {
      const published = await deps.bulk.getArtifact(
        ARTIFACT_KINDS.userEmbeddings,
        version,
        embeddingKey(model, userId),
      );
      assert.ok(published, `${model} published a vector for user 1`);
      assert.deepEqual(first.embeddings.get(model), bytesToFloat32(published), model);
    }
    await loader.flush();
    assert.ok(await deps.cache.get(keys.userArchive(userId)), "the archive was copied to L2");
    const ttl = (await deps.cache.ttl(keys.userArchive(userId))) ?? 0;
    assert.ok(ttl > 0 && ttl <= settings.userFillTtlMs, `with an expiry (${ttl} ms)`);
    assert.ok(await deps.cache.get(keys.userFeaturesAt(userId, version)));
    const cachedVector = await deps.cache.getVector(
      keys.userEmbedding(userId, EMBEDDING_MODELS.als, version),
    );
    assert.deepEqual(cachedVector, first.embeddings.get(EMBEDDING_MODELS.als));

    guard.reset();
    const second = await loader.load(userId, { timeoutMs: 1000 });
    assert.deepEqual(second.tiers, { history: "l2", archive: "l1", features: "l1", embeddings: "l1" });
    assert.deepEqual(guard.calls, { cache: 1, bulk: 0, control: 0, eventLog: 0 }, "only the live read");
    assert.deepEqual(second.actions, first.actions);

    loader.invalidate(userId);
    guard.reset();
    const third = await loader.load(userId, { timeoutMs: 1000 });
    assert.deepEqual(third.tiers, { history: "l2", archive: "l2", features: "l2", embeddings: "l2" });
    assert.equal(guard.calls.bulk, 0, "L2 answered every part");
    assert.deepEqual(third.embeddings, first.embeddings);
    assert.equal(metrics.count("userArchive", "l3"), 1);
    assert.equal(metrics.count("userArchive", "l2"), 1);
    assert.equal(metrics.count("userArchive", "l1"), 1);
  });

  it("merges the nearline's live history and counters over the archive", async () => {
    const loader = createUserProfileLoader({
      cache: deps.cache,
      bulk: deps.bulk,
      guard: directGuard,
      clock: deps.clock,
      snapshot: () => snapshot,
      settings,
    });
    const userId = "2";
    const archived = await loader.load(userId, { timeoutMs: 1000 });
    const newest = archived.actions[0];
    assert.ok(newest);
    const later = newest.timestamp + 60_000;
    const hash = {
      [FEATURE_FIELDS.ratings]: "3",
      [FEATURE_FIELDS.halfStarSum]: "27",
      [FEATURE_FIELDS.liked]: "3",
      [FEATURE_FIELDS.lastRatingAt]: String(later),
      [genreFields("Comedy").count]: "3",
      [genreFields("Comedy").halfStarSum]: "27",
      [genreFields("Comedy").liked]: "3",
    };
    await deps.cache.batch([
      {
        op: "lpush",
        key: keys.userHistory(userId),
        values: [
          // The nearline's copy of an archived event counts once.
          encodeHistoryEntry({
            eventId: "x",
            type: "rating",
            itemId: newest.itemId,
            timestamp: newest.timestamp,
            rating: newest.rating ?? 1,
          }),
          encodeHistoryEntry({ eventId: "c1", type: "click", itemId: "999999", timestamp: later - 1 }),
          encodeHistoryEntry({
            eventId: "r1",
            type: "rating",
            itemId: "888888",
            timestamp: later,
            rating: 4.5,
          }),
        ],
        cap: 100,
      },
      { op: "hset", key: keys.userFeatures(userId), fields: hash },
    ]);
    const live = await loader.load(userId, { timeoutMs: 1000 });
    assert.equal(live.actions.length, archived.actions.length + 2);
    assert.deepEqual(
      live.actions.slice(0, 2).map((a) => [a.type, a.itemId]),
      [
        ["rating", "888888"],
        ["click", "999999"],
      ],
    );
    assert.ok(live.seen.has("999999"));
    assert.equal(live.lastLiked, "888888");
    assert.deepEqual(
      live.features,
      featuresOfTally(userId, tallyOfFeatureHash(hash) as never, deps.clock.now()),
    );
    assert.equal(live.tiers.features, "l2");
  });

  it("gives an unknown user an empty profile without failures", async () => {
    const loader = createUserProfileLoader({
      cache: deps.cache,
      bulk: deps.bulk,
      guard: directGuard,
      clock: deps.clock,
      snapshot: () => snapshot,
      settings,
    });
    const profile = await loader.load("nobody-42", { timeoutMs: 1000 });
    assert.deepEqual(profile.actions, []);
    assert.equal(profile.seen.size, 0);
    assert.equal(profile.lastLiked, null);
    assert.equal(profile.features, null);
    assert.equal(profile.embeddings.size, 0);
    assert.deepEqual(profile.failures, []);
    assert.deepEqual(profile.tiers, { history: "l2", archive: "l3", features: "none", embeddings: "none" });
    const none = createUserProfileLoader({
      cache: deps.cache,
      bulk: deps.bulk,
      guard: directGuard,
      clock: deps.clock,
      snapshot: () => null,
      settings,
    });
    assert.equal((await none.load("1", { timeoutMs: 1000 })).embeddings.size, 0, "no snapshot, no vectors");
  });

  it("treats a corrupt archive or vector in L2 as a miss, counts it, and reads L3", async () => {
    const metrics = createCountingLookupMetrics();
    const loader = createUserProfileLoader({
      cache: deps.cache,
      bulk: deps.bulk,
      guard: directGuard,
      clock: deps.clock,
      snapshot: () => snapshot,
      settings,
      metrics,
    });
    const userId = "3";
    await deps.cache.set(keys.userArchive(userId), "{garbage");
    await deps.cache.batch([
      {
        op: "setVector",
        key: keys.userEmbedding(userId, EMBEDDING_MODELS.item2vec, version),
        vector: new Float32Array(3),
      },
    ]);
    const profile = await loader.load(userId, { timeoutMs: 1000 });
    assert.equal(profile.tiers.archive, "l3");
    assert.equal(profile.actions.length, ratings.filter((r) => r.userId === userId).length);
    assert.equal(profile.embeddings.get(EMBEDDING_MODELS.item2vec)?.length, 16);
    assert.equal(metrics.count("userArchive", "corrupt", "l2"), 1);
    assert.equal(metrics.count("userEmbeddings", "corrupt", "l2"), 1);
    await loader.flush();
    assert.equal(
      (await deps.cache.getVector(keys.userEmbedding(userId, EMBEDDING_MODELS.item2vec, version)))?.length,
      16,
    );
  });
});

describe("the snapshot holder", () => {
  it("serves nothing before a version exists, then a popularity-only version, eligibility within refreshMs", async () => {
    const deps = { ...(await embeddedJobDeps()), ann: createAnnIndexFactory() };
    let failLoads = false;
    let loads = 0;
    const holder = createSnapshotHolder(
      {
        ...deps,
        guard: directGuard,
        load: async (versions) => {
          loads += 1;
          if (failLoads) throw new Error("bulk store unreachable");
          return loadServingSnapshot(deps, versions);
        },
      },
      { refreshMs: 100 },
    );
    try {
      await holder.start();
      assert.equal(holder.current(), null, "nothing is published");
      assert.equal(loads, 0);
      const first = await buildPopularity(deps, { dataset: tinyDataset(), priorWeight: 10, topK: 10 });
      await holder.refreshNow();
      const served = holder.current();
      assert.ok(served);
      assert.deepEqual(served.versions, { popularity: first.version, features: null, embeddings: null });
      assert.deepEqual(
        served.popular.map((p) => [p.itemId, p.count]),
        [
          ["1", 30],
          ["3", 30],
          ["2", 1],
        ],
      );
      assert.equal(served.embeddings.size, 0);
      assert.equal(served.ranker, null);
      assert.equal(served.items.get("1")?.eligible, true);

      await deps.control.setEligible(["1"], false);
      const started = Date.now();
      while (holder.current()?.items.get("1")?.eligible !== false) {
        assert.ok(Date.now() - started < 1000, "eligibility showed within a few refresh periods");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(served.items.get("1")?.eligible, true, "a request holding the old snapshot is unaffected");
      assert.equal(holder.current()?.popular, served.popular, "only the items were swapped");

      failLoads = true;
      deps.clock.advance(60_000);
      const second = await buildPopularity(deps, { dataset: tinyDataset(), priorWeight: 10, topK: 10 });
      await holder.refreshNow();
      assert.equal(
        holder.current()?.versions.popularity,
        first.version,
        "a failed load keeps the last snapshot",
      );
      failLoads = false;
      await holder.refreshNow();
      assert.equal(holder.current()?.versions.popularity, second.version);
    } finally {
      await holder.stop();
      await Promise.all([deps.bulk.close(), deps.control.close(), deps.cache.close()]);
      await rm(deps.artifactDir, { recursive: true, force: true });
    }
  });
});
