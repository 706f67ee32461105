import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reverseEdges } from "./reverse-edges.ts";
import { graphOf } from "./test-graphs.fixture.ts";

describe("reverseEdges", () => {
  it("lists each node's sources in ascending order", () => {
    // Nodes a b c d: a→b, a→c, c→b, d→b, b→a.
    const graph = graphOf([
      ["d", "b", 1],
      ["a", "c", 1],
      ["c", "b", 1],
      ["a", "b", 1],
      ["b", "a", 1],
    ]);
    const { offsets, sources } = reverseEdges(graph);
    assert.deepEqual([...offsets], [0, 1, 4, 5, 5]);
    assert.deepEqual([...sources], [1, 0, 2, 3, 0]);
  });
});
