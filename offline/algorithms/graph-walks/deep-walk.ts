import { type BehaviourGraph, validateGraph } from "../../../core/graph/index.ts";
import { buildFirstOrderTables, drawEdge, drawStart } from "./first-order.ts";
import { createUniform } from "./uniform.ts";
import { validateWalkOptions, type WalkOptions } from "./walk-params.ts";

/**
 * DeepWalk's truncated random walks over the behaviour graph, as item ids: each walk starts at a node drawn
 * by its share of all out-weight and steps along out-edges in proportion to their weight, O(1) per step.
 * Reproducible for a seed; [] when the graph has no edges.
 */
export function deepWalkWalks(graph: BehaviourGraph, options: WalkOptions): string[][] {
  validateWalkOptions(options);
  validateGraph(graph);
  const tables = buildFirstOrderTables(graph);
  const uniform = createUniform(options.seed);
  const walks: string[][] = [];
  if (tables.startNodes.length === 0) return walks;
  for (let w = 0; w < options.walks; w++) {
    let node = drawStart(tables, uniform);
    const walk = [graph.nodes[node] as string];
    while (walk.length < options.walkLength) {
      const edge = drawEdge(tables, node, uniform);
      if (edge < 0) break;
      node = graph.targets[edge] as number;
      walk.push(graph.nodes[node] as string);
    }
    walks.push(walk);
  }
  return walks;
}
