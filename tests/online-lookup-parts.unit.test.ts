import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareRatings } from "../core/rating-order.ts";
import type { HistoryEntry } from "../core/user-state/index.ts";
import { createAnnIndexFactory } from "../infra/ann/index.ts";
import { factorScorer, lastLikedScorer, meanOfLikedScorer } from "../offline/evaluate/index.ts";
import { createItemVectors } from "../online/lookup/item-vectors.ts";
import { mergeActions } from "../online/lookup/merge-actions.ts";
import type { UserAction } from "../online/lookup/types.ts";
import { actionsOfEvents, decodeArchive, encodeArchive } from "../online/lookup/user-archive.ts";

const rating = (itemId: string, value: number, timestamp: number): UserAction => ({
  itemId,
  type: "rating",
  rating: value,
  timestamp,
});
const click = (itemId: string, timestamp: number): UserAction => ({
  itemId,
  type: "click",
  rating: null,
  timestamp,
});

describe("merging the live history with the archive", () => {
  it("counts an event in both once, orders newest first, and finds the last liked item", () => {
    const archive = [rating("1", 5, 100), rating("2", 3, 200), click("3", 300), rating("9", 4, 300)];
    const live = [
      { eventId: "e5", type: "click" as const, itemId: "4", timestamp: 500 },
      { eventId: "e4", type: "rating" as const, itemId: "10", timestamp: 300, rating: 4 },
      { eventId: "e3", type: "click" as const, itemId: "3", timestamp: 300 },
    ];
    const merged = mergeActions(live, archive);
    assert.deepEqual(
      merged.actions.map((a) => `${a.type[0]}${a.itemId}@${a.timestamp}`),
      ["c4@500", "r10@300", "r9@300", "c3@300", "r2@200", "r1@100"],
    );
    assert.deepEqual([...merged.seen].sort(), ["1", "10", "2", "3", "4", "9"]);
    // (300, "10") is after (300, "9") in numeric id order: the protocol's last-rated order.
    assert.equal(merged.lastLiked, "10");
  });

  it("judges a re-rated item on its latest rating", () => {
    const merged = mergeActions([], [rating("1", 5, 100), rating("2", 4, 150), rating("1", 2, 200)]);
    assert.equal(merged.lastLiked, "2");
    assert.equal(mergeActions([], [rating("1", 3, 100), click("2", 200)]).lastLiked, null);
    assert.deepEqual(mergeActions([], []), { actions: [], seen: new Set(), lastLiked: null });
  });
});

/** The merge by its definition: every event once, sorted, each item judged on its latest rating. */
function naiveMerge(live: readonly HistoryEntry[], archive: readonly UserAction[]) {
  const all = new Map<string, UserAction>();
  const add = (a: UserAction) => all.set(`${a.type}|${a.itemId}|${a.timestamp}`, a);
  archive.forEach(add);
  for (const e of live) {
    if (e.type === "rating" && e.rating === undefined) continue;
    add({
      itemId: e.itemId,
      type: e.type,
      rating: e.type === "rating" ? (e.rating as number) : null,
      timestamp: e.timestamp,
    });
  }
  const actions = [...all.values()].sort(
    (a, b) => compareRatings(b, a) || (a.type === b.type ? 0 : a.type === "rating" ? -1 : 1),
  );
  const latest = new Map<string, UserAction>();
  for (const a of actions) if (a.type === "rating" && !latest.has(a.itemId)) latest.set(a.itemId, a);
  const likes = [...latest.values()].filter((a) => (a.rating as number) >= 3.5).sort(compareRatings);
  return { actions, seen: new Set(actions.map((a) => a.itemId)), lastLiked: likes.at(-1)?.itemId ?? null };
}

describe("the merge agrees with its definition on random histories", () => {
  it("for 300 random live lists and archives with shared events, re-ratings and ties", () => {
    let state = 1;
    const random = (n: number) => {
      state = (state * 48_271) % 2_147_483_647;
      return state % n;
    };
    for (let run = 0; run < 300; run++) {
      const drawn: UserAction[] = Array.from({ length: 1 + random(40) }, () =>
        random(4) === 0
          ? click(String(random(15)), 1000 + random(30))
          : rating(String(random(15)), (1 + random(10)) / 2, 1000 + random(30)),
      );
      // (type, item, time) is one event's identity: both copies of an event carry the same rating.
      const pool = [...new Map(drawn.map((a) => [`${a.type}|${a.itemId}|${a.timestamp}`, a])).values()];
      const archive = pool.filter(() => random(3) > 0);
      const live: HistoryEntry[] = pool
        .filter(() => random(2) === 0)
        .map((a, i) =>
          a.type === "rating"
            ? {
                eventId: `e${i}`,
                type: "rating",
                itemId: a.itemId,
                timestamp: a.timestamp,
                rating: a.rating as number,
              }
            : { eventId: `e${i}`, type: "click", itemId: a.itemId, timestamp: a.timestamp },
        );
      const merged = mergeActions(live, archive);
      assert.deepEqual(merged, naiveMerge(live, archive), `run ${run}`);
      assert.deepEqual(
        mergeActions(live, archive),
        merged,
        "the archive's cached index gives the same answer",
      );
    }
  });
});

