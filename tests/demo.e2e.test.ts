import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createSqliteBulkStore } from "../infra/embedded/bulk-store/index.ts";
import { type DemoProcess, startDemo } from "./support/demo-process.ts";
import { FAST_OFFLINE_ENV } from "./support/fast-offline-env.ts";
import { sharedDataDir } from "./support/shared-data.ts";

interface ItemJson {
  itemId: string;
  title: string;
  genres: string[];
  ratingCount: number;
  bayesianAverage: number;
}

/** Rating events archived in the BulkStore (served lists add impressions, which the nearline archives too). */
async function countRatings(stateDir: string): Promise<number> {
  const bulk = await createSqliteBulkStore({ path: join(stateDir, "bulk.sqlite") });
  let n = 0;
  for await (const _ of bulk.readEvents({ types: ["rating"] })) n += 1;
  await bulk.close();
  return n;
}

/** The first start imports ml-latest-small and trains every model before it serves. */
const TRAINING_START_MS = 600_000;

describe("recsys demo on ml-latest-small", () => {
  const stateDir = mkdtempSync(join(tmpdir(), "starling-demo-"));
  const env = {
    RECSYS_DATA_DIR: sharedDataDir(),
    RECSYS_STATE_DIR: stateDir,
    RECSYS_HTTP_PORT: "0",
    RECSYS_LOG_LEVEL: "warn",
    // The first start trains every model: the fast settings, and an evaluation sample (it only gates promotion).
    ...FAST_OFFLINE_ENV,
    RECSYS_OFFLINE_EVAL_MAX_USERS: "100",
  };
  let demo: DemoProcess;

  before(async () => {
    demo = await startDemo(env, TRAINING_START_MS);
    assert.match(demo.output(), /first start: training every model/);
  });
  after(async () => {
    if (demo && demo.child.exitCode === null && demo.child.signalCode === null) await demo.stop("SIGKILL");
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("answers the Comedy top 10 with Comedy movies ordered by Bayesian average", async () => {
    const response = await fetch(`${demo.url}/api/v1/genres/Comedy/items?k=10`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { items: ItemJson[]; version: string };
    assert.equal(body.items.length, 10);
    for (const item of body.items) {
      assert.ok(item.genres.includes("Comedy"), `${item.title} is not a comedy`);
      assert.ok(item.title.length > 0);
      assert.ok(item.ratingCount > 0);
    }
    const scores = body.items.map((i) => i.bayesianAverage);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  it("serves an item, health, and JSON errors naming the field", async () => {
    const item = (await (await fetch(`${demo.url}/api/v1/items/318`)).json()) as { item: ItemJson };
    assert.match(item.item.title, /Shawshank Redemption/);
    assert.equal((await fetch(`${demo.url}/healthz`)).status, 200);
    for (const query of ["k=0", "k=101", "k=abc", "k=1.5", "k=3&k=4"]) {
      const response = await fetch(`${demo.url}/api/v1/genres/Comedy/items?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal(((await response.json()) as { field: string }).field, "k");
    }
    const unknownGenre = await fetch(`${demo.url}/api/v1/genres/Polka/items`);
    assert.equal(unknownGenre.status, 404);
    assert.equal((await fetch(`${demo.url}/api/v1/items/99999999`)).status, 404);
    const badId = await fetch(`${demo.url}/api/v1/items/__proto__`);
    assert.equal(badId.status, 400);
    assert.equal(((await badId.json()) as { field: string }).field, "id");
  });

  it("serves recommendations from the version it trained on first start", async () => {
    const response = await fetch(`${demo.url}/api/v1/users/1/recommendations?k=5`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      coldStart: boolean;
      model: string;
      modelVersion: string | null;
      items: { itemId: string; channels: string[] }[];
    };
    assert.equal(body.coldStart, false);
    assert.equal(body.model, "ranker");
    assert.ok(body.modelVersion);
    assert.equal(body.items.length, 5);
    const similar = await fetch(`${demo.url}/api/v1/items/318/similar?k=5&method=item2vec`);
    assert.equal(((await similar.json()) as { items: unknown[] }).items.length, 5);
  });

  it("shuts down cleanly on SIGTERM, keeps the events, and a restart stores each rating once", async () => {
    assert.equal(await demo.stop("SIGTERM"), 0);
    assert.equal(await countRatings(stateDir), 100_836);
    // The second start serves what the first one trained.
    demo = await startDemo(env);
    assert.match(demo.output(), /serving the trained version/);
    assert.equal(await demo.stop("SIGINT"), 0);
    assert.equal(await countRatings(stateDir), 100_836);
  });
});
