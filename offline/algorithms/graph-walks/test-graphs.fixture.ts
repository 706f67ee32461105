import { type BehaviourGraph, BehaviourGraphBuilder, nodeIndex } from "../../../core/graph/index.ts";
import { createUniform } from "./uniform.ts";

/** A graph from weighted directed edges; fixtures for the walk tests. */
export function graphOf(edges: readonly (readonly [string, string, number])[]): BehaviourGraph {
  const builder = new BehaviourGraphBuilder();
  for (const [from, to, weight] of edges) builder.addTransition(from, to, weight);
  return builder.build();
}

/** `count` cliques of `size` nodes ("k<c>-<i>", both directions, weight 1), each joined to the next by one edge pair. */
export function chainOfCliques(count: number, size: number): BehaviourGraph {
  const edges: [string, string, number][] = [];
  const id = (c: number, i: number) => `k${c}-${i}`;
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) if (i !== j) edges.push([id(c, i), id(c, j), 1]);
    }
    if (c + 1 < count) edges.push([id(c, size - 1), id(c + 1, 0), 1], [id(c + 1, 0), id(c, size - 1), 1]);
  }
  return graphOf(edges);
}

/** Two dense communities "a<i>" and "b<i>" with random weights 1..5 inside and one weak edge pair between. */
export function twoCommunities(size: number, seed: number): BehaviourGraph {
  const uniform = createUniform(seed);
  const edges: [string, string, number][] = [];
  for (const community of ["a", "b"]) {
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        if (i !== j) edges.push([`${community}${i}`, `${community}${j}`, 1 + Math.floor(uniform() * 5)]);
      }
    }
  }
  edges.push(["a0", "b0", 1], ["b0", "a0", 1]);
  return graphOf(edges);
}

/** Hop distances from `start` treating edges as undirected. */
export function hopDistances(graph: BehaviourGraph, start: string): Map<string, number> {
  const index = nodeIndex(graph);
  const adjacent = graph.nodes.map(() => new Set<number>());
  graph.nodes.forEach((_, from) => {
    for (let e = graph.offsets[from] as number; e < (graph.offsets[from + 1] as number); e++) {
      const to = graph.targets[e] as number;
      adjacent[from]?.add(to);
      adjacent[to]?.add(from);
    }
  });
  const distance = new Map([[start, 0]]);
  const queue = [index.get(start) as number];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (const next of adjacent[node] ?? []) {
      const id = graph.nodes[next] as string;
      if (distance.has(id)) continue;
      distance.set(id, (distance.get(graph.nodes[node] as string) as number) + 1);
      queue.push(next);
    }
  }
  return distance;
}

/** Pearson's statistic of `observed` counts against probabilities `expected` (summing to 1). */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  const total = observed.reduce((sum, c) => sum + c, 0);
  return observed.reduce((sum, c, i) => {
    const e = total * (expected[i] as number);
    return sum + (c - e) ** 2 / e;
  }, 0);
}

/** The chi-square quantile at 1 - 0.001 for `df` degrees of freedom (Wilson–Hilferty). */
export function chiSquareLimit(df: number): number {
  const z = 3.09;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}
