import assert from "node:assert/strict";
import { type AddressInfo, createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import { systemClock } from "../core/clock.ts";
import { silentLogger } from "../core/logger.ts";
import type { BulkStore, FeatureCache, RawEvent } from "../core/ports/index.ts";
import { float32ToBytes } from "../core/vector-bytes.ts";
import { createCassandraBulkStore } from "../infra/cassandra/index.ts";
import { createRedisFeatureCache, deleteKeysWithPrefix } from "../infra/redis/index.ts";
import { createItemVectors } from "../online/lookup/item-vectors.ts";
import { createCountingLookupMetrics } from "../online/lookup/lookup-metrics.ts";
import type { ServingSnapshot } from "../online/lookup/types.ts";
import { decodeArchive } from "../online/lookup/user-archive.ts";
import { createUserProfileLoader, type UserProfileLoaderDeps } from "../online/lookup/user-profile-loader.ts";
import { fixtureSnapshot } from "../online/recall/serving.fixture.ts";
import { directGuard } from "../online/resilience/types.ts";
import { ARTIFACT_KINDS, cacheKeys, EMBEDDING_MODELS, embeddingKey } from "../schemas/index.ts";
import { allServices } from "./support/all-services.ts";
import { dropNamespace } from "./support/drop-namespace.ts";
import { startPauseProxy } from "./support/nearline-pause-proxy.ts";
import { testNamespace } from "./support/real-services.ts";
import type { ServiceEndpoints } from "./support/service-types.ts";

const services = await allServices();
const skip = "skip" in services ? services.skip : false;
const endpoints = "endpoints" in services ? services.endpoints : undefined;

const VERSION = "v20260101000000-faults";
const DIMENSION = 8;
/** The request path's lookup budget (about 40% of the 150 ms deadline), with room for a loaded CI machine. */
const BUDGET_MS = 200;
const SLACK_MS = 150;
const keys = cacheKeys();
const settings = { userCacheEntries: 1000, userCacheTtlMs: 500, userFillTtlMs: 600_000 };

const vector = (seed: number) => Float32Array.from({ length: DIMENSION }, (_, d) => Math.sin(seed + d));

/** A snapshot with just what the loader reads: the versions and the vector sizes. */
function servingSnapshot(): ServingSnapshot {
  const ids = ["1", "2", "3"];
  const table = (model: string) => ({
    model,
    ids,
    dimension: DIMENSION,
    vectors: Float32Array.from({ length: ids.length * DIMENSION }, (_, i) => Math.cos(i)),
  });
  return fixtureSnapshot({
    versions: { popularity: VERSION, features: VERSION, embeddings: VERSION },
    embeddings: new Map([
      [EMBEDDING_MODELS.item2vec, createItemVectors(table(EMBEDDING_MODELS.item2vec), "cosine")],
      [EMBEDDING_MODELS.als, createItemVectors(table(EMBEDDING_MODELS.als), "dot")],
    ]),
  });
}

/** A user's ratings and clicks in the BulkStore, with published features and two vectors. */
async function archiveUser(bulk: BulkStore, userId: string): Promise<RawEvent[]> {
  const events: RawEvent[] = [];
  for (let i = 1; i <= 12; i++) {
    const timestamp = Date.UTC(2020, 0, 1, 0, i);
    const itemId = String(100 + i);
    const rating = i % 2 === 0 ? 5 : 2;
    const eventId = `r-${userId}-${i}`;
    const body = { eventId, schemaVersion: 1, type: "rating", userId, itemId, rating, timestamp };
    events.push({ eventId, type: "rating", userId, itemId, timestamp, body: JSON.stringify(body) });
  }
  const clickAt = Date.UTC(2020, 0, 2);
  const click = {
    eventId: `c-${userId}`,
    schemaVersion: 1,
    type: "click",
    userId,
    itemId: "200",
    timestamp: clickAt,
  };
  events.push({
    eventId: click.eventId,
    type: "click",
    userId,
    itemId: "200",
    timestamp: clickAt,
    body: JSON.stringify(click),
  });
  await bulk.appendEvents(events);
  const features = {
    userId,
    ratingCount: 12,
    averageRating: 3.5,
    lastRatingAt: Date.UTC(2020, 0, 1, 0, 12),
    daysSinceLastRating: 1,
    genreAffinity: { Drama: 0.2 },
    genreLikedShare: { Drama: 1 },
  };
  await bulk.putArtifacts(ARTIFACT_KINDS.userFeatures, VERSION, [
    { key: userId, value: new TextEncoder().encode(JSON.stringify(features)) },
  ]);
  await bulk.putArtifacts(ARTIFACT_KINDS.userEmbeddings, VERSION, [
    { key: embeddingKey(EMBEDDING_MODELS.item2vec, userId), value: float32ToBytes(vector(1)) },
    { key: embeddingKey(EMBEDDING_MODELS.als, userId), value: float32ToBytes(vector(2)) },
  ]);
  return events;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function onlineCache(url: string, namespace: string, waitForReady = true): Promise<FeatureCache> {
  return createRedisFeatureCache(
    { clock: systemClock, logger: silentLogger },
    { url, keyPrefix: `${namespace}:`, commandTimeoutMs: 50, mode: "online", waitForReady },
  );
}

function cassandraAt(contactPoints: string[], e: ServiceEndpoints, namespace: string): Promise<BulkStore> {
  return createCassandraBulkStore(
    { clock: systemClock, logger: silentLogger },
    { contactPoints, localDataCenter: e.cassandra.localDataCenter, keyspace: namespace },
  );
}

function loaderOn(cache: FeatureCache, bulk: BulkStore, extra: Partial<UserProfileLoaderDeps> = {}) {
  const snapshot = servingSnapshot();
  return createUserProfileLoader({
    cache,
    bulk,
    guard: directGuard,
    clock: systemClock,
    snapshot: () => snapshot,
    settings,
    ...extra,
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

// R1 / C1 / R7 of docs/reliability.md for the user lookup, on real Redis and Cassandra in a namespace of their own.
describe("user lookup fall-through on real Redis and Cassandra", { skip }, () => {
  const namespace = testNamespace("ol");
  let cache: FeatureCache;
  let bulk: BulkStore;

  before(async () => {
    if (!endpoints) return;
    cache = await onlineCache(endpoints.redis.url, namespace);
    bulk = await cassandraAt(endpoints.cassandra.contactPoints, endpoints, namespace);
    await archiveUser(bulk, "u1");
    await archiveUser(bulk, "u2");
    await archiveUser(bulk, "u3");
  });
  after(async () => {
    if (!endpoints) return;
    await cache?.close();
    await bulk?.close();
    await deleteKeysWithPrefix(endpoints.redis.url, `${namespace}:`);
    await dropNamespace(namespace, endpoints.cassandra, undefined);
  });

  it("Redis paused: the profile still loads from Cassandra within the budget, and the answer names the cache", async () => {
    const e = endpoints as ServiceEndpoints;
    const proxy = await startPauseProxy(e.redis.url);
    const paused = await onlineCache(proxy.url, namespace);
    try {
      const pausing = proxy.pause(3000);
      const { value: profile, ms } = await timed(() =>
        loaderOn(paused, bulk).load("u1", { timeoutMs: BUDGET_MS }),
      );
      await pausing;
      assert.ok(ms < BUDGET_MS + SLACK_MS, `answered in ${ms.toFixed(0)} ms`);
      assert.equal(profile.actions.length, 13, "every archived rating and click, from Cassandra");
      assert.equal(profile.lastLiked, "112");
      assert.equal(profile.features?.ratingCount, 12);
      assert.equal(profile.embeddings.size, 2);
      assert.deepEqual(profile.tiers, { history: "none", archive: "l3", features: "l3", embeddings: "l3" });
      assert.ok(
        profile.failures.length > 0 && profile.failures.every((f) => f.startsWith("cache:")),
        `failures: ${profile.failures}`,
      );
    } finally {
      await paused.close();
      await proxy.close();
    }
  });

  it("Redis unreachable (nothing listening): the profile loads from Cassandra, failures name the cache", async () => {
    const e = endpoints as ServiceEndpoints;
    const down = await onlineCache(`redis://127.0.0.1:${await closedPort()}`, namespace, false);
    try {
      const { value: profile, ms } = await timed(() =>
        loaderOn(down, bulk).load("u2", { timeoutMs: BUDGET_MS }),
      );
      assert.ok(ms < BUDGET_MS + SLACK_MS, `answered in ${ms.toFixed(0)} ms`);
      assert.equal(profile.actions.length, 13);
      assert.equal(profile.tiers.archive, "l3");
      assert.ok(profile.failures.includes("cache:error"), `failures: ${profile.failures}`);
      assert.ok(e.redis.url);
    } finally {
      await down.close();
    }
  });

  it("Cassandra paused: L2 answers what the first load copied up; an uncached user is empty and names bulk", async () => {
    const e = endpoints as ServiceEndpoints;
    const first = loaderOn(cache, bulk);
    const filled = await first.load("u3", { timeoutMs: 2000 });
    assert.equal(filled.tiers.archive, "l3");
    await first.flush();
    assert.ok(await cache.get(keys.userArchive("u3")), "the archive is in Redis now");
    const target = e.cassandra.contactPoints[0] as string;
    const proxy = await startPauseProxy(`cql://${target.includes(":") ? target : `${target}:9042`}`);
    const proxied = await cassandraAt([new URL(proxy.url).host], e, namespace);
    try {
      const pausing = proxy.pause(3000);
      await assert.rejects(
        directGuard.call("bulk", () => proxied.getArtifact(ARTIFACT_KINDS.userFeatures, VERSION, "u3"), 300),
        /bulk timeout/,
        "Cassandra does not answer through the paused relay",
      );
      const loader = loaderOn(cache, proxied);
      const { value: profile, ms } = await timed(() => loader.load("u3", { timeoutMs: BUDGET_MS }));
      assert.ok(ms < BUDGET_MS + SLACK_MS, `answered in ${ms.toFixed(0)} ms`);
      assert.deepEqual(profile.tiers, { history: "l2", archive: "l2", features: "l2", embeddings: "l2" });
      assert.deepEqual(profile.actions, filled.actions);
      assert.deepEqual(profile.embeddings, filled.embeddings);
      assert.deepEqual(profile.failures, []);
      const { value: cold, ms: coldMs } = await timed(() => loader.load("u-new", { timeoutMs: BUDGET_MS }));
      assert.ok(coldMs < BUDGET_MS + SLACK_MS, `answered in ${coldMs.toFixed(0)} ms`);
      assert.deepEqual(cold.actions, []);
      assert.ok(cold.failures.includes("bulk:timeout"), `failures: ${cold.failures}`);
      await pausing;
    } finally {
      await proxied.close();
      await proxy.close();
    }
  });

  it("a corrupt archive or vector in Redis is a miss: counted, read from Cassandra, and replaced", async () => {
    await cache.set(keys.userArchive("u1"), "\u0000not json at all");
    // Three bytes: no Float32 vector at all, so Redis's MGET of the user's vectors is refused as a whole.
    await cache.set(keys.userEmbedding("u1", EMBEDDING_MODELS.item2vec, VERSION), "abc");
    const metrics = createCountingLookupMetrics();
    const loader = loaderOn(cache, bulk, { metrics });
    const profile = await loader.load("u1", { timeoutMs: 2000 });
    assert.equal(profile.tiers.archive, "l3");
    assert.equal(profile.actions.length, 13);
    assert.deepEqual(profile.failures, []);
    assert.equal(metrics.count("userArchive", "corrupt", "l2"), 1);
    assert.equal(metrics.count("userEmbeddings", "corrupt", "l2"), 1);
    assert.deepEqual(profile.embeddings.get(EMBEDDING_MODELS.item2vec), vector(1));
    assert.deepEqual(
      profile.embeddings.get(EMBEDDING_MODELS.als),
      vector(2),
      "the other vectors still answer",
    );
    await loader.flush();
    const repaired = decodeArchive((await cache.get(keys.userArchive("u1"))) ?? "");
    assert.equal(repaired?.length, 13, "the fill replaced the corrupt value");
    const vectorKey = keys.userEmbedding("u1", EMBEDDING_MODELS.item2vec, VERSION);
    assert.deepEqual(await cache.getVector(vectorKey), vector(1));
  });
});
