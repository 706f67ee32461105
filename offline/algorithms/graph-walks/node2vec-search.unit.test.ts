import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Node2vecOptions, node2vecWalks } from "./node2vec.ts";
import { chainOfCliques, hopDistances } from "./test-graphs.fixture.ts";

// Eight 4-cliques in a row: leaving a clique means taking the one bridge out of it, a step away from t.
const graph = chainOfCliques(8, 4);
const distances = new Map(graph.nodes.map((id) => [id, hopDistances(graph, id)]));

interface WalkStats {
  /** Mean hop distance from a walk's start to its end. */
  reach: number;
  /** Mean number of distinct nodes per walk. */
  distinct: number;
  /** Share of second-order steps that go straight back to the previous node. */
  returns: number;
}

function statsOf(p: number, q: number, sampler: Node2vecOptions["sampler"]): WalkStats {
  const walks = node2vecWalks(graph, { walks: 3000, walkLength: 20, p, q, seed: 21, sampler });
  let reach = 0;
  let distinct = 0;
  let returns = 0;
  let steps = 0;
  for (const walk of walks) {
    reach += distances.get(walk[0] as string)?.get(walk.at(-1) as string) as number;
    distinct += new Set(walk).size;
    for (let i = 2; i < walk.length; i++, steps++) if (walk[i] === walk[i - 2]) returns++;
  }
  return { reach: reach / walks.length, distinct: distinct / walks.length, returns: returns / steps };
}

describe("node2vec search bias on a chain of cliques", () => {
  for (const sampler of ["alias", "rejection"] as const) {
    it(`low q walks farther and visits more nodes than high q (${sampler})`, () => {
      const low = statsOf(1, 0.25, sampler);
      const neutral = statsOf(1, 1, sampler);
      const high = statsOf(1, 4, sampler);
      const report = JSON.stringify({ low, neutral, high });
      assert.ok(low.reach > 1.2 * neutral.reach && neutral.reach > 1.2 * high.reach, report);
      assert.ok(low.distinct > 1.2 * neutral.distinct && neutral.distinct > 1.2 * high.distinct, report);
      assert.ok(low.returns < high.returns, report);
    });

    it(`low p returns to the previous node more and stays local (${sampler})`, () => {
      const low = statsOf(0.25, 1, sampler);
      const neutral = statsOf(1, 1, sampler);
      const high = statsOf(4, 1, sampler);
      const report = JSON.stringify({ low, neutral, high });
      assert.ok(low.returns > 1.5 * neutral.returns && neutral.returns > 2 * high.returns, report);
      assert.ok(low.reach < 0.8 * neutral.reach && neutral.reach < high.reach, report);
      assert.ok(low.distinct < 0.8 * neutral.distinct && neutral.distinct < high.distinct, report);
    });
  }
});
