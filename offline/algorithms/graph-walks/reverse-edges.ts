import type { BehaviourGraph } from "../../../core/graph/index.ts";

/** In-edges in CSR form: node i's sources are sources[offsets[i]..offsets[i + 1]), ascending. */
export interface ReverseEdges {
  readonly offsets: Int32Array;
  readonly sources: Int32Array;
}

/** Transposes the graph's edges in O(nodes + edges). */
export function reverseEdges(graph: BehaviourGraph): ReverseEdges {
  const n = graph.nodes.length;
  const offsets = new Int32Array(n + 1);
  for (const target of graph.targets) offsets[target + 1] = (offsets[target + 1] as number) + 1;
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const fill = offsets.slice(0, n);
  const sources = new Int32Array(graph.targets.length);
  for (let from = 0; from < n; from++) {
    for (let e = graph.offsets[from] as number; e < (graph.offsets[from + 1] as number); e++) {
      const target = graph.targets[e] as number;
      sources[fill[target] as number] = from;
      fill[target] = (fill[target] as number) + 1;
    }
  }
  return { offsets, sources };
}
