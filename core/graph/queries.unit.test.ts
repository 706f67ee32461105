import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateGraph } from "./behaviour-graph.ts";
import { BehaviourGraphBuilder } from "./builder.ts";
import { findEdge, neighbours, nodeIndex, outDegree, outWeight } from "./queries.ts";

function sample() {
  const builder = new BehaviourGraphBuilder();
  builder.addTransition("a", "d", 2);
  builder.addTransition("a", "b", 3);
  builder.addTransition("a", "c", 2);
  builder.addTransition("a", "e", 0.5);
  builder.addTransition("b", "a", 1);
  return builder.build();
}

describe("graph queries", () => {
  it("sums and counts out-edges per node index", () => {
    const graph = sample();
    const index = nodeIndex(graph);
    assert.equal(outWeight(graph, index.get("a") as number), 7.5);
    assert.equal(outDegree(graph, index.get("a") as number), 4);
    assert.equal(outWeight(graph, index.get("e") as number), 0);
  });

  it("finds edges by binary search", () => {
    const graph = sample();
    const [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map((id) => nodeIndex(graph).get(id) as number);
    for (const target of [b, c, d, e] as number[]) {
      const edge = findEdge(graph, a as number, target);
      assert.equal(graph.targets[edge], target);
    }
    assert.equal(findEdge(graph, b as number, a as number), 4);
    assert.equal(findEdge(graph, b as number, c as number), -1);
    assert.equal(findEdge(graph, e as number, a as number), -1);
  });

  it("returns the top-k neighbours by weight, ties by id", () => {
    const graph = sample();
    assert.deepEqual(neighbours(graph, "a", 3), [
      { itemId: "b", weight: 3 },
      { itemId: "c", weight: 2 },
      { itemId: "d", weight: 2 },
    ]);
    assert.equal(neighbours(graph, "a", 10).length, 4);
    assert.deepEqual(neighbours(graph, "e", 3), []);
    assert.deepEqual(neighbours(graph, "unknown", 3), []);
    assert.deepEqual(neighbours(graph, "a", 0), []);
  });

  it("validation names the broken invariant", () => {
    const graph = sample();
    const broken = (change: object) => () => validateGraph({ ...graph, ...change });
    assert.throws(broken({ nodes: ["b", "a", "c", "d", "e"] }), /ascending/);
    assert.throws(broken({ offsets: Int32Array.from([0, 4, 5, 5, 5]) }), /offsets/);
    assert.throws(broken({ targets: Int32Array.from([1, 1, 2, 3, 0]) }), /not ascending/);
    assert.throws(broken({ targets: Int32Array.from([0, 1, 2, 3, 0]) }), /self-loop/);
    assert.throws(broken({ targets: Int32Array.from([1, 2, 3, 9, 0]) }), /out of range/);
    assert.throws(broken({ weights: Float32Array.from([3, 2, 2, 0, 1]) }), /weight/);
    assert.throws(broken({ weights: Float32Array.from([3, 2, 2]) }), /length/);
  });
});
