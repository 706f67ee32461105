import type { BehaviourGraph } from "./behaviour-graph.ts";

/** One out-neighbour of an item, with the edge's weight. */
export interface GraphNeighbour {
  itemId: string;
  weight: number;
}

const indexCache = new WeakMap<BehaviourGraph, ReadonlyMap<string, number>>();

/** Node index of each item id, built once per graph. */
export function nodeIndex(graph: BehaviourGraph): ReadonlyMap<string, number> {
  let index = indexCache.get(graph);
  if (index === undefined) {
    index = new Map(graph.nodes.map((id, i) => [id, i]));
    indexCache.set(graph, index);
  }
  return index;
}

/** Number of out-edges of node index `node`. */
export function outDegree(graph: BehaviourGraph, node: number): number {
  return (graph.offsets[node + 1] as number) - (graph.offsets[node] as number);
}

/** Sum of the out-edge weights of node index `node`; 0 for a node without out-edges. */
export function outWeight(graph: BehaviourGraph, node: number): number {
  let sum = 0;
  for (let e = graph.offsets[node] as number; e < (graph.offsets[node + 1] as number); e++) {
    sum += graph.weights[e] as number;
  }
  return sum;
}

/** Edge index of from → to (node indices) by binary search over from's sorted targets, or -1. */
export function findEdge(graph: BehaviourGraph, from: number, to: number): number {
  let low = graph.offsets[from] as number;
  let high = (graph.offsets[from + 1] as number) - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const target = graph.targets[mid] as number;
    if (target === to) return mid;
    if (target < to) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** The `k` heaviest out-neighbours of item `nodeId`, ties by id ascending; [] for an unknown id or k <= 0. */
export function neighbours(graph: BehaviourGraph, nodeId: string, k: number): GraphNeighbour[] {
  const node = nodeIndex(graph).get(nodeId);
  if (node === undefined || k <= 0) return [];
  const edges: number[] = [];
  for (let e = graph.offsets[node] as number; e < (graph.offsets[node + 1] as number); e++) edges.push(e);
  // Edges are stored by target index and nodes are sorted by id, so a stable sort by weight breaks ties by id.
  edges.sort((a, b) => (graph.weights[b] as number) - (graph.weights[a] as number));
  return edges.slice(0, k).map((e) => ({
    itemId: graph.nodes[graph.targets[e] as number] as string,
    weight: graph.weights[e] as number,
  }));
}
