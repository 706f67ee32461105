import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { validateGraph } from "./behaviour-graph.ts";
import { BehaviourGraphBuilder } from "./builder.ts";
import { transitionsOf } from "./transitions.ts";

describe("transitionsOf", () => {
  it("links each item to the next, skipping consecutive repeats", () => {
    assert.deepEqual(transitionsOf(["a", "b", "b", "c", "a", "a"]), [
      ["a", "b"],
      ["b", "c"],
      ["c", "a"],
    ]);
  });

  it("gives nothing for empty, single-item and all-repeat sequences", () => {
    assert.deepEqual(transitionsOf([]), []);
    assert.deepEqual(transitionsOf(["a"]), []);
    assert.deepEqual(transitionsOf(["a", "a", "a"]), []);
  });
});

describe("BehaviourGraphBuilder", () => {
  it("counts transitions across users into a CSR layout sorted by id", () => {
    const builder = new BehaviourGraphBuilder();
    builder.addSequence(["m3", "m1", "m2"]);
    builder.addSequence(["m1", "m2", "m2", "m3"]);
    builder.addSequence(["m2", "m1"]);
    builder.addSequence(["m9"]);
    const graph = builder.build();
    // m1→m2 ×2, m2→m3 ×1, m2→m1 ×1, m3→m1 ×1; m9 never transitions so it is no node.
    assert.deepEqual(graph.nodes, ["m1", "m2", "m3"]);
    assert.deepEqual([...graph.offsets], [0, 1, 3, 4]);
    assert.deepEqual([...graph.targets], [1, 0, 2, 0]);
    assert.deepEqual([...graph.weights], [2, 1, 1, 1]);
    validateGraph(graph);
  });

  it("gives the same graph whatever order transitions arrive in", () => {
    const pairs: [string, string, number][] = [
      ["b", "a", 1],
      ["a", "c", 2.5],
      ["c", "b", 1],
      ["a", "b", 1],
      ["a", "c", 0.5],
    ];
    const forward = new BehaviourGraphBuilder();
    const backward = new BehaviourGraphBuilder();
    for (const [from, to, w] of pairs) forward.addTransition(from, to, w);
    for (const [from, to, w] of [...pairs].reverse()) backward.addTransition(from, to, w);
    assert.deepEqual(forward.build(), backward.build());
    assert.deepEqual([...forward.build().weights], [1, 3, 1, 1]);
  });

  it("orders ids by code units, so '10' sorts before '9'", () => {
    const builder = new BehaviourGraphBuilder();
    builder.addSequence(["9", "10", "2"]);
    assert.deepEqual(builder.build().nodes, ["10", "2", "9"]);
  });

  it("stays usable after build and builds an empty graph when empty", () => {
    const builder = new BehaviourGraphBuilder();
    const empty = builder.build();
    assert.deepEqual([...empty.offsets], [0]);
    assert.equal(empty.targets.length, 0);
    builder.addTransition("x", "y");
    builder.build();
    builder.addTransition("x", "y");
    assert.deepEqual([...builder.build().weights], [2]);
  });

  it("rejects self-loops and weights that are not > 0", () => {
    const builder = new BehaviourGraphBuilder();
    assert.throws(() => builder.addTransition("a", "a"), ValidationError);
    assert.throws(() => builder.addTransition("a", "b", 0), /weight/);
    assert.throws(() => builder.addTransition("a", "b", Number.NaN), /weight/);
    assert.throws(() => builder.addTransition("a", "b", -1), /weight/);
    assert.equal(builder.build().nodes.length, 0);
  });
});
