import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BehaviourGraphBuilder } from "../../../core/graph/index.ts";
import { chooseNode2vecSampler, type Node2vecOptions, node2vecWalks } from "./node2vec.ts";
import { edgeAliasEntries } from "./node2vec-alias.ts";
import { chiSquare, chiSquareLimit, graphOf } from "./test-graphs.fixture.ts";

const edges: [string, string, number][] = [
  ["a", "b", 2],
  ["a", "c", 1],
  ["a", "d", 1],
  ["b", "a", 1],
  ["b", "c", 3],
  ["b", "e", 1],
  ["c", "a", 2],
  ["c", "d", 1],
  ["c", "f", 2],
  ["d", "b", 1],
  ["d", "e", 2],
  ["e", "a", 1],
  ["e", "c", 1],
  ["e", "f", 1],
  ["e", "g", 1],
  ["f", "d", 2],
  ["f", "b", 1],
];
const graph = graphOf(edges);

/** The exact next-node distribution after t → v, written independently of the samplers. */
function exact(t: string, v: string, p: number, q: number): Map<string, number> {
  const linked = (x: string, y: string) =>
    edges.some(([f, to]) => (f === x && to === y) || (f === y && to === x));
  const next = new Map<string, number>();
  for (const [from, x, w] of edges) {
    if (from === v) next.set(x, w * (x === t ? 1 / p : linked(t, x) ? 1 : 1 / q));
  }
  const total = [...next.values()].reduce((sum, w) => sum + w, 0);
  for (const [x, w] of next) next.set(x, w / total);
  return next;
}

/** Pooled chi-square of every (t, v) → x step in `walks` against the exact distribution. */
function pooledChiSquare(walks: string[][], p: number, q: number): { stat: number; df: number } {
  const contexts = new Map<string, Map<string, number>>();
  for (const walk of walks) {
    for (let i = 2; i < walk.length; i++) {
      const key = `${walk[i - 2]}>${walk[i - 1]}`;
      const counts = contexts.get(key) ?? new Map<string, number>();
      counts.set(walk[i] as string, (counts.get(walk[i] as string) ?? 0) + 1);
      contexts.set(key, counts);
    }
  }
  let stat = 0;
  let df = 0;
  for (const [key, counts] of contexts) {
    const [t, v] = key.split(">") as [string, string];
    const expected = exact(t, v, p, q);
    for (const x of counts.keys()) assert.ok(expected.has(x), `impossible step ${key}>${x}`);
    stat += chiSquare(
      [...expected.keys()].map((x) => counts.get(x) ?? 0),
      [...expected.values()],
    );
    df += expected.size - 1;
  }
  return { stat, df };
}

describe("node2vecWalks samplers", () => {
  // 1/p above, below and far above the envelope max(1, 1/q), so the rejection appendix is exercised.
  for (const [p, q] of [
    [0.5, 2],
    [2, 0.25],
    [0.2, 0.25],
  ] as const) {
    it(`alias tables and rejection both match the exact distribution at p=${p}, q=${q}`, () => {
      for (const sampler of ["alias", "rejection"] as const) {
        const walks = node2vecWalks(graph, { walks: 15_000, walkLength: 8, p, q, seed: 3, sampler });
        const { stat, df } = pooledChiSquare(walks, p, q);
        assert.ok(df > 20, `only ${df} degrees of freedom`);
        assert.ok(stat < chiSquareLimit(df), `${sampler}: chi-square ${stat} on ${df} df`);
      }
    });
  }

  it("takes the first step by edge weight alone", () => {
    const walks = node2vecWalks(graph, { walks: 20_000, walkLength: 2, p: 0.1, q: 10, seed: 4 });
    const fromA = walks.filter((walk) => walk[0] === "a" && walk.length === 2).map((walk) => walk[1]);
    const counts = ["b", "c", "d"].map((x) => fromA.filter((y) => y === x).length);
    const stat = chiSquare(counts, [0.5, 0.25, 0.25]);
    assert.ok(stat < chiSquareLimit(2), `chi-square ${stat}`);
  });
});

describe("node2vecWalks options", () => {
  const base: Node2vecOptions = { walks: 300, walkLength: 10, p: 0.5, q: 2, seed: 9 };

  it("'auto' precomputes alias tables only when they fit maxAliasEntries", () => {
    const entries = edgeAliasEntries(graph);
    assert.equal(
      entries,
      edges.reduce((sum, [, to]) => sum + edges.filter(([f]) => f === to).length, 0),
    );
    assert.equal(chooseNode2vecSampler(graph, {}), "alias");
    assert.equal(chooseNode2vecSampler(graph, { maxAliasEntries: entries }), "alias");
    assert.equal(chooseNode2vecSampler(graph, { maxAliasEntries: entries - 1 }), "rejection");
    assert.equal(chooseNode2vecSampler(graph, { sampler: "alias", maxAliasEntries: 0 }), "alias");
    const auto = node2vecWalks(graph, { ...base, maxAliasEntries: 0 });
    assert.deepEqual(auto, node2vecWalks(graph, { ...base, sampler: "rejection" }));
  });

  it("is reproducible for a seed and sampler and differs across seeds", () => {
    for (const sampler of ["alias", "rejection"] as const) {
      const options = { ...base, sampler };
      assert.deepEqual(node2vecWalks(graph, options), node2vecWalks(graph, options));
      assert.notDeepEqual(node2vecWalks(graph, { ...options, seed: 10 }), node2vecWalks(graph, options));
    }
  });

  it("stops at nodes without out-edges and handles empty graphs", () => {
    const walks = node2vecWalks(graph, { ...base, walks: 2000 });
    assert.ok(walks.every((walk) => walk.length === 10 || walk.at(-1) === "g"));
    assert.ok(walks.some((walk) => walk.length < 10));
    const empty = new BehaviourGraphBuilder().build();
    assert.deepEqual(node2vecWalks(empty, base), []);
  });

  it("names the invalid option", () => {
    assert.throws(() => node2vecWalks(graph, { ...base, p: 0 }), /\bp\b/);
    assert.throws(() => node2vecWalks(graph, { ...base, q: Number.POSITIVE_INFINITY }), /\bq\b/);
    assert.throws(() => node2vecWalks(graph, { ...base, maxAliasEntries: -1 }), /maxAliasEntries/);
    const sampler = "fast" as unknown as "alias";
    assert.throws(() => node2vecWalks(graph, { ...base, sampler }), /sampler/);
    assert.throws(() => node2vecWalks(graph, { ...base, walkLength: 0 }), /walkLength/);
  });
});
