import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { waitFor } from "../core/ports/contracts/wait-for.ts";
import { readAll } from "../infra/embedded/event-log/test-helpers.ts";
import { SIMILAR_METHODS } from "../online/api/query-schemas.ts";
import {
  recommendationsResponse,
  similarResponse,
  trendingResponse,
  userResponse,
} from "../online/api/response-schemas.ts";
import { TOPICS } from "../schemas/index.ts";
import { type EmbeddedOnline, firstUsersDataset, startEmbeddedOnline } from "./support/online-embedded.ts";

/** Users of ml-latest-small trained on: the fewest for which the fast settings still publish a ranker. */
const USERS = 100;
const UNKNOWN_USER = "nobody-has-this-id";

interface Problem {
  status: number;
  field?: string;
}
type Recommendations = ReturnType<typeof recommendationsResponse.parse>;

/** A metric's value summed over the series whose labels include `labels` (0 when there is none). */
function metricValue(text: string, name: string, labels: string): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith(`${name}{`) && line.includes(labels)) sum += Number(line.split(" ").at(-1));
  }
  return sum;
}

describe("online API on embedded adapters, a version trained in process and the nearline running", async () => {
  const { dataset, ratings } = await firstUsersDataset(USERS);
  // A user with a middling history (about 40 ratings), and the most rated item.
  const perUser = new Map<string, number>();
  const perItem = new Map<string, number>();
  for (const r of ratings) {
    perUser.set(r.userId, (perUser.get(r.userId) ?? 0) + 1);
    perItem.set(r.itemId, (perItem.get(r.itemId) ?? 0) + 1);
  }
  const user = [...perUser].sort(
    (a, b) => Math.abs(a[1] - 40) - Math.abs(b[1] - 40) || (a[0] < b[0] ? -1 : 1),
  )[0]?.[0] as string;
  const rated = new Set(ratings.filter((r) => r.userId === user).map((r) => r.itemId));
  const popularItem = [...perItem].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  let online: EmbeddedOnline;

  before(async () => {
    online = await startEmbeddedOnline(dataset, {
      // Generous: on a busy test machine the default 150 ms would make answers degraded at random.
      RECSYS_ONLINE_DEADLINE_MS: "5000",
      RECSYS_ONLINE_RESPONSE_CACHE_TTL_MS: "2000",
    });
  });
  after(async () => {
    await online?.close();
  });

  const get = (path: string) => online.app.request(path);
  const json = async <T>(path: string, status = 200): Promise<T> => {
    const response = await get(path);
    const body = await response.text();
    assert.equal(response.status, status, `${path}: ${body}`);
    return JSON.parse(body) as T;
  };
  const recommend = async (userId: string, query = "") =>
    recommendationsResponse.parse(await json(`/api/v1/users/${userId}/recommendations${query}`));
  const badRequest = async (path: string, field: string) => {
    const problem = await json<Problem>(path, 400);
    assert.equal(problem.field, field, `${path} names ${problem.field}`);
  };

  describe("the bad-parameter table of reliability.md", () => {
    const badIds = ["__proto__", "a".repeat(65), "a%2Fb", "a%01b", "%0A", "a%20b", "%C3%A9"];

    it("bad user ids are 400 naming id, on recommendations and on the profile", async () => {
      for (const id of badIds) {
        await badRequest(`/api/v1/users/${id}/recommendations`, "id");
        await badRequest(`/api/v1/users/${id}`, "id");
      }
    });

    it("bad item ids are 400 naming id on similar items", async () => {
      for (const id of badIds) await badRequest(`/api/v1/items/${id}/similar`, "id");
    });

    it("k out of range, non-integer or repeated is 400 naming k, on every read with k", async () => {
      const paths = [
        `/api/v1/users/${user}/recommendations`,
        `/api/v1/items/${popularItem}/similar`,
        "/api/v1/trending",
        "/api/v1/genres/Comedy/items",
      ];
      for (const path of paths) {
        for (const query of ["k=0", "k=101", "k=abc", "k=1.5", "k=-1", "k=", "k=3&k=4"]) {
          await badRequest(`${path}?${query}`, "k");
        }
      }
    });

    it("a bad model, method, sort, explain, exclude or an unknown parameter is 400 naming it", async () => {
      const recommendations = `/api/v1/users/${user}/recommendations`;
      await badRequest(`${recommendations}?model=best`, "model");
      await badRequest(`${recommendations}?explain=yes`, "explain");
      await badRequest(`${recommendations}?exclude=1,__proto__`, "exclude");
      await badRequest(`${recommendations}?model=ranker&model=embedding`, "model");
      await badRequest(`${recommendations}?kk=5`, "kk");
      await badRequest(`/api/v1/items/${popularItem}/similar?method=word2vec`, "method");
      await badRequest("/api/v1/genres/Comedy/items?sort=newest", "sort");
    });

    it("an unknown user is 200 with a cold-start list, never 404", async () => {
      const answer = await recommend(UNKNOWN_USER, "?k=5");
      assert.equal(answer.coldStart, true);
      assert.equal(answer.model, "cold-start");
      assert.equal(answer.degraded, false, answer.degradedReasons.join());
      assert.equal(answer.items.length, 5);
      assert.equal(new Set(answer.items.map((i) => i.itemId)).size, 5);
      const profile = userResponse.parse(await json(`/api/v1/users/${UNKNOWN_USER}`));
      assert.equal(profile.coldStart, true);
      assert.deepEqual(profile.history, []);
      assert.equal(profile.embeddingVersion, null);
    });

    it("an unknown item is 404 on similar items, naming id", async () => {
      const problem = await json<Problem>("/api/v1/items/99999999/similar", 404);
      assert.equal(problem.field, "id");
    });
  });

  describe("recommendations", () => {
    it("a known user gets k unseen items with scores, channels and the model version, not degraded", async () => {
      const answer = await recommend(user, "?k=10");
      assert.equal(answer.userId, user);
      assert.equal(answer.coldStart, false);
      assert.equal(answer.degraded, false, answer.degradedReasons.join());
      assert.equal(answer.model, "ranker", "the published ranker is the default");
      assert.equal(answer.modelVersion, online.version);
      assert.equal(answer.items.length, 10);
      for (const item of answer.items) {
        assert.ok(!rated.has(item.itemId), `${item.itemId} was rated by the user`);
        assert.ok(Number.isFinite(item.score));
        assert.ok(item.channels.length > 0, `${item.itemId} names the channels that found it`);
        assert.ok(item.title.length > 0);
        assert.equal(item.explain, undefined);
      }
      const scores = answer.items.map((i) => i.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
    });

    it("model=embedding ranks by the embedding model", async () => {
      const answer = await recommend(user, "?k=10&model=embedding");
      assert.equal(answer.model, "embedding");
      assert.equal(answer.degraded, false, answer.degradedReasons.join());
      assert.equal(answer.items.length, 10);
      assert.ok(answer.items.every((i) => !rated.has(i.itemId)));
    });

    it("explain=1 adds feature values and score parts to every item", async () => {
      for (const model of ["ranker", "embedding"]) {
        const answer = await recommend(user, `?k=5&explain=1&model=${model}`);
        assert.equal(answer.items.length, 5);
        for (const item of answer.items) {
          assert.ok(item.explain, `${model}: ${item.itemId} is explained`);
          assert.ok(Object.keys(item.explain.features).length > 0);
          assert.ok(Object.keys(item.explain.parts).length > 0);
          assert.ok(Object.values(item.explain.features).every(Number.isFinite));
        }
      }
    });

    it("exclude removes the named ids", async () => {
      const first = await recommend(user, "?k=6");
      const excluded = first.items.slice(0, 3).map((i) => i.itemId);
      const second = await recommend(user, `?k=6&exclude=${excluded.join(",")}`);
      assert.equal(second.items.length, 6);
      for (const id of excluded) assert.ok(!second.items.some((i) => i.itemId === id), `${id} excluded`);
    });

    it("a second identical request within the TTL is served from the response cache", async () => {
      const metric = async () =>
        metricValue(
          await (await get("/metrics")).text(),
          "starling_online_response_cache_total",
          'outcome="hit"',
        );
      const before = await metric();
      const first = await recommend(user, "?k=7&exclude=1");
      const second = await recommend(user, "?k=7&exclude=1");
      assert.equal(await metric(), before + 1);
      assert.deepEqual(second.items, first.items);
      assert.notEqual(second.requestId, first.requestId, "each answer has its own request id");
    });

    it("each served list is written to the impressions topic with positions and the model version", async () => {
      const answer = await recommend(user, "?k=4&explain=0");
      let found: Record<string, unknown> | undefined;
      await waitFor(
        async () => {
          const records = await readAll(online.adapters.eventLog, TOPICS.impressions);
          found = records
            .map((r) => JSON.parse(r.value ?? "null"))
            .find((event) => event?.requestId === answer.requestId);
          return found !== undefined;
        },
        { timeoutMs: 5000, intervalMs: 50, message: `the impression of request ${answer.requestId}` },
      );
      assert.equal(found?.type, "impression");
      assert.equal(found?.userId, user);
      assert.equal(found?.modelVersion, online.version);
      assert.deepEqual(
        found?.items,
        answer.items.map((item, position) => ({ itemId: item.itemId, position })),
      );
    });
  });

  describe("items, trending, profile and service routes", () => {
    for (const method of SIMILAR_METHODS) {
      it(`similar items by ${method} exclude the item itself`, async () => {
        const answer = similarResponse.parse(
          await json(`/api/v1/items/${popularItem}/similar?k=8&method=${method}`),
        );
        assert.equal(answer.method, method);
        assert.equal(answer.version, online.version);
        assert.ok(answer.items.length > 0, `${method} finds neighbours of the most rated item`);
        assert.ok(answer.items.length <= 8);
        assert.ok(!answer.items.some((i) => i.itemId === popularItem), `${method} lists the item itself`);
        assert.ok(answer.items.every((i) => Number.isFinite(i.score) && i.title.length > 0));
      });
    }

    it("genre lists sort by rating, popularity or release year", async () => {
      const byPopularity = await json<{ sort: string; items: { itemId: string; ratingCount: number }[] }>(
        "/api/v1/genres/Drama/items?k=5&sort=popularity",
      );
      assert.equal(byPopularity.sort, "popularity");
      const counts = byPopularity.items.map((i) => perItem.get(i.itemId) ?? 0);
      assert.deepEqual(
        counts,
        [...counts].sort((a, b) => b - a),
      );
      const recent = await json<{ sort: string; items: { year: number }[] }>(
        "/api/v1/genres/Drama/items?k=5&sort=recent",
      );
      assert.equal(recent.sort, "recent");
      const years = recent.items.map((i) => i.year);
      assert.deepEqual(
        years,
        [...years].sort((a, b) => b - a),
      );
    });

    it("the user profile has history, top genres and the embedding version", async () => {
      const profile = userResponse.parse(await json(`/api/v1/users/${user}`));
      assert.equal(profile.coldStart, false);
      assert.equal(profile.degraded, false);
      assert.equal(profile.history.length, Math.min(50, rated.size));
      assert.ok(profile.history.every((h) => rated.has(h.itemId) && h.type === "rating"));
      const times = profile.history.map((h) => h.timestamp);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        "newest first",
      );
      assert.ok(profile.topGenres.length > 0);
      assert.equal(profile.embeddingVersion, online.version);
    });

    it("/openapi.json is the OpenAPI 3.1 document", async () => {
      const document = await json<{ openapi: string; paths: Record<string, unknown> }>("/openapi.json");
      assert.equal(document.openapi, "3.1.0");
      assert.ok(document.paths["/api/v1/users/{id}/recommendations"]);
    });

    it("/readyz is ready", async () => {
      const readiness = await json<{ status: string; checks: Record<string, string> }>("/readyz");
      assert.equal(readiness.status, "ready", JSON.stringify(readiness.checks));
    });
  });

  describe("live updates through the nearline", () => {
    it("a posted click removes the item from the user's next recommendations and makes it trend", async () => {
      const before = await recommend(user, "?k=5");
      const clicked = before.items[0]?.itemId as string;
      const response = await online.app.request("/api/v1/events", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "click", userId: user, itemId: clicked, timestamp: Date.now() }),
      });
      assert.equal(response.status, 202, await response.clone().text());
      let after: Recommendations | undefined;
      await waitFor(
        async () => {
          after = await recommend(user, "?k=5");
          return !after.items.some((i) => i.itemId === clicked);
        },
        { timeoutMs: 10_000, intervalMs: 100, message: `item ${clicked} to leave user ${user}'s list` },
      );
      assert.equal(after?.degraded, false, after?.degradedReasons.join());
      const profile = userResponse.parse(await json(`/api/v1/users/${user}`));
      assert.deepEqual(
        { itemId: profile.history[0]?.itemId, type: profile.history[0]?.type },
        { itemId: clicked, type: "click" },
      );
      const trending = trendingResponse.parse(await json("/api/v1/trending?k=10"));
      assert.equal(trending.degraded, false);
      assert.ok(
        trending.items.some((i) => i.itemId === clicked),
        "the clicked item trends",
      );
    });
  });

  describe("metrics", () => {
    it("/metrics has request latency per route and lookup outcomes per tier", async () => {
      const response = await get("/metrics");
      assert.equal(response.status, 200);
      const text = await response.text();
      for (const route of [
        "/api/v1/users/:id/recommendations",
        "/api/v1/items/:id/similar",
        "/api/v1/users/:id",
        "/api/v1/trending",
      ]) {
        assert.ok(
          metricValue(text, "starling_online_request_seconds_count", `route="${route}"`) > 0,
          `latency of ${route}`,
        );
      }
      assert.ok(
        metricValue(text, "starling_online_request_seconds_count", 'status="400"') > 0,
        "bad requests are measured too",
      );
      assert.match(text, /^starling_online_lookup_total\{/m);
      assert.ok(metricValue(text, "starling_online_response_cache_total", 'outcome="miss"') > 0);
    });
  });
});
