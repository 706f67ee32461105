import { findEdge } from "../../../core/graph/index.ts";
import { drawEdge, type FirstOrderTables } from "./first-order.ts";
import { type SearchBias, searchBias } from "./node2vec-bias.ts";
import type { Uniform } from "./uniform.ts";

/**
 * Rejection sampling of node2vec's second-order step, as KnightKing does it: propose an out-edge of v from its
 * first-order table and accept it with probability bias / envelope. The envelope is max(1, 1/q); when 1/p is
 * larger, only the return edge v → t exceeds it, so that excess is drawn from a separate "appendix" of mass
 * w(v, t) × (1/p - envelope) instead of lowering every acceptance rate. O(1) expected trials per step for
 * moderate p and q, and no memory beyond the first-order tables.
 */
export function drawAfterRejecting(
  tables: FirstOrderTables,
  t: number,
  v: number,
  bias: SearchBias,
  uniform: Uniform,
): number {
  const graph = tables.graph;
  if ((graph.offsets[v + 1] as number) === (graph.offsets[v] as number)) return -1;
  const envelope = Math.max(1, bias.invQ);
  const back = bias.invP > envelope ? findEdge(graph, v, t) : -1;
  const regular = envelope * (tables.outWeights[v] as number);
  const appendix = back < 0 ? 0 : (graph.weights[back] as number) * (bias.invP - envelope);
  for (;;) {
    if (appendix > 0 && uniform() * (regular + appendix) >= regular) return back;
    const edge = drawEdge(tables, v, uniform);
    const accept = Math.min(searchBias(graph, t, graph.targets[edge] as number, bias), envelope);
    if (uniform() * envelope < accept) return edge;
  }
}
