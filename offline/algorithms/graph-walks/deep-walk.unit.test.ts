import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BehaviourGraphBuilder } from "../../../core/graph/index.ts";
import { deepWalkWalks } from "./deep-walk.ts";
import { chiSquare, chiSquareLimit, graphOf } from "./test-graphs.fixture.ts";

// Out-weights: a 4, b 4, c 5; d is a sink.
const graph = graphOf([
  ["a", "b", 3],
  ["a", "c", 1],
  ["b", "a", 2],
  ["b", "c", 2],
  ["c", "a", 1],
  ["c", "d", 4],
]);
const walks = deepWalkWalks(graph, { walks: 30_000, walkLength: 6, seed: 11 });

function countBy<T>(items: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

describe("deepWalkWalks", () => {
  it("draws start nodes by their share of out-weight", () => {
    const starts = countBy(walks.map((walk) => walk[0]));
    assert.equal(starts.get("d"), undefined);
    const stat = chiSquare(
      ["a", "b", "c"].map((id) => starts.get(id) ?? 0),
      [4 / 13, 4 / 13, 5 / 13],
    );
    assert.ok(stat < chiSquareLimit(2), `chi-square ${stat}`);
  });

  it("steps along out-edges in proportion to their weight", () => {
    const steps = countBy(walks.flatMap((walk) => walk.slice(1).map((to, i) => `${walk[i]}>${to}`)));
    const expected: [string, string[], number[]][] = [
      ["a", ["a>b", "a>c"], [3 / 4, 1 / 4]],
      ["b", ["b>a", "b>c"], [1 / 2, 1 / 2]],
      ["c", ["c>a", "c>d"], [1 / 5, 4 / 5]],
    ];
    for (const [from, keys, shares] of expected) {
      const stat = chiSquare(
        keys.map((key) => steps.get(key) ?? 0),
        shares,
      );
      assert.ok(stat < chiSquareLimit(1), `from ${from}: chi-square ${stat}`);
    }
    assert.equal([...steps.keys()].filter((key) => !/^(a>b|a>c|b>a|b>c|c>a|c>d)$/.test(key)).length, 0);
  });

  it("runs to walkLength and stops early only at a node without out-edges", () => {
    assert.equal(walks.length, 30_000);
    for (const walk of walks) {
      assert.ok(walk.length <= 6);
      if (walk.length < 6) assert.equal(walk.at(-1), "d");
      assert.ok(!walk.slice(0, -1).includes("d"));
    }
    assert.ok(walks.some((walk) => walk.length < 6) && walks.some((walk) => walk.length === 6));
  });

  it("is reproducible for a seed and differs across seeds", () => {
    const options = { walks: 200, walkLength: 8, seed: 5 };
    assert.deepEqual(deepWalkWalks(graph, options), deepWalkWalks(graph, options));
    assert.notDeepEqual(deepWalkWalks(graph, { ...options, seed: 6 }), deepWalkWalks(graph, options));
  });

  it("handles empty graphs, zero walks and single-node walks", () => {
    const empty = new BehaviourGraphBuilder().build();
    assert.deepEqual(deepWalkWalks(empty, { walks: 10, walkLength: 5, seed: 1 }), []);
    assert.deepEqual(deepWalkWalks(graph, { walks: 0, walkLength: 5, seed: 1 }), []);
    const singles = deepWalkWalks(graph, { walks: 50, walkLength: 1, seed: 1 });
    assert.ok(singles.every((walk) => walk.length === 1));
  });

  it("names the invalid option", () => {
    const ok = { walks: 1, walkLength: 2, seed: 1 };
    assert.throws(() => deepWalkWalks(graph, { ...ok, walks: -1 }), /walks/);
    assert.throws(() => deepWalkWalks(graph, { ...ok, walkLength: 0 }), /walkLength/);
    assert.throws(() => deepWalkWalks(graph, { ...ok, seed: 1.5 }), /seed/);
    assert.throws(() => deepWalkWalks({ ...graph, weights: new Float32Array(6) }, ok), /weight/);
  });
});