describe("the archive value", () => {
  it("round-trips ratings and clicks, and reads anything else as corrupt", () => {
    const actions = [rating("1", 4.5, 1_000), click("a:b", 2_000)];
    assert.deepEqual(decodeArchive(encodeArchive(actions)), actions);
    assert.deepEqual(decodeArchive(encodeArchive([])), []);
    for (const bad of [
      "",
      "{",
      "null",
      "[]",
      '{"f":2,"a":[]}',
      '{"f":1,"a":[["r","1",5]]}',
      '{"f":1,"a":[["x","1",5]]}',
    ]) {
      assert.equal(decodeArchive(bad), null, bad);
    }
  });

  it("takes actions from BulkStore events, leaving out ratings without a rating", () => {
    const event = (type: string, itemId: string, body: object) => ({
      eventId: `${type}-${itemId}`,
      type,
      userId: "u",
      itemId,
      timestamp: 10,
      body: JSON.stringify(body),
    });
    const actions = actionsOfEvents([
      event("rating", "1", { rating: 4 }),
      event("rating", "2", {}),
      event("click", "3", {}),
      event("impression", "4", {}),
    ]);
    assert.deepEqual(actions, [rating("1", 4, 10), click("3", 10)]);
  });
});

/** Seeded vectors for `n` items of `dimension`, with one zero vector. */
function table(n: number, dimension: number) {
  let state = 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
  const itemIds = Array.from({ length: n }, (_, i) => String(i + 1));
  const vectors = Float32Array.from({ length: n * dimension }, () => random());
  vectors.fill(0, 3 * dimension, 4 * dimension);
  return { itemIds, dimension, vectors };
}

describe("item vectors score as the offline channels do", () => {
  const t = table(300, 24);
  const catalogue = [...t.itemIds, "unknown"];
  const history = [
    { userId: "u", itemId: "5", rating: 5, timestamp: 1 },
    { userId: "u", itemId: "17", rating: 4, timestamp: 2 },
    { userId: "u", itemId: "40", rating: 2, timestamp: 3 },
  ];
  const offlineScores = (scorer: { score(u: string, h: typeof history, out: Float32Array): void }) => {
    const out = new Float32Array(catalogue.length);
    scorer.score("u", history, out);
    return out;
  };

  it("cosine with the last liked item: equal to the offline scores after float32 rounding", () => {
    const online = createItemVectors(
      { model: "m", ids: t.itemIds, dimension: 24, vectors: t.vectors },
      "cosine",
    );
    const query = online.unitVectors.get("17") as Float32Array;
    const offline = offlineScores(lastLikedScorer("m", t, catalogue));
    for (const [i, id] of catalogue.entries()) {
      assert.equal(Math.fround(online.score(query, id)), offline[i], id);
    }
  });

  it("cosine with the mean of the liked items' unit vectors: equal within float32 rounding of the query", () => {
    const online = createItemVectors(
      { model: "m", ids: t.itemIds, dimension: 24, vectors: t.vectors },
      "cosine",
    );
    const query = new Float32Array(24);
    for (const id of ["5", "17"]) {
      const unit = online.unitVectors.get(id) as Float32Array;
      for (let d = 0; d < 24; d++) query[d] = (query[d] as number) + (unit[d] as number);
    }
    const offline = offlineScores(meanOfLikedScorer("m", t, catalogue));
    catalogue.forEach((id, i) => {
      const a = online.score(query, id);
      const b = offline[i] as number;
      assert.ok(a === b || Math.abs(a - b) < 1e-6, `${id}: ${a} vs ${b}`);
    });
  });

  it("inner product for ALS factors: equal to the offline factor scorer", () => {
    const users = Float32Array.from({ length: 24 }, (_, d) => Math.sin(d));
    const model = {
      userIds: ["u"],
      itemIds: t.itemIds,
      dimension: 24,
      userFactors: users,
      itemFactors: t.vectors,
    };
    const online = createItemVectors(
      { model: "als", ids: t.itemIds, dimension: 24, vectors: t.vectors },
      "dot",
    );
    const offline = offlineScores(factorScorer("als", model, catalogue));
    for (const [i, id] of catalogue.entries()) {
      assert.equal(Math.fround(online.score(users, id)), offline[i], id);
    }
    const top = online.search(users, 5, new Set(["1"]));
    const expected = t.itemIds
      .filter((id) => id !== "1")
      .map((id) => ({ id, score: online.score(users, id) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    assert.deepEqual(top, expected);
  });

  it("searches the HNSW index when given, rescoring hits as `score` does, and scans without one", () => {
    const ann = createAnnIndexFactory().build("hnsw", t.itemIds, t.vectors, 24);
    const withIndex = createItemVectors(
      { model: "m", ids: t.itemIds, dimension: 24, vectors: t.vectors },
      "cosine",
      ann,
    );
    const scanning = createItemVectors(
      { model: "m", ids: t.itemIds, dimension: 24, vectors: t.vectors },
      "cosine",
    );
    const query = withIndex.unitVectors.get("9") as Float32Array;
    const exclude = new Set(["9", "10"]);
    const exact = scanning.search(query, 10, exclude);
    const approximate = withIndex.search(query, 10, exclude);
    assert.equal(exact.length, 10);
    assert.ok(exact.every((h) => !exclude.has(h.id)));
    for (const hit of approximate) assert.equal(hit.score, scanning.score(query, hit.id));
    const overlap = approximate.filter((h) => exact.some((e) => e.id === h.id)).length;
    assert.ok(overlap >= 9, `HNSW found ${overlap} of the exact top 10`);
    assert.deepEqual(scanning.search(query, 0), []);
    assert.throws(() => scanning.search(new Float32Array(3), 5), RangeError);
    assert.equal(scanning.score(query, "nope"), Number.NEGATIVE_INFINITY);
  });
});
