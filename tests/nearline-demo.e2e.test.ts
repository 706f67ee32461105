import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { waitFor } from "../core/ports/contracts/wait-for.ts";
import { type DemoProcess, startDemo } from "./support/demo-process.ts";
import { FAST_OFFLINE_ENV } from "./support/fast-offline-env.ts";
import { runRecsys } from "./support/recsys-cli.ts";
import { sharedDataDir } from "./support/shared-data.ts";

interface StateJson {
  history: { eventId: string; itemId: string }[];
  features: { ratingCount: number } | null;
  embeddingsVersion: string | null;
  embeddings: Record<string, number[]>;
  lastLiked: string | null;
}

const cosine = (a: number[], b: number[]) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return dot / Math.sqrt(na * nb);
};

/** The acceptance path of the nearline tier: a rating posted to the demo changes the user's state within a second. */
describe("nearline in the embedded demo", () => {
  const stateDir = mkdtempSync(join(tmpdir(), "starling-nearline-demo-"));
  const env = {
    RECSYS_DATA_DIR: sharedDataDir(),
    RECSYS_STATE_DIR: stateDir,
    RECSYS_HTTP_PORT: "0",
    RECSYS_LOG_LEVEL: "warn",
    ...FAST_OFFLINE_ENV,
  };
  let demo: DemoProcess;

  before(async () => {
    const train = await runRecsys(["offline", "train", "--data", sharedDataDir()], env, 600_000);
    assert.equal(train.code, 0, `${train.stdout}\n${train.stderr}`);
    demo = await startDemo(env);
  });
  after(async () => {
    if (demo && demo.child.exitCode === null && demo.child.signalCode === null) await demo.stop("SIGKILL");
    rmSync(stateDir, { recursive: true, force: true });
  });

  const post = (body: unknown) =>
    fetch(`${demo.url}/api/v1/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const state = async (userId: string) =>
    (await (await fetch(`${demo.url}/api/v1/users/${userId}/state`)).json()) as StateJson;

  it("a posted rating moves the user's embedding, history, features and graph within a second", async () => {
    const now = Date.now();
    const first = { type: "rating", userId: "1", itemId: "2571", rating: 5, timestamp: now - 1000 };
    const second = { type: "rating", userId: "1", itemId: "318", rating: 4.5, timestamp: now };
    const response = await post({ events: [first, second] });
    assert.equal(response.status, 202, await response.clone().text());
    const acked = (await response.json()) as { results: { eventId: string }[] };
    const postedAt = Date.now();
    let seen: StateJson | undefined;
    await waitFor(
      async () => {
        seen = await state("1");
        return seen.history[0]?.eventId === acked.results[1]?.eventId;
      },
      { timeoutMs: 1000, intervalMs: 20, message: "user 1's state to show the posted ratings" },
    );
    assert.ok(Date.now() - postedAt <= 1000);
    const after = seen as StateJson;
    assert.equal(after.history[1]?.eventId, acked.results[0]?.eventId);
    // Seeded from the user's stored history (232 ratings in ml-latest-small), then the two new ones.
    assert.equal(after.features?.ratingCount, 234);
    assert.equal(after.lastLiked, "318");
    const version = after.embeddingsVersion;
    assert.ok(version, "an embeddings version is active after offline train");
    const vector = after.embeddings.item2vec;
    assert.ok(vector && vector.length > 0, JSON.stringify(Object.keys(after.embeddings)));
    const graph = (await (await fetch(`${demo.url}/api/v1/items/2571/next`)).json()) as {
      items: { itemId: string; weight: number }[];
    };
    assert.deepEqual(graph.items, [{ itemId: "318", weight: 1 }]);
    // One more liked item moves the vector a little: the mean now includes it.
    await post({ type: "rating", userId: "1", itemId: "296", rating: 5, timestamp: Date.now() });
    let moved: StateJson | undefined;
    await waitFor(
      async () => {
        moved = await state("1");
        return moved.lastLiked === "296";
      },
      { timeoutMs: 1000, intervalMs: 20, message: "the third rating to apply" },
    );
    const next = (moved as StateJson).embeddings.item2vec as number[];
    assert.notDeepEqual(next, vector);
    assert.ok(cosine(next, vector) > 0.9, "one more item among hundreds moves the mean only a little");
  });

  it("an invalid event is refused with the field named and changes nothing", async () => {
    const response = await post({
      type: "rating",
      userId: "2",
      itemId: "1",
      rating: "5",
      timestamp: Date.now(),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { field?: string };
    assert.equal(body.field, "rating");
    assert.deepEqual((await state("2")).history, []);
  });
});
