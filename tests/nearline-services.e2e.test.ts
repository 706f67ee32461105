import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { systemClock } from "../core/clock.ts";
import { loadConfig } from "../core/config/index.ts";
import { silentLogger } from "../core/logger.ts";
import { waitFor } from "../core/ports/contracts/wait-for.ts";
import { float32ToBytes } from "../core/vector-bytes.ts";
import { createStoreAdapters, type StoreAdapters } from "../infra/create-adapters.ts";
import { deleteKeysWithPrefix } from "../infra/redis/delete-keys-with-prefix.ts";
import { ARTIFACT_KINDS, EMBEDDING_MODELS, embeddingKey, VERSION_KINDS } from "../schemas/index.ts";
import { allServices } from "./support/all-services.ts";
import { dropNamespace } from "./support/drop-namespace.ts";
import { testNamespace } from "./support/real-services.ts";
import { type RunningCli, startRecsys } from "./support/recsys-cli.ts";
import { servicesEnv } from "./support/services-env.ts";

const services = await allServices();
const skip = "skip" in services ? services.skip : false;
const endpoints = "endpoints" in services ? services.endpoints : undefined;

const VERSION = "v20260101000000-e2e";
const VECTORS: Record<string, number[]> = { "10": [1, 0, 0, 0], "20": [0, 1, 0, 0], "30": [0, 0, 3, 1] };

interface StateJson {
  history: { eventId: string }[];
  features: { ratingCount: number; genreAffinity: Record<string, number> } | null;
  embeddings: Record<string, number[]>;
  lastLiked: string | null;
}

/** Publishes a tiny catalogue and an embeddings version the nearline process loads at start. */
async function publishTinyVersion(stores: StoreAdapters): Promise<void> {
  await stores.control.upsertItems(
    Object.keys(VECTORS).map((itemId) => ({
      itemId,
      title: `item ${itemId}`,
      year: 2000,
      genres: ["Drama"],
      eligible: true,
    })),
  );
  const entries = Object.values(EMBEDDING_MODELS)
    .filter((m) => m !== EMBEDDING_MODELS.als && m !== EMBEDDING_MODELS.item2vecRecent)
    .flatMap((model) =>
      Object.entries(VECTORS).map(([id, v]) => ({
        key: embeddingKey(model, id),
        value: float32ToBytes(Float32Array.from(v)),
      })),
    );
  await stores.bulk.putArtifacts(ARTIFACT_KINDS.itemEmbeddings, VERSION, entries);
  await stores.control.stageVersion(VERSION_KINDS.embeddings, VERSION);
  await stores.control.activateVersions({ [VERSION_KINDS.embeddings]: VERSION });
}

/** The acceptance path on the services profile: `recsys online` and `recsys nearline` as separate processes. */
describe("nearline and online processes on Kafka, Redis, Cassandra and MySQL", { skip }, () => {
  const namespace = testNamespace("nle2e");
  const env = endpoints
    ? {
        ...servicesEnv(endpoints, namespace),
        RECSYS_NAMESPACE: namespace,
        RECSYS_HTTP_PORT: "0",
        RECSYS_NEARLINE_METRICS_PORT: "0",
        RECSYS_LOG_LEVEL: "warn",
      }
    : {};
  let stores: StoreAdapters | undefined;
  let online: RunningCli | undefined;
  let nearline: RunningCli | undefined;
  let url = "";

  before(async () => {
    if (!endpoints) return;
    stores = await createStoreAdapters(loadConfig(env), { clock: systemClock, logger: silentLogger });
    await publishTinyVersion(stores);
    nearline = startRecsys(["nearline"], env);
    online = startRecsys(["online"], env);
    await online.waitForOutput(/serving on http/, 120_000);
    url = /serving on (http:\/\/\S+)/.exec(online.output())?.[1] as string;
    await nearline.waitForOutput(/metrics on http/, 120_000);
  });
  after(async () => {
    for (const child of [online, nearline])
      if (child && child.child.exitCode === null) child.child.kill("SIGTERM");
    await Promise.all([online?.exited(), nearline?.exited()]);
    await stores?.close();
    if (endpoints) {
      await deleteKeysWithPrefix(endpoints.redis.url, `${namespace}:`);
      await dropNamespace(namespace, endpoints.cassandra, endpoints.mysql);
    }
  });

  it("a posted rating changes the user's embedding, history and graph within a second", async () => {
    if (!endpoints) return;
    const now = Date.now();
    const events = [
      { type: "rating", userId: "u1", itemId: "10", rating: 5, timestamp: now - 2000 },
      { type: "rating", userId: "u1", itemId: "20", rating: 2, timestamp: now - 1000 },
      { type: "rating", userId: "u1", itemId: "30", rating: 4, timestamp: now },
    ];
    const response = await fetch(`${url}/api/v1/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events }),
    });
    assert.equal(response.status, 202, await response.clone().text());
    const postedAt = Date.now();
    let state: StateJson | undefined;
    await waitFor(
      async () => {
        state = (await (await fetch(`${url}/api/v1/users/u1/state`)).json()) as StateJson;
        return state.history.length === 3;
      },
      { timeoutMs: 1000, intervalMs: 20, message: "the three ratings in u1's state within a second" },
    );
    assert.ok(Date.now() - postedAt <= 1000);
    const seen = state as StateJson;
    assert.equal(seen.features?.ratingCount, 3);
    assert.equal(seen.lastLiked, "30");
    // Liked items are 10 and 30 (20 is below 3.5): the mean of their vectors.
    assert.deepEqual(seen.embeddings.item2vec, [0.5, 0, 1.5, 0.5]);
    const next = (await (await fetch(`${url}/api/v1/items/10/next`)).json()) as { items: unknown[] };
    assert.deepEqual(next.items, [{ itemId: "30", weight: 1 }]);
    const metricsUrl = /metrics on (http:\/\/\S+)/.exec(nearline?.output() ?? "")?.[1] as string;
    const metrics = await (await fetch(metricsUrl)).text();
    assert.match(metrics, /starling_nearline_events_total\{topic="starling.ratings",outcome="applied"\} 3/);
    assert.match(metrics, /starling_nearline_freshness_seconds_count 3/);
  });
});
